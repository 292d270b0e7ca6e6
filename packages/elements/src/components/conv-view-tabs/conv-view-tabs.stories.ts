import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ConvClient } from '@convkit/sdk';
import '../../define/conv-view-tabs.js';
import '../../define/conv-list.js';
import { ownStoryClient, serverArgTypes, type ServerArgs } from '../../stories/story-client.js';

const meta: Meta<ServerArgs> = {
  title: 'Elements/conv-view-tabs',
  component: 'conv-view-tabs',
  args: { url: '', token: '' },
  argTypes: serverArgTypes,
};
export default meta;

/** The views with live counts; here placed by the host above a list that shows no tabs of its own. */
export const Default: StoryObj<ServerArgs> = {
  loaders: [async ({ args }) => ({ client: await ownStoryClient(args) })],
  render: (_args, { loaded }) => html`
    <div style="width:400px;border:1px solid #d1d9e0">
      <conv-view-tabs .client=${loaded['client']}></conv-view-tabs>
      <conv-list .client=${loaded['client']} .list=${(loaded['client'] as ConvClient).conversations.inbox} no-tabs no-filters style="height:420px"></conv-list>
    </div>
  `,
};
