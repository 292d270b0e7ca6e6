// What threads and sends do once a thread is open: page loads, merging, optimistic sends. Loaded
// on first use (managers/threads.ts, managers/messages.ts), so a page that shows only the
// conversation list, like the elements' first screen, never downloads it.
import type { CommandParams } from '../protocol/commands.js';
import type { Message, Session } from '../protocol/models.js';
import type { SocketTransport } from '../transport/socket-transport.js';
import { ConvError, isConvError, toConvError } from '../errors.js';
import type { ServerEvent } from '../protocol/events.js';
import type { WritableStore } from '../store.js';
import type { MessageView, SendInput, ThreadState } from './thread-types.js';

const PAGE_SIZE = 50;
/** Attempts for a send that fails with a retryable error (timeout, a dropped socket). */
const SEND_ATTEMPTS = 3;
/** Pause between attempts; the transport's own reconnect runs meanwhile. */
const SEND_RETRY_DELAY_MS = 500;

// Forward-only status: a late or repeated update must never move a message back. Only an
// agent's Retry does, and it counts in meta.retries: a later attempt's update always wins.
const STATUS_RANK: Record<Message['status'], number> = {
  // Scheduled and queued both wait: a message held for quiet hours goes from one to the other.
  pending: 0, scheduled: 2, queued: 2, sending: 3, sent: 4, received: 4, delivered: 5, read: 6, failed: 7, undelivered: 7, canceled: 7,
};

const retriesOf = (message: Message) => (typeof message.meta.retries === 'number' ? message.meta.retries : 0);

/** Whether `incoming` is an older state of `existing`: an earlier attempt, or less far along. */
function isBehind(incoming: Message, existing: Message): boolean {
  const attempts = retriesOf(incoming) - retriesOf(existing);
  return attempts < 0 || (attempts === 0 && STATUS_RANK[existing.status] > STATUS_RANK[incoming.status]);
}

export async function loadNewest(transport: SocketTransport, conversationId: string, store: WritableStore<ThreadState>): Promise<void> {
  const page = await transport.requestIdempotent('messages.list', { conversationId, limit: PAGE_SIZE });
  const current = store.get();
  store.set({ ...current, status: 'ready', messages: mergeMessages(current.messages, page.items), hasMoreBefore: page.hasMore });
}

export async function loadOlder(transport: SocketTransport, conversationId: string, store: WritableStore<ThreadState>): Promise<void> {
  const state = store.get();
  const oldest = state.messages.find((m) => !m.pending);
  if (state.status !== 'ready' || !state.hasMoreBefore || state.loadingOlder || !oldest) return;
  store.next({ loadingOlder: true });
  try {
    const page = await transport.requestIdempotent('messages.list', { conversationId, before: oldest.seq, limit: PAGE_SIZE });
    store.set({ ...store.get(), messages: mergeMessages(store.get().messages, page.items), hasMoreBefore: page.hasMore, loadingOlder: false });
  } catch (error) {
    store.next({ loadingOlder: false, error: toConvError(error) });
  }
}

export function upsert(store: WritableStore<ThreadState>, messages: (Message | MessageView)[]): void {
  store.next({ messages: mergeMessages(store.get().messages, messages) });
}

/** Merges by id (or clientId for optimistic ones); keeps the further-along status. */
export function mergeMessages(current: MessageView[], incoming: (Message | MessageView)[]): MessageView[] {
  const byKey = new Map<string, MessageView>();
  const keyOf = (m: Message) => (m.clientId ? `c:${m.clientId}` : `i:${m.id}`);
  for (const message of current) byKey.set(keyOf(message), message);
  for (const message of incoming) {
    const view: MessageView = { pending: false, ...message };
    const existing = byKey.get(keyOf(view));
    if (existing && !existing.pending && !view.pending && isBehind(view, existing)) continue;
    if (existing && !existing.pending && view.pending) continue;
    byKey.set(keyOf(view), view);
  }
  const all = [...byKey.values()];
  const confirmed = all.filter((m) => !m.pending).sort((a, b) => a.seq - b.seq);
  const pending = all.filter((m) => m.pending);
  return [...confirmed, ...pending];
}

