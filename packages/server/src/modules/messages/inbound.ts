// Inbound messages from a provider: find or create each one's contact and conversation and
// append the message, all in one transaction. A provider id seen before is a duplicate delivery:
// nothing is stored and nothing is published (webhooks arrive at least once).
import type { Channel, ServerEvent } from '@convkit/sdk/protocol';
import { newId } from '../../db/columns.js';
import type { Orm } from '../../db/orm.js';
import { writeTransaction } from '../../db/transaction.js';
import { newContact } from '../contacts/contacts.service.js';
import { ContactSchema, type Contact } from '../contacts/contact.entity.js';
import type { EntityManager } from '@mikro-orm/sql';
import { sqlAll } from '../../db/sql.js';
import { contactName } from '../dto.js';
import { ConversationSchema, type Conversation } from '../conversations/conversation.entity.js';
import { WorkspaceSchema } from '../workspaces/workspace.entity.js';
import { appendToThread } from './thread-writer.js';
import { lockConversations } from '../../db/locks.js';
import { cutText, storableParams, storableText } from '../../text/storable.js';

export interface InboundMessage {
  workspaceId: string;
  provider: string;
  providerId: string;
  channel: Channel;
  /** E.164, or the sender's own id when it is no phone number (a short code, a sender name). */
  from: string;
  body: string;
  meta?: Record<string, unknown>;
}

/**
 * The longest body stored as sent. A provider's message is never refused for its text: a longer
 * one (no real channel sends one) is cut here with a marker the agent sees, and its full length
 * is kept in meta.
 */
export const INBOUND_BODY_MAX = 100_000;

/** Provider text made storable: nothing in it can fail the insert or lose the message. */
function storableInbound(input: InboundMessage): InboundMessage {
  let body = storableText(input.body);
  let meta = storableParams(input.meta ?? {});
  if (body.length > INBOUND_BODY_MAX) {
    const kept = cutText(body, INBOUND_BODY_MAX);
    meta = { ...meta, truncated: { originalLength: body.length } };
    body = `${kept}\n[… message cut: ${body.length - kept.length} more characters were not stored]`;
  }
  return { ...input, body, meta };
}

/** One inbound message's outcome: stored, or a provider id seen before (nothing stored). */
export interface InboundOutcome {
  duplicate: boolean;
}

/**
 * Records inbound messages of one workspace in one transaction (group commit: one lock on the
 * event counter and one commit for the lot). Returns one outcome per input, in order, and the
 * events to publish after the commit.
 */
export async function recordInboundBatch(orm: Orm, workspaceId: string, raw: InboundMessage[]): Promise<{ outcomes: InboundOutcome[]; events: ServerEvent[] }> {
  const inputs = raw.map(storableInbound);
  const { result, events } = await writeTransaction(orm, workspaceId, async (em, events) => {
    const seen = await seenProviderIds(em, workspaceId, inputs);
    const outcomes = inputs.map((input) => {
      const key = `${input.provider} ${input.providerId}`;
      const duplicate = seen.has(key);
      seen.add(key); // the same delivery twice in one batch is stored once
      return { duplicate };
    });
    const fresh = inputs.filter((_, i) => !outcomes[i]!.duplicate);
    if (fresh.length === 0) return outcomes;
    const { contacts, created } = await contactsFor(em, workspaceId, fresh.map((input) => input.from));
    // A contact created just now has no conversation yet.
    const conversations = await lockedConversationsOf(em, workspaceId, [...contacts.values()].filter((contact) => !created.has(contact)));
    for (const input of fresh) {
      const contact = contacts.get(input.from)!;
      const now = Date.now();
      let conversation = conversations.get(contact.id);
      if (!conversation) {
        // Two first messages from one contact in two transactions both create one: the unique
        // index on a contact's open conversation refuses the second, which runs again and finds
        // the first.
        conversation = em.create(ConversationSchema, {
          id: newId(),
          workspace: em.getReference(WorkspaceSchema, workspaceId),
          contact,
          status: 'open',
          lastActivityAt: now,
          lastSeq: 0,
          lastInboundSeq: 0,
          version: 0,
          createdAt: now,
        }) as Conversation;
        conversations.set(contact.id, conversation);
      }
      appendToThread(em, events, conversation, {
        kind: 'message',
        channel: input.channel,
        direction: 'inbound',
        authorType: 'contact',
        authorId: contact.id,
        authorName: contactName(contact),
        body: input.body,
        status: 'received',
        provider: input.provider,
        providerId: input.providerId,
        meta: input.meta ?? {},
        at: now,
      });
    }
    return outcomes;
  });
  return { outcomes: result, events };
}

/** One inbound message on its own (the simulator, tests). */
export async function recordInbound(orm: Orm, input: InboundMessage): Promise<{ duplicate: boolean; events: ServerEvent[] }> {
  const { outcomes, events } = await recordInboundBatch(orm, input.workspaceId, [input]);
  return { duplicate: outcomes[0]!.duplicate, events };
}

/** "provider providerId" of the inputs already stored. */
async function seenProviderIds(em: EntityManager, workspaceId: string, inputs: InboundMessage[]): Promise<Set<string>> {
  const seen = new Set<string>();
  for (const provider of new Set(inputs.map((i) => i.provider))) {
    const ids = inputs.filter((i) => i.provider === provider).map((i) => i.providerId);
    const rows = await sqlAll<{ provider_id: string }>(em, `select provider_id from messages where workspace_id = ? and provider = ? and provider_id in (${ids.map(() => '?').join(', ')})`, [workspaceId, provider, ...ids]);
    for (const row of rows) seen.add(`${provider} ${row.provider_id}`);
  }
  return seen;
}

/** The contacts behind these senders by phone, and those created for senders never seen. */
async function contactsFor(em: EntityManager, workspaceId: string, senders: string[]): Promise<{ contacts: Map<string, Contact>; created: Set<Contact> }> {
  const distinct = [...new Set(senders)];
  const found = (await em.find(ContactSchema, { workspace: workspaceId, phone: { $in: distinct } })) as Contact[];
  const contacts = new Map(found.map((contact) => [contact.phone!, contact]));
  const created = new Set<Contact>();
  for (const phone of distinct) {
    if (contacts.has(phone)) continue;
    const contact = newContact(em, workspaceId, phone);
    contacts.set(phone, contact);
    created.add(contact);
  }
  return { contacts, created };
}

/**
 * Each contact's conversation an inbound message belongs to (the open one, else the most recent
 * archived one, which the message reopens), locked in id order like every writer's (db/locks.ts).
 */
async function lockedConversationsOf(em: EntityManager, workspaceId: string, known: Contact[]): Promise<Map<string, Conversation>> {
  if (known.length === 0) return new Map();
  const rows = await sqlAll<{ id: string; contact_id: string }>(
    em,
    `select id, contact_id from conversations where workspace_id = ? and contact_id in (${known.map(() => '?').join(', ')})
     order by contact_id, case when status = 'open' then 0 else 1 end, last_activity_at desc, id desc`,
    [workspaceId, ...known.map((c) => c.id)],
  );
  const chosen = new Map<string, string>();
  for (const row of rows) if (!chosen.has(row.contact_id)) chosen.set(row.contact_id, row.id);
  const locked = await lockConversations(em, workspaceId, [...chosen.values()]);
  const loaded = (await em.find(ConversationSchema, { id: { $in: locked } }, { populate: ['contact'] })) as Conversation[];
  return new Map(loaded.map((conversation) => [(conversation.contact as unknown as Contact).id, conversation]));
}
