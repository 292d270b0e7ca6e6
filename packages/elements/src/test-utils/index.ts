// Helpers for element tests: a real ConvClient against the run's test server (see
// web-test-runner.config.mjs), inbound SMS through the server's real webhook, event checks.
import { waitUntil } from '@open-wc/testing';
import { ConvClient, type Store } from '@convkit/sdk';

const clients = new Set<ConvClient>();

// The virtualizer measures rows with a ResizeObserver and lays them out in its callback; when a
// layout changes a size again within one frame, Chromium reports "ResizeObserver loop completed
// with undelivered notifications" on window.onerror, and mocha would fail whichever test is
// running. The notifications are delivered next frame: the message is benign by spec
// (w3c/csswg-drafts#5488). Swallow exactly that message, nothing else.
window.addEventListener(
  'error',
  (event) => {
    if (!event.message?.startsWith('ResizeObserver loop')) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  },
  true,
);

/** A token for `user` on the test server. Each test uses its own agent: read state is per agent. */
export async function session(user = uniqueAgent(), workspace?: string, role?: 'admin' | 'agent'): Promise<{ url: string; token: string; user: string }> {
  const query = new URLSearchParams({ user, name: `Agent ${user}`, ...(workspace ? { workspace } : {}), ...(role ? { role } : {}) });
  const response = await fetch(`/__convkit/session?${query}`);
  if (!response.ok) throw new Error(`test session: ${response.status} ${await response.text()}`);
  return { ...((await response.json()) as { url: string; token: string }), user };
}

/** Digits only: a random name must never match a search for a seeded agent's ("sam" in "agent-jmysamy9"). */
export function uniqueAgent(): string {
  return `agent-${String(Math.random()).slice(2, 12)}`;
}

/** A connected client for a fresh agent (or `user`); disconnected by `disconnectClients()`. */
export async function connectedClient(user?: string, role?: 'admin' | 'agent'): Promise<ConvClient> {
  const { url, token } = await session(user, undefined, role);
  const client = new ConvClient({ url, token });
  clients.add(client);
  client.connect();
  await until(client.status, (s) => s === 'connected', 'the client connects');
  return client;
}

export function disconnectClients(): void {
  for (const client of clients) client.disconnect();
  clients.clear();
}

/** A phone number no other test uses: a new contact and conversation on the first SMS. */
export function uniquePhone(): string {
  return `+1555${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
}

/**
 * Posts an inbound SMS through the server's signed Twilio webhook path; `whatsapp` sends it over
 * WhatsApp (`from` may then be a user id, and `userId` beside a number names both).
 */
export async function simulateSms(from: string, body: string, whatsapp?: { userId?: string; profileName?: string }): Promise<unknown> {
  const response = await fetch('/__convkit/simulate-sms', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, body, whatsapp }),
  });
  if (!response.ok) throw new Error(`simulate-sms: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * A new contact's conversation, started by an inbound SMS through the real webhook and loaded by
 * `client`: its id and its contact's.
 */
export async function smsConversation(client: ConvClient, body: string): Promise<{ id: string; contactId: string }> {
  const phone = uniquePhone();
  await simulateSms(phone, `${body} (${phone})`);
  await client.conversations.load();
  const state = await until(client.conversations.store, (s) => s.order.some((id) => s.byId[id]!.contact.phone === phone), 'the conversation arrives');
  const id = state.order.find((i) => state.byId[i]!.contact.phone === phone)!;
  return { id, contactId: state.byId[id]!.contact.id };
}

/** A conversation of `messages` items of every kind, written straight into the server's tables. */
export async function longThread(messages: number): Promise<{ id: string; phone: string }> {
  const phone = uniquePhone();
  const response = await fetch('/__convkit/long-thread', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages, phone }) });
  if (!response.ok) throw new Error(`long-thread: ${response.status} ${await response.text()}`);
  return { id: ((await response.json()) as { conversationId: string }).conversationId, phone };
}

/** An inbound email with an HTML body, in a conversation of its own; returns the conversation's id. */
export async function htmlEmail(input: { subject: string; text: string; html: string }): Promise<string> {
  const phone = uniquePhone();
  const response = await fetch('/__convkit/email', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...input, phone, email: `${phone.slice(1)}@example.com` }) });
  if (!response.ok) throw new Error(`email: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { conversationId: string }).conversationId;
}

/** A tracking picture's address on the test page's own server, and how many times it was fetched. */
export function trackingPicture(key: string): { url: string; hits(): Promise<number> } {
  return {
    url: new URL(`/__convkit/pixel?key=${encodeURIComponent(key)}`, location.href).href,
    hits: async () => ((await (await fetch(`/__convkit/pixel-hits?key=${encodeURIComponent(key)}`)).json()) as { hits: number }).hits,
  };
}

/** How many sockets the server has open for this agent (by user id) now. */
export async function openSockets(userId: string): Promise<number> {
  const response = await fetch(`/__convkit/sockets?userId=${encodeURIComponent(userId)}`);
  if (!response.ok) throw new Error(`sockets: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { sockets: number }).sockets;
}

