import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ConvClient } from '@convkit/sdk';
import '../../define/conv-list.js';
import '../../define/conv-unread-badge.js';
import type { ConvList } from './conv-list.js';
import { CLOSED_PORT_URL, ownStoryClient, serverArgTypes, storyClient, storySession, type ServerArgs } from '../../stories/story-client.js';

const meta: Meta<ServerArgs> = {
  title: 'Elements/conv-list',
  component: 'conv-list',
  args: { url: '', token: '' },
  argTypes: serverArgTypes,
};
export default meta;

const frame = 'height:600px;width:400px;border:1px solid #d1d9e0';

/** The agent's queue: search, filters, view tabs with live counts, then the rows, newest first. */
export const Default: StoryObj<ServerArgs> = {
  loaders: [async ({ args }) => ({ client: await storyClient(args) })],
  render: (_args, { loaded }) => html`
    <conv-list .client=${loaded['client']} .list=${(loaded['client'] as ConvClient).conversations.inbox} style=${frame}
      @conv-conversation-selected=${(e: CustomEvent) => console.info('selected', e.detail)}
      @conv-selection-change=${(e: CustomEvent) => console.info('selection', e.detail)}
      @conv-bulk-complete=${(e: CustomEvent) => console.info('bulk', e.detail)}></conv-list>
  `,
};

/** The Unread view: only what the agent has not read, with its count in the tab. */
export const Unread: StoryObj<ServerArgs> = {
  loaders: [
    async ({ args }) => {
      const client = await ownStoryClient(args);
      await client.conversations.setQuery({ view: 'unread' });
      return { client };
    },
  ],
  render: Default.render!,
};

/** A search: each result shows the text that matched, the hits marked. */
export const SearchResults: StoryObj<ServerArgs> = {
  loaders: [
    async ({ args }) => {
      const client = await ownStoryClient(args);
      await client.conversations.setQuery({ filter: { search: 'Maple' } });
      return { client };
    },
  ],
  render: Default.render!,
};

/** A search that finds nothing says so, with a way back. */
export const NoMatches: StoryObj<ServerArgs> = {
  loaders: [
    async ({ args }) => {
      const client = await ownStoryClient(args);
      await client.conversations.setQuery({ filter: { search: 'zebra crossing' } });
      return { client };
    },
  ],
  render: Default.render!,
};

/** Filters combine with views: the Hot lead label, assigned to nobody. */
export const Filtered: StoryObj<ServerArgs> = {
  loaders: [
    async ({ args }) => {
      const client = await ownStoryClient(args);
      await client.labels.load();
      const hot = client.labels.store.get().items.find((l) => l.name === 'Hot lead');
      await client.conversations.setQuery({ filter: { ...(hot ? { labelId: hot.id } : {}) } });
      return { client };
    },
  ],
  render: Default.render!,
};

/** Rows checked (shift-click selects a range): the bulk bar offers its actions and "Select all N matching". */
export const Selecting: StoryObj<ServerArgs> = {
  loaders: [async ({ args }) => ({ client: await ownStoryClient(args) })],
  render: Default.render!,
  play: async ({ canvasElement }) => {
    const list = canvasElement.querySelector<ConvList>('conv-list')!;
    const checkbox = (i: number) => list.shadowRoot?.querySelectorAll<HTMLElement>('[data-role="check"]')[i];
    for (let tries = 0; !checkbox(2) && tries < 100; tries++) await new Promise((r) => setTimeout(r, 50));
    checkbox(0)?.click();
    checkbox(2)?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, shiftKey: true }));
  },
};

/** Starred, for an agent who starred nothing yet: the view's own empty message. */
export const EmptyView: StoryObj<ServerArgs> = {
  loaders: [
    async ({ args }) => {
      const client = await ownStoryClient(args);
      await client.conversations.setQuery({ view: 'starred' });
      return { client };
    },
  ],
  render: Default.render!,
};

/**
 * Contact groups side by side (Inspectors, Agents, Clients) with an unread badge: one list per
 * group, each with `group` set, all on one client (one socket).
 */
export const GroupsSideBySide: StoryObj<ServerArgs> = {
  loaders: [async ({ args }) => ({ client: await ownStoryClient(args) })],
  render: (_args, { loaded }) => {
    const client = loaded['client'] as ConvClient;
    const column = 'height:480px;width:300px;border:1px solid #d1d9e0';
    return html`
      <p style="font:14px system-ui;margin:0 0 8px">Unread <conv-unread-badge .client=${client}></conv-unread-badge></p>
      <div style="display:flex;gap:12px">
        ${[
          ['Inspectors', 'inspector'],
          ['Agents', 'agent'],
          ['Clients', 'client'],
        ].map(
          ([title, group]) => html`<section>
            <h3 style="font:600 14px system-ui;margin:0 0 6px">${title}</h3>
            <conv-list .client=${client} group=${group} label=${`${title}`} no-tabs style=${column}></conv-list>
          </section>`,
        )}
      </div>
    `;
  },
};

/** The server refuses the token: the error state with Retry. */
export const Refused: StoryObj<ServerArgs> = {
  loaders: [
    async ({ args }) => {
      const { url } = await storySession(args);
      const client = new ConvClient({ url, token: 'refused-token' });
      client.connect();
      // Render once the server has refused the token: the list's request then fails at once.
      await new Promise<void>((resolve) => {
        const stop = client.status.subscribe((s) => s === 'failed' && (stop(), resolve()));
      });
      return { client };
    },
  ],
  render: (_args, { loaded }) => html`<conv-list .client=${loaded['client']} style="height:300px;width:360px;border:1px solid #d1d9e0"></conv-list>`,
};

/** Before the first page arrives: the skeleton rows. A real condition, kept: the client's server is unreachable (nothing listens on its port), so it stays connecting. */
export const Loading: StoryObj<ServerArgs> = {
  loaders: [
    async () => {
      const client = new ConvClient({ url: CLOSED_PORT_URL, token: 'unused-token' });
      client.connect();
      return { client };
    },
  ],
  render: Default.render!,
};

/** A workspace with no conversations at all (a fresh one on the demo server): "No conversations yet." */
export const EmptyWorkspace: StoryObj<ServerArgs> = {
  loaders: [async ({ args }) => ({ client: await ownStoryClient(args, 'demo-empty') })],
  render: Default.render!,
};

/**
 * 10,000 conversations (the demo server's demo-large workspace): rows are virtualized, the All tab
 * caps its count at 999+, and with one row checked the bulk bar offers "Select all 10,000 matching".
 */
export const TenThousandRows: StoryObj<ServerArgs> = {
  loaders: [async ({ args }) => ({ client: await ownStoryClient(args, 'demo-large') })],
  render: Default.render!,
  play: async ({ canvasElement }) => {
    const list = canvasElement.querySelector<ConvList>('conv-list')!;
    const checkbox = () => list.shadowRoot?.querySelector<HTMLElement>('[data-role="check"]');
    for (let tries = 0; !checkbox() && tries < 100; tries++) await new Promise((r) => setTimeout(r, 50));
    checkbox()?.click();
  },
};

/** A narrow list whose newest contact has a very long name and tags: names and previews truncate, nothing overflows. */
export const LongNames: StoryObj<ServerArgs> = {
  loaders: [async ({ args }) => ({ client: await ownStoryClient(args, 'demo-large') })],
  render: (_args, { loaded }) => html`<conv-list .client=${loaded['client']} style="height:420px;width:260px;border:1px solid #d1d9e0"></conv-list>`,
};
