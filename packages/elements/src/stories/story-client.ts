// Clients for stories. Storybook's args `url` and `token` point a story at any Convkit server;
// left empty, the story asks for a session where it is served from: `storybook dev` answers
// /__convkit/session (see .storybook/main.ts), and a Convkit server started with `npm start`
// (demo mode) serves the built site at /storybook/ and answers /demo/session. Either way every
// story renders real data with no setup. Outside demo mode no token is minted: set the args.
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

/**
 * The demo server's workspaces: `demo` (the demo inbox), `demo-large` (10,000 conversations, the
 * newest a contact with a very long name whose thread has every message kind) and `demo-empty`.
 */
export type StoryWorkspace = 'demo' | 'demo-large' | 'demo-empty';

/** Stories sign in as their own agent, so they never change the demo agents' read state. */
const STORY_USER = 'agent-storybook';

/** A port nothing listens on: a client pointed there stays in its connecting state. */
export const CLOSED_PORT_URL = 'http://127.0.0.1:1';

const clients = new Map<string, Promise<ConvClient>>();

export async function storySession(args: Partial<ServerArgs>, workspace: StoryWorkspace = 'demo'): Promise<{ url: string; token: string }> {
  if (args.url && args.token) return { url: args.url, token: args.token };
  const query = `user=${STORY_USER}&workspace=${workspace}`;
  // Absolute paths: the built site lives under /storybook/, the session routes at the root.
  for (const route of ['/__convkit/session', '/demo/session']) {
    const response = await fetch(`${route}?${query}`).catch(() => null);
    if (response?.ok && response.headers.get('content-type')?.includes('application/json')) return response.json();
  }
  throw new Error('No Convkit demo server: set the url and token args, run `storybook dev`, or open /storybook/ on a server started with `npm start`.');
}

/** One connected client per server and token, shared by the stories. */
export function storyClient(args: Partial<ServerArgs>, workspace: StoryWorkspace = 'demo'): Promise<ConvClient> {
  const key = `${args.url ?? ''}\n${args.token ?? ''}\n${args.url && args.token ? '' : workspace}`;
  let client = clients.get(key);
  if (!client) {
    client = storySession(args, workspace).then(({ url, token }) => {
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
export async function ownStoryClient(args: Partial<ServerArgs>, workspace: StoryWorkspace = 'demo'): Promise<ConvClient> {
  const { url, token } = await storySession(args, workspace);
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
