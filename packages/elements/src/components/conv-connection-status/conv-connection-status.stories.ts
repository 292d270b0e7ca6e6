import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ConvClient } from '@convkit/sdk';
import { dropConnection } from '@convkit/sdk/testing';
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

/** The connection dropped as a network failure would, and stays down: "Connection lost. Reconnecting…". */
export const Reconnecting: StoryObj<ServerArgs> = {
  loaders: [
    async ({ args }) => {
      const { url, token } = await storySession(args);
      const client = new ConvClient({ url, token });
      client.connect();
      await new Promise<void>((resolve) => {
        const stop = client.status.subscribe((s) => s === 'connected' && (stop(), resolve()));
      });
      // Down for an hour: long enough for anyone looking at the story.
      dropConnection(client, 3_600_000);
      return { client };
    },
  ],
  render: (_args, { loaded }) => html`<conv-connection-status .client=${loaded['client']} style="max-width:720px"></conv-connection-status>`,
};
