// Workspaces that Storybook's state stories need beside the demo one (demo mode only). Each is
// created the first time a story asks for it (GET /demo/session?workspace=...), so `npm start`
// pays nothing until someone opens those stories:
//   demo-large: exactly 10,000 conversations (virtualized scrolling), the newest being a contact
//               with a very long name whose thread holds every message kind and channel;
//   demo-empty: a fresh workspace with nothing in it (the empty states).
// Generated rows go straight into the tables (testing/generate.ts); the showcase thread goes
// through the same thread writer as live traffic, so its seqs, counters and events are real.
import { addSeededRecording } from './seeded-recording.js';
import type { Orm } from '../db/orm.js';
import { newId } from '../db/columns.js';
import { writeTransaction } from '../db/transaction.js';
import { appendToThread } from '../modules/messages/thread-writer.js';
import { contactName } from '../modules/dto.js';
import { ContactSchema, type Contact } from '../modules/contacts/contact.entity.js';
import { ConversationSchema, type Conversation } from '../modules/conversations/conversation.entity.js';
import { UserSchema, type User } from '../modules/users/user.entity.js';
import { WorkspaceSchema, type Workspace } from '../modules/workspaces/workspace.entity.js';
import { createWorkspace, findWorkspaceBySlug } from '../modules/workspaces/workspaces.service.js';
import { generateConversations } from '../testing/generate.js';

export const STORY_WORKSPACES = ['demo-large', 'demo-empty'] as const;
export type StoryWorkspace = (typeof STORY_WORKSPACES)[number];
export const LARGE_WORKSPACE_ROWS = 10_000;

/** The agent stories sign in as: not a demo agent, so stories never change Alex's or Sam's read state. */
export const STORY_AGENT = { externalId: 'agent-storybook', name: 'Robin Storyteller', email: 'robin@harbor.example', role: 'admin' as const };

/** Long enough to overflow every row, header and panel at their usual widths. */
export const LONG_NAME = { firstName: 'Maximiliana Alexandrina Wilhelmina', lastName: 'Featherstonehaugh-Wolfeschlegelsteinhausen' };

const MINUTE = 60_000;

/** One item of each kind and channel, oldest first; `ago` in minutes. */
const SHOWCASE: Array<{ ago: number; kind: 'message' | 'note' | 'activity' | 'call'; channel?: 'sms' | 'mms' | 'whatsapp' | 'email' | 'chat' | 'facebook' | 'instagram' | 'call'; inbound?: boolean; body: string; subject?: string; meta?: Record<string, unknown>; recording?: string }> = [
  { ago: 90, kind: 'message', channel: 'sms', inbound: true, body: 'Hi, this is about the loft on Pier Street.' },
  { ago: 85, kind: 'message', channel: 'mms', inbound: true, body: 'Here is a photo of the water stain in the bedroom.', meta: { mediaCount: 1 } },
  { ago: 80, kind: 'message', channel: 'whatsapp', inbound: true, body: 'Sending the rest on WhatsApp, it is easier for me.' },
  { ago: 75, kind: 'message', channel: 'email', inbound: false, subject: 'Inspection report', body: 'The inspection report is attached; page 4 covers the roof.' },
  { ago: 70, kind: 'message', channel: 'chat', inbound: true, body: 'Thanks! Can we talk about the price in the chat?' },
  { ago: 65, kind: 'message', channel: 'facebook', inbound: true, body: 'Found your listing on Facebook, is parking included?' },
  { ago: 60, kind: 'message', channel: 'instagram', inbound: true, body: 'Loved the photos on Instagram!' },
  { ago: 55, kind: 'call', channel: 'call', inbound: true, body: 'Incoming call', meta: { outcome: 'answered', durationSeconds: 185 } },
  { ago: 54, kind: 'call', channel: 'call', inbound: true, body: 'Incoming call', meta: { outcome: 'missed', missed: true } },
  { ago: 53, kind: 'call', channel: 'call', inbound: true, body: 'Incoming call', meta: { outcome: 'voicemail', durationSeconds: 2 }, recording: 'voicemail.wav' },
  { ago: 50, kind: 'note', body: 'Prefers WhatsApp; wants a second viewing with a contractor.' },
  { ago: 45, kind: 'activity', body: 'Viewing booked: 5 Pier Street, Saturday 11:00', meta: { link: '/appointments/2077' } },
  { ago: 1, kind: 'message', channel: 'sms', inbound: false, body: 'See you Saturday at 11!' },
];