/** Resolves with the store's state once `predicate` holds. */
export async function until<T>(store: Store<T>, predicate: (state: T) => boolean, what: string, timeout = 8000): Promise<T> {
  await waitUntil(() => predicate(store.get()), `timed out waiting until ${what}`, { timeout, interval: 20 });
  return store.get();
}

/** Waits until `predicate` returns something truthy, and returns it. */
export async function eventually<T>(predicate: () => T | null | undefined | false, what: string, timeout = 8000): Promise<T> {
  let value: T | null | undefined | false;
  await waitUntil(() => (value = predicate()), `timed out waiting until ${what}`, { timeout, interval: 20 });
  return value as T;
}

/**
 * Runs `action` and resolves with the `type` event that `el` dispatched (or that bubbled to it)
 * while it ran; fails when none came within `timeout`.
 */
export async function expectEvent<K extends keyof GlobalEventHandlersEventMap>(
  el: EventTarget,
  type: K,
  action: () => unknown,
  timeout = 5000,
): Promise<GlobalEventHandlersEventMap[K]> {
  let listener!: (event: Event) => void;
  const fired = new Promise<GlobalEventHandlersEventMap[K]>((resolve) => {
    listener = (event) => resolve(event as GlobalEventHandlersEventMap[K]);
    el.addEventListener(type, listener, { once: true });
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`expected a ${type} event within ${timeout} ms`)), timeout);
  });
  try {
    await action();
    return await Promise.race([fired, timedOut]);
  } finally {
    clearTimeout(timer);
    el.removeEventListener(type, listener);
  }
}

/** Runs `action` and fails if `el` dispatched a `type` event meanwhile (or just after). */
export async function expectNoEvent(el: EventTarget, type: keyof GlobalEventHandlersEventMap, action: () => unknown, settle = 100): Promise<void> {
  let count = 0;
  const listener = () => (count += 1);
  el.addEventListener(type, listener);
  try {
    await action();
    await new Promise((resolve) => setTimeout(resolve, settle));
  } finally {
    el.removeEventListener(type, listener);
  }
  if (count > 0) throw new Error(`expected no ${type} event, got ${count}`);
}

/**
 * Conversations of this test's own: a new contact texting in, once each, newest last. Tests
 * that change what every agent shares (archive, assignee, labels) act on these, so that they
 * stay independent of each other.
 */
export async function freshConversations(client: ConvClient, count: number, body = 'Hello'): Promise<string[]> {
  const phones: string[] = [];
  for (let i = 0; i < count; i++) {
    const phone = uniquePhone();
    phones.push(phone);
    await simulateSms(phone, `${body} from ${phone}`);
  }
  const state = await until(
    client.conversations.store,
    (s) => phones.every((phone) => Object.values(s.byId).some((c) => c.contact.phone === phone)),
    'the new conversations reach the client',
  );
  return phones.map((phone) => Object.values(state.byId).find((c) => c.contact.phone === phone)!.id);
}

/** An element found through nested shadow roots: `deep(list, 'conv-bulk-bar', '[part="progress"]')`. */
export function deep<E extends Element = HTMLElement>(el: Element, ...selectors: string[]): E | null {
  let current: Element | null = el;
  for (const selector of selectors) {
    current = current?.shadowRoot?.querySelector(selector) ?? null;
    if (!current) return null;
  }
  return current as E | null;
}

/** Elements in `el`'s shadow root. */
export function shadowAll<E extends Element = HTMLElement>(el: Element, selector: string): E[] {
  return [...(el.shadowRoot?.querySelectorAll<E>(selector) ?? [])];
}

export function shadow<E extends Element = HTMLElement>(el: Element, selector: string): E | null {
  return el.shadowRoot?.querySelector<E>(selector) ?? null;
}

/** Visible text, whitespace collapsed. */
export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A new workspace with nothing in it. */
export async function emptyWorkspace(): Promise<string> {
  return newWorkspace('empty');
}

/** A new, empty workspace with rate limits of its own (e.g. { socketCommands: { burst: 2 } }). */
export async function workspaceWithLimits(limits: Record<string, unknown>): Promise<string> {
  return newWorkspace('limited', limits);
}

async function newWorkspace(prefix: string, limits?: Record<string, unknown>): Promise<string> {
  const slug = `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
  const response = await fetch('/__convkit/workspace', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ slug, ...(limits ? { limits } : {}) }) });
  if (!response.ok) throw new Error(`workspace: ${response.status} ${await response.text()}`);
  return slug;
}

/** The element that has focus, looking inside shadow roots. */
export function deepActiveElement(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}
