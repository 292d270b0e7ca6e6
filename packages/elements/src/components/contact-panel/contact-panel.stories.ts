import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../define/contact-panel.js';
import { pickConversation, serverArgTypes, storyClient, type ServerArgs, type StoryWorkspace } from '../../stories/story-client.js';

type Args = ServerArgs & { contactId: string };

const meta: Meta<Args> = {
  title: 'Elements/contact-panel',
  component: 'contact-panel',
  args: { url: '', token: '', contactId: '' },
  argTypes: { ...serverArgTypes, contactId: { control: 'text' } },
};
export default meta;

async function loadContact(args: Args, workspace?: StoryWorkspace) {
  const client = await storyClient(args, workspace);
  const conversation = args.contactId ? undefined : await pickConversation(client);
  return { client, contactId: args.contactId || conversation?.contact.id || '' };
}

/** A contact's details and tags, with a host card in the slot. */
export const Default: StoryObj<Args> = {
  loaders: [
    async ({ args }) => loadContact(args),
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

/** A contact with a very long name, email and tags (demo-large's newest): everything wraps or truncates inside the panel. */
export const LongName: StoryObj<Args> = {
  loaders: [async ({ args }) => loadContact(args, 'demo-large')],
  render: (_args, { loaded }) => html`<contact-panel .client=${loaded['client']} contact-id=${loaded['contactId']} style="width:300px;border:1px solid #d1d9e0"></contact-panel>`,
};
