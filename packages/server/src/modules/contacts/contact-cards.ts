// The host's cards about a contact (deals with pipeline, stage and amount; appointments;
// inspections; invoices), which <contact-panel> shows under the contact's details. The host's
// backend keeps them in step by its own key for each record: a save replaces the card, a delete
// removes it; every agent's panel hears the contact's whole set at once (contact.cards).
import type { EntityManager } from '@mikro-orm/sql';
import type { CommandParams, CommandResult, ContactCard } from '@convkit/sdk/protocol';
import type { CommandContext } from '../../commands/context.js';
import { newId } from '../../db/columns.js';
import { isPostgres, sqlAll } from '../../db/sql.js';
import { writeTransaction } from '../../db/transaction.js';
import { AppError, notFound } from '../../errors.js';
import { storableLine } from '../../text/storable.js';
import { hostLink } from '../host-links.js';
import type { EventBatch } from '../events/event-batch.js';

/** The most cards one contact holds: each save sends the whole set to every agent. */
export const CARDS_MAX = 50;

interface CardRow {
  card_key: string;
  kind: ContactCard['kind'];
  title: string;
  subtitle: string | null;
  status: string | null;
  amount: unknown;
  link: string | null;
  actions: unknown;
  updated_at: unknown;
}

const json = <T>(value: unknown, fallback: T): T => (typeof value === 'string' ? (JSON.parse(value) as T) : ((value ?? fallback) as T));

const toCard = (row: CardRow): ContactCard => ({
  key: row.card_key,
  kind: row.kind,
  title: row.title,
  subtitle: row.subtitle,
  status: row.status,
  amount: json<ContactCard['amount']>(row.amount, null),
  link: row.link,
  actions: json<ContactCard['actions']>(row.actions, []),
  updatedAt: new Date(Number(row.updated_at)).toISOString(),
});

async function cardsOf(em: EntityManager, contactId: string): Promise<ContactCard[]> {
  const rows = await sqlAll<CardRow>(em, 'select card_key, kind, title, subtitle, status, amount, link, actions, updated_at from contact_cards where contact_id = ? order by position, card_key', [contactId]);
  return rows.map(toCard);
}

/** Tells every agent the contact's cards as they are now (after a save, a delete, a merge). */
export async function announceCards(em: EntityManager, batch: EventBatch, contactId: string): Promise<ContactCard[]> {
  const cards = await cardsOf(em, contactId);
  batch.add('contact.cards', () => ({ contactId, cards }));
  return cards;
}

/** The contact, in the caller's workspace (locked for the write on PostgreSQL: one card set change at a time). */
async function contactOf(em: EntityManager, workspaceId: string, contactId: string, lock = false): Promise<void> {
  const [found] = await sqlAll<{ id: string }>(em, `select id from contacts where id = ? and workspace_id = ?${lock && isPostgres(em) ? ' for update' : ''}`, [contactId, workspaceId]);
  if (!found) throw notFound('contact');
}

export async function listContactCards(ctx: CommandContext, params: CommandParams<'contactCards.list'>): Promise<CommandResult<'contactCards.list'>> {
  await contactOf(ctx.em, ctx.actor.workspaceId, params.contactId);
  return { items: await cardsOf(ctx.em, params.contactId) };
}

const line = (value: string | null | undefined) => (value == null ? null : storableLine(value).trim() || null);

export async function saveContactCard(ctx: CommandContext, params: CommandParams<'contactCards.save'>): Promise<CommandResult<'contactCards.save'>> {
  const { workspaceId } = ctx.actor;
  const key = storableLine(params.key).trim();
  const title = storableLine(params.title).trim();
  const link = params.link ? hostLink('link', params.link) : null;
  const actions = (params.actions ?? []).map((action, index) => ({ label: storableLine(action.label).trim(), link: hostLink(`actions.${index}.link`, action.link) }));
  const { result, events } = await writeTransaction(ctx.orm, workspaceId, async (em, batch) => {
    await contactOf(em, workspaceId, params.contactId, true);
    const [held] = await sqlAll<{ cards: number; last: number | null; own: number | null }>(
      em,
      'select count(*) as cards, max(position) as last, max(case when card_key = ? then position end) as own from contact_cards where contact_id = ?',
      [key, params.contactId],
    );
    const known = held?.own != null;
    if (!known && Number(held?.cards ?? 0) >= CARDS_MAX) throw new AppError('invalid_params', `key: a contact holds at most ${CARDS_MAX} cards; delete one first.`, { path: 'key' });
    // A card keeps its place when it is saved again, unless a position is given.
    const position = params.position ?? (known ? Number(held!.own) : held?.last == null ? 0 : Number(held.last) + 1);
    const values = [params.kind, title || key, line(params.subtitle), line(params.status), params.amount ? JSON.stringify(params.amount) : null, link, JSON.stringify(actions), position, Date.now()];
    const updated = await sqlAll(em, 'update contact_cards set kind = ?, title = ?, subtitle = ?, status = ?, amount = ?, link = ?, actions = ?, position = ?, updated_at = ? where contact_id = ? and card_key = ? returning id', [...values, params.contactId, key]);
    if (updated.length === 0) {
      await sqlAll(em, 'insert into contact_cards (id, workspace_id, contact_id, card_key, kind, title, subtitle, status, amount, link, actions, position, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [newId(), workspaceId, params.contactId, key, ...values]);
    }
    const cards = await announceCards(em, batch, params.contactId);
    return cards.find((card) => card.key === key)!;
  });
  ctx.publish(events);
  return result;
}

export async function deleteContactCard(ctx: CommandContext, params: CommandParams<'contactCards.delete'>): Promise<CommandResult<'contactCards.delete'>> {
  const { workspaceId } = ctx.actor;
  const key = storableLine(params.key).trim();
  const { events } = await writeTransaction(ctx.orm, workspaceId, async (em, batch) => {
    await contactOf(em, workspaceId, params.contactId, true);
    const removed = await sqlAll(em, 'delete from contact_cards where contact_id = ? and card_key = ? returning id', [params.contactId, key]);
    if (removed.length === 0) throw notFound('card');
    await announceCards(em, batch, params.contactId);
  });
  ctx.publish(events);
  return { key };
}
