import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../define/conv-bulk-bar.js';
import { ownStoryClient, serverArgTypes, type ServerArgs } from '../../stories/story-client.js';

const meta: Meta<ServerArgs> = {
  title: 'Elements/conv-bulk-bar',
  component: 'conv-bulk-bar',
  args: { url: '', token: '' },
  argTypes: serverArgTypes,
};
export default meta;

/**
 * Three conversations selected: archive, read state, assign, label, tag contacts. `<conv-list>`
 * shows it while rows are checked; the slot holds what is selected. (Actions here really run.)
 */
export const Selected: StoryObj<ServerArgs> = {
  loaders: [
    async ({ args }) => {
      const client = await ownStoryClient(args);
      await client.conversations.load();
      return { client, ids: client.conversations.store.get().order.slice(0, 3) };
    },
  ],
  render: (_args, { loaded }) => html`
    <conv-bulk-bar .client=${loaded['client']} .target=${{ ids: loaded['ids'] }} count="3" style="width:420px"
      @conv-bulk-action=${(e: CustomEvent) => console.info('bulk request', e.detail)}>
      <span>3 selected</span>
    </conv-bulk-bar>
  `,
};
