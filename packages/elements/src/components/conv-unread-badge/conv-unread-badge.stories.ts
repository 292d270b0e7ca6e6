import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../define/conv-unread-badge.js';
import '../../define/conv-provider.js';
import { serverArgTypes, storyClient, type ServerArgs } from '../../stories/story-client.js';

type Args = ServerArgs & { max: number; dot: boolean };

const meta: Meta<Args> = {
  title: 'Elements/conv-unread-badge',
  component: 'conv-unread-badge',
  args: { url: '', token: '', max: 99, dot: false },
  argTypes: { ...serverArgTypes, max: { control: 'number' }, dot: { control: 'boolean' } },
};
export default meta;

/** On the host's own nav item: the agent's unread conversations, live (hidden at zero). */
export const InHostNav: StoryObj<Args> = {
  loaders: [async ({ args }) => ({ client: await storyClient(args) })],
  render: (args, { loaded }) => html`
    <conv-provider .client=${loaded['client']}>
      <nav aria-label="Main" style="display:flex;gap:16px;font:14px system-ui">
        <a href="#dashboard">Dashboard</a>
        <a href="#inbox" style="display:inline-flex;align-items:center;gap:6px">Inbox <conv-unread-badge max=${args.max} ?dot=${args.dot}></conv-unread-badge></a>
        <a href="#contacts">Contacts</a>
      </nav>
    </conv-provider>
  `,
};

/** A plain red dot on an icon; the number stays in its accessible label. */
export const Dot: StoryObj<Args> = {
  args: { dot: true },
  loaders: InHostNav.loaders!,
  render: (_args, { loaded }) => html`
    <a href="#inbox" style="position:relative;display:inline-block;width:28px;height:28px;font:20px system-ui;text-decoration:none">
      <span aria-hidden="true">✉</span><span style="position:absolute;left:-9999px">Inbox</span>
      <conv-unread-badge .client=${loaded['client']} dot style="position:absolute;top:-2px;right:-4px"></conv-unread-badge>
    </a>
  `,
};

/** A low cap: above it, "9+". */
export const Capped: StoryObj<Args> = {
  args: { max: 9 },
  loaders: InHostNav.loaders!,
  render: (args, { loaded }) => html`<conv-unread-badge .client=${loaded['client']} max=${args.max}></conv-unread-badge>`,
};