async function seedShowcase(orm: Orm, workspace: Workspace, now: number): Promise<void> {
  await writeTransaction(orm, workspace.id, async (tx, events) => {
    const ws = tx.getReference(WorkspaceSchema, workspace.id);
    // The story agent exists up front so the team's messages and the note have a real author.
    const agent = tx.create(UserSchema, { id: newId(), workspace: ws, ...STORY_AGENT, createdAt: now }) as User;
    const contact = tx.create(ContactSchema, { id: newId(), workspace: ws, ...LONG_NAME, phone: '+15550209999', email: 'maximiliana.featherstonehaugh-wolfeschlegelsteinhausen@example.com', group: 'client', tags: ['buyer', 'relocating from abroad', 'needs a contractor'], externalId: null, createdAt: now - 60 * MINUTE * 24 }) as Contact;
    const first = now - SHOWCASE[0]!.ago * MINUTE;
    const conversation = tx.create(ConversationSchema, { id: newId(), workspace: ws, contact, status: 'open', lastActivityAt: first, lastSeq: 0, lastInboundSeq: 0, version: 0, createdAt: first }) as Conversation;
    for (const item of SHOWCASE) {
      const thread = item.kind === 'note' || item.kind === 'activity';
      const inbound = !thread && item.inbound === true;
      const message = appendToThread(tx, events, conversation, {
        kind: item.kind,
        channel: thread ? null : item.channel!,
        direction: thread ? null : inbound ? 'inbound' : 'outbound',
        authorType: inbound ? 'contact' : item.kind === 'activity' ? 'automation' : 'user',
        authorId: inbound ? contact.id : item.kind === 'activity' ? null : agent.id,
        authorName: inbound ? contactName(contact) : item.kind === 'activity' ? 'Auto' : agent.name,
        body: item.body,
        subject: item.subject ?? null,
        status: inbound ? 'received' : 'delivered',
        meta: item.meta ?? {},
        at: now - item.ago * MINUTE,
      });
      if (item.recording) await addSeededRecording(tx, workspace.id, message, item.recording);
    }
  });
}

async function create(orm: Orm, slug: StoryWorkspace): Promise<Workspace> {
  const existing = await findWorkspaceBySlug(orm, slug);
  if (existing) return existing;
  const now = Date.now();
  const workspace = await createWorkspace(orm, { slug, name: slug === 'demo-large' ? 'Harbor Realty (10,000 conversations)' : 'Harbor Realty (new workspace)' });
  if (slug === 'demo-large') {
    // Generated rows are older than the showcase thread, which stays on top of the list.
    await generateConversations(orm, workspace.id, { conversations: LARGE_WORKSPACE_ROWS - 1, batch: 500, now: now - 2 * 60 * MINUTE, phonePrefix: '+1888' });
    await seedShowcase(orm, workspace, now);
  }
  return workspace;
}

const pending = new WeakMap<Orm, Map<StoryWorkspace, Promise<Workspace>>>();

/** The story workspace, created on first use; concurrent first requests share one creation. */
export function ensureStoryWorkspace(orm: Orm, slug: StoryWorkspace): Promise<Workspace> {
  let bySlug = pending.get(orm);
  if (!bySlug) pending.set(orm, (bySlug = new Map()));
  let promise = bySlug.get(slug);
  if (!promise) {
    promise = create(orm, slug);
    bySlug.set(slug, promise);
    // A failed creation is not remembered: the next request tries again.
    promise.catch(() => bySlug.delete(slug));
  }
  return promise;
}
