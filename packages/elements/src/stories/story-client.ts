// Clients for stories. Storybook's args `url` and `token` point a story at any Convkit server;
// left empty, the story asks the Storybook dev server for a session on the demo test server it
// runs (see .storybook/main.ts), so every story renders real data out of the box.
import { ConvClient, type ConversationView, type MessageView } from '@convkit/sdk';

export interface ServerArgs {
  /** The Convkit server's URL; empty: the demo server Storybook runs. */
  url: string;
  /** A user token for that server; empty: one minted for the demo agent. */
  token: string;
}

export const serverArgTypes = {
  url: { control: 'text', description: 'Convkit server URL (empty: the demo server Storybook starts)' },
  token: { control: 'text', description: 'User token (empty: minted for the demo agent)' },
} as const;

const clients = new Map<string, Promise<ConvClient>>();

export async function storySession(args: Partial<ServerArgs>): Promise<{ url: string; token: string }> {
  if (args.url && args.token) return { url: args.url, token: args.token };
  const response = await fetch('/__convkit/session?user=agent-storybook&name=Alex%20Rivera');
  if (!response.ok) {
    throw new Error('No Convkit server: set the url and token args, or run Storybook in dev mode (it starts a demo server).');
  }
  return response.json();
}

/** One connected client per server and token, shared by the stories. */
export function storyClient(args: Partial<ServerArgs>): Promise<ConvClient> {
  const key = `${args.url ?? ''}\n${args.token ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    client = storySession(args).then(({ url, token }) => {
      const c = new ConvClient({ url, token });
      c.connect();
      return c;
    });
    clients.set(key, client);
  }
  return client;
}

/**
 * A client of the story's own: the conversation query (view, filters, search) lives in the
 * client, so a story that changes it must not share one with the others.
 */
export async function ownStoryClient(args: Partial<ServerArgs>): Promise<ConvClient> {
  const { url, token } = await storySession(args);
  const client = new ConvClient({ url, token });
  client.connect();
  return client;
}

/** The first conversation (newest first) whose thread satisfies `predicate`, else the newest. */
export async function pickConversation(client: ConvClient, predicate: (messages: MessageView[]) => boolean = () => true): Promise<ConversationView | undefined> {
  await client.conversations.load();
  const { order, byId } = client.conversations.store.get();
  for (const id of order.slice(0, 30)) {
    const store = client.threads.get(id);
    if (store.get().status !== 'ready') {
      await new Promise<void>((resolve) => {
        const stop = store.subscribe((s) => {
          if (s.status === 'ready' || s.status === 'error') {
            stop();
            resolve();
          }
        });
        if (store.get().status === 'ready' || store.get().status === 'error') {
          stop();
          resolve();
        }
      });
    }
    if (predicate(store.get().messages)) return byId[id];
  }
  return order[0] ? byId[order[0]] : undefined;
}
