import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ConvClient } from '@convkit/sdk';
import '../../define/conv-filter-bar.js';
import '../../define/conv-list.js';
import { ownStoryClient, serverArgTypes, type ServerArgs } from '../../stories/story-client.js';

const meta: Meta<ServerArgs> = {
  title: 'Elements/conv-filter-bar',
  component: 'conv-filter-bar',
  args: { url: '', token: '' },
  argTypes: serverArgTypes,
};
export default meta;

/** Search (Enter searches, × clears) and filters; the list below, on the same client, follows. */
export const Default: StoryObj<ServerArgs> = {
  loaders: [async ({ args }) => ({ client: await ownStoryClient(args) })],
  render: (_args, { loaded }) => html`
    <div style="width:420px;border:1px solid #d1d9e0">
      <conv-filter-bar .client=${loaded['client']}></conv-filter-bar>
      <conv-list .client=${loaded['client']} .list=${(loaded['client'] as ConvClient).conversations.inbox} no-filters style="height:420px"></conv-list>
    </div>
  `,
};

/** Filters on: an agent's own conversations that mention them. */
export const WithFilters: StoryObj<ServerArgs> = {
  loaders: [
    async ({ args }) => {
      const client = await ownStoryClient(args);
      await client.conversations.setQuery({ filter: { assignee: 'unassigned', channel: 'sms' } });
      return { client };
    },
  ],
  render: Default.render!,
};
