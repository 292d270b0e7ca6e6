import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../define/contact-panel.js';
import { pickConversation, serverArgTypes, storyClient, type ServerArgs } from '../../stories/story-client.js';

type Args = ServerArgs & { contactId: string };

const meta: Meta<Args> = {
  title: 'Elements/contact-panel',
  component: 'contact-panel',
  args: { url: '', token: '', contactId: '' },
  argTypes: { ...serverArgTypes, contactId: { control: 'text' } },
};
export default meta;

/** A contact's details and tags, with a host card in the slot. */
export const Default: StoryObj<Args> = {
  loaders: [
    async ({ args }) => {
      const client = await storyClient(args);
      const conversation = args.contactId ? undefined : await pickConversation(client);
      return { client, contactId: args.contactId || conversation?.contact.id || '' };
    },
  ],
  render: (_args, { loaded }) => html`
    <contact-panel .client=${loaded['client']} contact-id=${loaded['contactId']} style="width:300px;border:1px solid #d1d9e0">
      <div style="padding:0.75rem;border:1px solid #d1d9e0;border-radius:8px"><strong>Open deal</strong><br />14 Harbor Lane · $420,000</div>
    </contact-panel>
  `,
};

/** A contact id that does not exist in the workspace. */
export const NotFound: StoryObj<Args> = {
  loaders: [async ({ args }) => ({ client: await storyClient(args) })],
  render: (_args, { loaded }) => html`<contact-panel .client=${loaded['client']} contact-id="no-such-contact" style="width:300px;border:1px solid #d1d9e0"></contact-panel>`,
};
