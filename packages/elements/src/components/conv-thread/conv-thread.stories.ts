import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../define/conv-thread.js';
import { pickConversation, serverArgTypes, storyClient, type ServerArgs, type StoryWorkspace } from '../../stories/story-client.js';

type Args = ServerArgs & { conversationId: string };

const meta: Meta<Args> = {
  title: 'Elements/conv-thread',
  component: 'conv-thread',
  args: { url: '', token: '', conversationId: '' },
  argTypes: { ...serverArgTypes, conversationId: { control: 'text', description: 'empty: a demo thread with notes and activity' } },
};
export default meta;

async function load(args: Args, predicate?: Parameters<typeof pickConversation>[1], workspace?: StoryWorkspace) {
  const client = await storyClient(args, workspace);
  const conversation = args.conversationId ? undefined : await pickConversation(client, predicate);
  return { client, conversationId: args.conversationId || conversation?.id || '' };
}

/** Messages both ways, an internal note, an activity card and call logs, with day separators. */
export const Default: StoryObj<Args> = {
  loaders: [async ({ args }) => load(args, (m) => m.some((x) => x.kind === 'note') && m.some((x) => x.kind === 'activity'))],
  render: (_args, { loaded }) => html`
    <conv-thread .client=${loaded['client']} conversation-id=${loaded['conversationId']} keep-unread style="height:560px;max-width:720px;border:1px solid #d1d9e0"></conv-thread>
  `,
};

/** A chat back and forth, with delivery statuses under the team's messages. */
export const Conversation: StoryObj<Args> = {
  loaders: [async ({ args }) => load(args, (m) => m.filter((x) => x.kind === 'message' && x.direction === 'outbound').length > 0)],
  render: Default.render!,
};

/** No conversation chosen yet. */
export const Empty: StoryObj<Args> = {
  loaders: [async ({ args }) => ({ client: await storyClient(args) })],
  render: (_args, { loaded }) => html`<conv-thread .client=${loaded['client']} style="height:200px;max-width:720px;border:1px solid #d1d9e0"></conv-thread>`,
};

/** Every kind a thread shows: SMS, MMS, WhatsApp, email, live chat, Facebook Messenger, Instagram, a call, an internal note and an activity card. */
export const EveryMessageKind: StoryObj<Args> = {
  loaders: [async ({ args }) => load(args, (m) => new Set(m.map((x) => x.channel ?? x.kind)).size >= 10, 'demo-large')],
  render: Default.render!,
};

/** A contact with a very long name, in a narrow thread: the header truncates, the messages wrap. */
export const LongNames: StoryObj<Args> = {
  loaders: [async ({ args }) => load(args, undefined, 'demo-large')],
  render: (_args, { loaded }) => html`
    <conv-thread .client=${loaded['client']} conversation-id=${loaded['conversationId']} keep-unread style="height:480px;max-width:340px;border:1px solid #d1d9e0"></conv-thread>
  `,
};
