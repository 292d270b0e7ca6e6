import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../define/conv-provider.js';
import '../../define/conv-list.js';
import '../../define/contact-panel.js';
import { serverArgTypes, storySession, type ServerArgs } from '../../stories/story-client.js';

const meta: Meta<ServerArgs> = {
  title: 'Elements/conv-provider',
  component: 'conv-provider',
  args: { url: '', token: '' },
  argTypes: serverArgTypes,
};
export default meta;

/** A host's own layout: the provider connects from url + token; the parts inside share its client. */
export const HostLayout: StoryObj<ServerArgs> = {
  loaders: [async ({ args }) => ({ session: await storySession(args) })],
  render: (_args, { loaded }) => html`
    <conv-provider url=${loaded['session'].url} token=${loaded['session'].token}>
      <div style="display:grid;grid-template-columns:340px 1fr;gap:1rem;align-items:start">
        <conv-list style="height:480px;border:1px solid #d1d9e0"
          @conv-conversation-selected=${(e: CustomEvent<{ conversationId: string }>) => {
            // The host wires selection itself here (conv-inbox does it for you).
            const provider = (e.currentTarget as HTMLElement).closest('conv-provider')!;
            const contactId = provider.activeClient?.conversations.byId.get()[e.detail.conversationId]?.contact.id ?? '';
            provider.querySelector('contact-panel')!.contactId = contactId;
          }}></conv-list>
        <contact-panel style="border:1px solid #d1d9e0"></contact-panel>
      </div>
    </conv-provider>
  `,
};
