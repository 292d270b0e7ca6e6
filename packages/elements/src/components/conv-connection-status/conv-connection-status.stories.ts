import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ConvClient } from '@convkit/sdk';
import '../../define/conv-connection-status.js';
import { serverArgTypes, storySession, type ServerArgs } from '../../stories/story-client.js';

const meta: Meta<ServerArgs> = {
  title: 'Elements/conv-connection-status',
  component: 'conv-connection-status',
  args: { url: '', token: '' },
  argTypes: serverArgTypes,
};
export default meta;

/** A client that was disconnected: the offline banner. (Connected, the element shows nothing.) */
export const Offline: StoryObj<ServerArgs> = {
  loaders: [
    async ({ args }) => {
      const { url, token } = await storySession(args);
      // Its own client: disconnecting the shared one would take the other stories offline.
      const client = new ConvClient({ url, token });
      client.disconnect();
      return { client };
    },
  ],
  render: (_args, { loaded }) => html`<conv-connection-status .client=${loaded['client']} style="max-width:720px"></conv-connection-status>`,
};
