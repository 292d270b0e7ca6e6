import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ConvClient } from '@convkit/sdk';
import '../../define/conv-list.js';
import { serverArgTypes, storyClient, storySession, type ServerArgs } from '../../stories/story-client.js';

const meta: Meta<ServerArgs> = {
  title: 'Elements/conv-list',
  component: 'conv-list',
  args: { url: '', token: '' },
  argTypes: serverArgTypes,
};
export default meta;

/** The agent's conversations, newest first; unread ones bold with a dot. Arrow keys move. */
export const Default: StoryObj<ServerArgs> = {
  loaders: [async ({ args }) => ({ client: await storyClient(args) })],
  render: (_args, { loaded }) => html`
    <conv-list .client=${loaded['client']} style="height:560px;width:360px;border:1px solid #d1d9e0"
      @conv-conversation-selected=${(e: CustomEvent) => console.info('selected', e.detail)}></conv-list>
  `,
};

/** The server refuses the token: the error state with Retry. */
export const Refused: StoryObj<ServerArgs> = {
  loaders: [
    async ({ args }) => {
      const { url } = await storySession(args);
      const client = new ConvClient({ url, token: 'refused-token' });
      client.connect();
      // Render once the server has refused the token: the list's request then fails at once.
      await new Promise<void>((resolve) => {
        const stop = client.status.subscribe((s) => s === 'disconnected' && (stop(), resolve()));
      });
      return { client };
    },
  ],
  render: (_args, { loaded }) => html`<conv-list .client=${loaded['client']} style="height:300px;width:360px;border:1px solid #d1d9e0"></conv-list>`,
};