export interface Delivery {
  transport: SocketTransport;
  session: Session | null;
  /** Puts the message's current copy (optimistic, sent or failed) in its thread. */
  show(message: MessageView): void;
}

/**
 * Shows the message at once as pending (synchronously, before the first await), then sends it,
 * retrying what is retryable with the same clientId; shows the server's copy or the failure.
 */
export async function deliver({ transport, session, show }: Delivery, clientId: string, input: SendInput): Promise<Message> {
  const optimistic = optimisticMessage(session, clientId, input);
  show(optimistic);
  const params: CommandParams<'messages.send'> = { conversationId: input.conversationId, clientId, body: input.body };
  if (input.channel) params.channel = input.channel;
  if (input.kind) params.kind = input.kind;
  if (input.mentions?.length) params.mentions = input.mentions;
  if (input.attachmentIds?.length) params.attachmentIds = input.attachmentIds;
  if (input.sendAt) params.sendAt = input.sendAt;
  if (input.template) params.template = input.template;
  if (input.subject) params.subject = input.subject;
  for (let attempt = 1; ; attempt++) {
    try {
      const message = await transport.request('messages.send', params);
      show({ ...message, pending: false });
      return message;
    } catch (error) {
      const convError = toConvError(error);
      if (attempt < SEND_ATTEMPTS && isConvError(error) && error.retryable) {
        await new Promise((resolve) => setTimeout(resolve, SEND_RETRY_DELAY_MS * attempt));
        continue;
      }
      show({ ...optimistic, status: 'failed', error: convError.toJSON() });
      throw convError;
    }
  }
}

function optimisticMessage(session: Session | null, clientId: string, input: SendInput): MessageView {
  const user = session?.user;
  return {
    id: `pending:${clientId}`,
    conversationId: input.conversationId,
    seq: 0,
    clientId,
    kind: input.kind ?? 'message',
    channel: input.kind === 'note' ? null : (input.channel ?? null),
    direction: input.kind === 'note' ? null : 'outbound',
    author: { type: 'user', id: user?.id ?? null, name: user?.name ?? '' },
    body: input.preview ?? input.body,
    subject: null,
    status: 'pending',
    error: null,
    createdAt: new Date().toISOString(),
    attachments: [],
    html: null,
    meta: input.sendAt ? { scheduledFor: input.sendAt } : {},
    pending: true,
  };
}

/**
 * Hands a message the provider refused, or did not deliver, back to the server's outbox
 * (`messages.retry`), from this page or any other. `messages` is the thread as shown.
 */
export async function retryStored(transport: SocketTransport, messages: MessageView[], clientId: string, show: (message: MessageView) => void): Promise<Message> {
  const stored = messages.find((m) => m.clientId === clientId && !m.pending);
  if (!stored || (stored.status !== 'failed' && stored.status !== 'undelivered')) {
    throw toConvError(new Error(`No failed message ${clientId} in this thread to retry.`));
  }
  const message = await transport.request('messages.retry', { id: stored.id });
  show({ ...message, pending: false });
  return message;
}

/**
 * A conversation deleted, or merged into another (one person's two threads became one): its
 * thread is dropped, and the one it merged into is read again, its messages being numbered afresh
 * (sends still on their way are kept).
 */
export function conversationGone(
  threads: Map<string, WritableStore<ThreadState>>,
  event: Extract<ServerEvent, { type: 'conversation.deleted' | 'conversation.merged' }>,
  initial: ThreadState,
  reload: (conversationId: string, store: WritableStore<ThreadState>) => Promise<void>,
): void {
  const intoId = event.type === 'conversation.merged' ? event.data.conversation.id : null;
  threads.get(event.data.conversationId)?.set({ ...initial, status: 'error', error: new ConvError('not_found', intoId ? "This thread was merged into the contact's other thread." : 'This conversation was deleted.') });
  const into = intoId ? threads.get(intoId) : undefined;
  if (intoId && into) {
    into.set({ ...initial, messages: into.get().messages.filter((m) => m.pending) });
    void reload(intoId, into);
  }
}
