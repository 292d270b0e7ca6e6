import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../define/conv-thread.js';
import { pickConversation, serverArgTypes, storyClient, type ServerArgs } from '../../stories/story-client.js';

type Args = ServerArgs & { conversationId: string };

const meta: Meta<Args> = {
  title: 'Elements/conv-thread',
  component: 'conv-thread',
  args: { url: '', token: '', conversationId: '' },
  argTypes: { ...serverArgTypes, conversationId: { control: 'text', description: 'empty: a demo thread with notes and activity' } },
};
export default meta;

async function load(args: Args, predicate?: Parameters<typeof pickConversation>[1]) {
  const client = await storyClient(args);
  const conversation = args.conversationId ? undefined : await pickConversation(client, predicate);
  return { client, conversationId: args.conversationId || conversation?.id || '' };
}

/** Messages both ways, an internal note, an activity card and call logs, with day separators. */
export const Default: StoryObj<Args> = {
  loaders: [async ({ args }) => load(args, (m) => m.some((x) => x.kind === 'note') && m.some((x) => x.kind === 'activity'))],
  render: (_args, { loaded }) => html`
    <conv-thread .client=${loaded['client']} conversation-id=${loaded['conversationId']} style="height:560px;max-width:720px;border:1px solid #d1d9e0"></conv-thread>
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
