import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../define/conv-row-menu.js';
import type { ConvRowMenu } from './conv-row-menu.js';
import { ownStoryClient, serverArgTypes, type ServerArgs } from '../../stories/story-client.js';

const meta: Meta<ServerArgs> = {
  title: 'Elements/conv-row-menu',
  component: 'conv-row-menu',
  args: { url: '', token: '' },
  argTypes: serverArgTypes,
};
export default meta;

/** One conversation's actions, opened next to any anchor with `show(id, anchor)`. (Actions here really run.) */
export const Default: StoryObj<ServerArgs> = {
  loaders: [
    async ({ args }) => {
      const client = await ownStoryClient(args);
      await client.conversations.load();
      return { client, id: client.conversations.store.get().order[0] ?? '' };
    },
  ],
  render: (_args, { loaded }) => {
    const open = (event: Event) => {
      const button = event.currentTarget as HTMLElement;
      void button.parentElement!.querySelector<ConvRowMenu>('conv-row-menu')!.show(loaded['id'] as string, button);
    };
    return html`
      <div style="font:14px system-ui">
        <button type="button" @click=${open}>Actions…</button>
        <conv-row-menu .client=${loaded['client']}></conv-row-menu>
      </div>
    `;
  },
  play: async ({ canvasElement }) => {
    // Opened, so the story shows the menu itself.
    await customElements.whenDefined('conv-row-menu');
    canvasElement.querySelector('button')?.click();
  },
};
