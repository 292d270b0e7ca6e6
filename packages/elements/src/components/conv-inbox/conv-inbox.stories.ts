import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../define/conv-inbox.js';
import { dropConnection } from '@convkit/sdk/testing';
import { ownStoryClient, pickConversation, serverArgTypes, storyClient, storySession, type ServerArgs } from '../../stories/story-client.js';

type Args = ServerArgs & { conversationId: string };

const meta: Meta<Args> = {
  title: 'Elements/conv-inbox',
  component: 'conv-inbox',
  args: { url: '', token: '', conversationId: '' },
  argTypes: { ...serverArgTypes, conversationId: { control: 'text' } },
  parameters: { layout: 'fullscreen' },
};
export default meta;

/** The whole inbox, making its own client from url and token. */
export const Default: StoryObj<Args> = {
  loaders: [async ({ args }) => ({ session: await storySession(args) })],
  render: (args, { loaded }) => html`
    <conv-inbox url=${loaded['session'].url} token=${loaded['session'].token} conversation-id=${args.conversationId} style="height:100vh"></conv-inbox>
  `,
};

/** Opened on a conversation by deep link: notes, activity cards and a call log in the thread. */
export const DeepLink: StoryObj<Args> = {
  loaders: [
    async ({ args }) => {
      const client = await storyClient(args);
      const conversation = await pickConversation(client, (m) => m.some((x) => x.kind === 'note') && m.some((x) => x.kind === 'call'));
      const conversationId = args.conversationId || conversation?.id || '';
      // Opening it marks it read: done here first, so the picture is the same whichever story ran before.
      if (conversationId) await client.conversations.markRead(conversationId);
      return { client, conversationId };
    },
  ],
  render: (_args, { loaded }) => html`
    <conv-inbox .client=${loaded['client']} conversation-id=${loaded['conversationId']} style="height:100vh">
      <div slot="contact-cards" style="padding:0.75rem;border:1px solid #d1d9e0;border-radius:8px">
        <strong>Host card</strong><br />Next inspection: Friday 10:00
      </div>
    </conv-inbox>
  `,
};

/** A new workspace with no conversations yet (demo-empty on the demo server). */
export const EmptyWorkspace: StoryObj<Args> = {
  loaders: [async ({ args }) => ({ session: await storySession(args, 'demo-empty') })],
  render: (_args, { loaded }) => html`<conv-inbox url=${loaded['session'].url} token=${loaded['session'].token} style="height:100vh"></conv-inbox>`,
};

/** Loaded, then the network dropped: the inbox keeps what it has and shows the reconnecting banner. */
export const Offline: StoryObj<Args> = {
  loaders: [
    async ({ args }) => {
      const client = await ownStoryClient(args);
      await client.conversations.load();
      // Down for an hour: long enough for anyone looking at the story.
      dropConnection(client, 3_600_000);
      return { client };
    },
  ],
  render: (_args, { loaded }) => html`<conv-inbox .client=${loaded['client']} style="height:100vh"></conv-inbox>`,
};
