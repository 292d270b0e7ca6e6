// Pages through a whole list the way a client would, for assertions over complete results.
import type { ConversationListItem } from '@convkit/sdk/protocol';
import type { TestSocket } from './clients.js';

export async function listAll(socket: TestSocket, params: Record<string, unknown> = {}): Promise<ConversationListItem[]> {
  const items: ConversationListItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await socket.request('conversations.list', { limit: 100, ...params, ...(cursor ? { cursor } : {}) });
    if (!page.ok) throw new Error(`conversations.list failed: ${JSON.stringify(page.error)}`);
    items.push(...page.data.items);
    cursor = page.data.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

export async function ok<T = any>(socket: TestSocket, name: string, params: unknown = {}): Promise<T> {
  const result = await socket.request<T>(name, params);
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.data;
}
