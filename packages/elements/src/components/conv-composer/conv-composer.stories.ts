import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../define/conv-composer.js';
import '../../define/conv-thread.js';
import '../../define/conv-provider.js';
import { pickConversation, serverArgTypes, storyClient, type ServerArgs } from '../../stories/story-client.js';

type Args = ServerArgs & { conversationId: string };

const meta: Meta<Args> = {
  title: 'Elements/conv-composer',
  component: 'conv-composer',
  args: { url: '', token: '', conversationId: '' },
  argTypes: { ...serverArgTypes, conversationId: { control: 'text' } },
};
export default meta;

const loaders = [
  async ({ args }: { args: Args }) => {
    const client = await storyClient(args);
    const conversation = args.conversationId ? undefined : await pickConversation(client);
    return { client, conversationId: args.conversationId || conversation?.id || '' };
  },
];

/** Type and press Enter: the message shows at once as "Sending…" in the thread above. */
export const WithThread: StoryObj<Args> = {
  loaders,
  render: (_args, { loaded }) => html`
    <conv-provider .client=${loaded['client']}>
      <div style="display:flex;flex-direction:column;height:560px;max-width:720px;border:1px solid #d1d9e0">
        <conv-thread conversation-id=${loaded['conversationId']} keep-unread style="flex:1"></conv-thread>
        <conv-composer conversation-id=${loaded['conversationId']}></conv-composer>
      </div>
    </conv-provider>
  `,
};

/** The composer alone, switched to an internal note. */
export const Note: StoryObj<Args> = {
  loaders,
  render: (_args, { loaded }) => html`
    <conv-composer .client=${loaded['client']} conversation-id=${loaded['conversationId']} note value="Customer prefers mornings." style="max-width:720px"></conv-composer>
  `,
};
