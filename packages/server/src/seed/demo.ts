// Seeds the demo workspace once: two agents, 24 contacts, a thread for each across SMS, email,
// WhatsApp, calls and live chat, with notes and activity cards. Histories go through the same
// thread writer as live traffic, so seqs, counters and events are real.
import type { EntityManager } from '@mikro-orm/sql';
import type { Orm } from '../db/orm.js';
import { newId } from '../db/columns.js';
import { writeTransaction } from '../db/transaction.js';
import { appendToThread } from '../modules/messages/thread-writer.js';
import { saveReadState } from '../modules/conversations/conversations.service.js';
import { ContactSchema, type Contact } from '../modules/contacts/contact.entity.js';
import { ConversationSchema, type Conversation } from '../modules/conversations/conversation.entity.js';
import { UserSchema, type User } from '../modules/users/user.entity.js';
import { WorkspaceSchema, type Workspace } from '../modules/workspaces/workspace.entity.js';
import { createWorkspace, findWorkspaceBySlug } from '../modules/workspaces/workspaces.service.js';
import { contactName } from '../modules/dto.js';
import { DEMO_AGENTS, DEMO_CARDS, DEMO_CONTACTS, DEMO_LABELS, DEMO_SNIPPETS, DEMO_TRIAGE, DEMO_VOICE, DEMO_WORKSPACE, SCRIPTS } from './demo-data.js';
import { sqlAll } from '../db/sql.js';
import { LabelSchema, type Label } from '../modules/labels/label.entity.js';
import { applyChange } from '../modules/conversations/conversation-changes.js';
import { addSeededRecording } from './seeded-recording.js';
import { keepEmailHtml } from '../modules/messages/email-html.js';

const MINUTE = 60_000;

/** Creates and fills the demo workspace unless it exists. Returns its slug. */
export async function seedDemo(orm: Orm, options: { signingSecret?: string; now?: number } = {}): Promise<{ slug: string; created: boolean }> {
  if (await findWorkspaceBySlug(orm, DEMO_WORKSPACE.slug)) return { slug: DEMO_WORKSPACE.slug, created: false };
  const workspace = await createWorkspace(orm, { ...DEMO_WORKSPACE, ...(options.signingSecret ? { signingSecret: options.signingSecret } : {}) });
  const now = options.now ?? Date.now();
  const em = orm.em.fork() as unknown as EntityManager;
  const agents = DEMO_AGENTS.map((a) => em.create(UserSchema, { id: newId(), workspace: em.getReference(WorkspaceSchema, workspace.id), ...a, createdAt: now }) as User);
  const seeded = (await em.findOneOrFail(WorkspaceSchema, { id: workspace.id })) as Workspace;
  seeded.voice = DEMO_VOICE;
  const labels = DEMO_LABELS.map((l) => em.create(LabelSchema, { id: newId(), workspace: em.getReference(WorkspaceSchema, workspace.id), ...l, createdAt: now }) as Label);
  await em.flush();
  for (const snippet of DEMO_SNIPPETS) {
    await sqlAll(em, 'insert into snippets (id, workspace_id, title, shortcut, body, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)', [newId(), workspace.id, snippet.title, snippet.shortcut, snippet.body, now, now]);
  }
  const labelId = (name: string) => labels.find((l) => l.name === name)!.id;

  for (const [index, person] of DEMO_CONTACTS.entries()) {
    const script = SCRIPTS[index % SCRIPTS.length]!;
    // Spread the threads in time so the list has a visible order.
    const shift = index * 37 * MINUTE;
    await writeTransaction(orm, workspace.id, async (tx, events) => {
      const contact = tx.create(ContactSchema, { id: newId(), workspace: tx.getReference(WorkspaceSchema, workspace.id), ...person, externalId: null, createdAt: now - 30 * 24 * 60 * MINUTE }) as Contact;
      if (index === 0) {
        await tx.flush();
        for (const [position, card] of DEMO_CARDS.entries()) {
          await sqlAll(tx, 'insert into contact_cards (id, workspace_id, contact_id, card_key, kind, title, subtitle, status, amount, link, actions, position, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [newId(), workspace.id, contact.id, card.key, card.kind, card.title, card.subtitle, card.status, card.amount ? JSON.stringify(card.amount) : null, card.link, JSON.stringify(card.actions), position, now]);
        }
      }
      const first = now - script[0]!.ago * MINUTE - shift;
      const conversation = tx.create(ConversationSchema, {
        id: newId(),
        workspace: tx.getReference(WorkspaceSchema, workspace.id),
        contact,
        status: 'open',
        lastActivityAt: first,
        lastSeq: 0,
        lastInboundSeq: 0,
        version: 0,
        createdAt: first,
      }) as Conversation;
      for (const item of script) {
        const agent = item.agent !== undefined ? agents[item.agent]! : null;
        const inbound = item.direction === 'inbound';
        const message = appendToThread(tx, events, conversation, {
          kind: item.kind,
          channel: item.kind === 'note' || item.kind === 'activity' ? null : (item.channel ?? null),
          direction: item.kind === 'note' || item.kind === 'activity' ? null : (item.direction ?? null),
          authorType: inbound ? 'contact' : agent ? 'user' : 'automation',
          authorId: inbound ? contact.id : (agent?.id ?? null),
          authorName: inbound ? contactName(contact) : (agent?.name ?? item.automation ?? 'Auto'),
          body: item.body,
          subject: item.subject ?? null,
          status: inbound ? 'received' : 'delivered',
          meta: item.mentions ? { ...item.meta, mentions: item.mentions.map((i) => ({ id: agents[i]!.id, name: agents[i]!.name })) } : (item.meta ?? {}),
          at: now - item.ago * MINUTE - shift,
        });
        if (item.recording) await addSeededRecording(tx, workspace.id, message, item.recording);
        if (item.html) await keepEmailHtml(tx, message, item.html);
        for (const i of item.mentions ?? []) await saveReadState(tx, events, agents[i]!.id, conversation, { mentioned: true });
      }
      const triage = DEMO_TRIAGE[index];
      if (triage) {
        await applyChange(tx, events, conversation, [], {
          ...(triage.assignee !== undefined ? { assigneeId: agents[triage.assignee]!.id } : {}),
          ...(triage.labels ? { addLabelIds: triage.labels.map(labelId) } : {}),
          ...(triage.archived ? { status: 'archived' as const } : {}),
        });
        if (triage.starredByAlex) await saveReadState(tx, events, agents[0]!.id, conversation, { starred: true });
      }
      // Alex has read the older half of the inbox; newer inbound messages stay unread.
      if (index >= DEMO_CONTACTS.length / 2) {
        await saveReadState(tx, events, agents[0]!.id, conversation, { lastReadSeq: conversation.lastSeq });
      }
    });
  }
  return { slug: workspace.slug, created: true };
}
