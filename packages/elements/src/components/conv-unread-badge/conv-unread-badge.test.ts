import { expect, fixture, html } from '@open-wc/testing';
import { ConvClient } from '@convkit/sdk';
import '../../define/conv-unread-badge.js';
import '../../define/conv-provider.js';
import type { ConvUnreadBadge } from './conv-unread-badge.js';
import { connectedClient, disconnectClients, emptyWorkspace, eventually, session, shadow, simulateSms, text, uniquePhone, until } from '../../test-utils/index.js';

function shown(badge: ConvUnreadBadge): string {
  return text(shadow(badge, '[part="badge"]'));
}

function label(badge: ConvUnreadBadge): string {
  return text(shadow(badge, '.visually-hidden'));
}

describe('<conv-unread-badge>', () => {
  afterEach(disconnectClients);

  it("shows the agent's unread conversations and counts a new SMS live", async () => {
    const client = await connectedClient();
    const badge = await fixture<ConvUnreadBadge>(html`<conv-unread-badge .client=${client}></conv-unread-badge>`);
    const before = (await until(client.unread, (n) => n !== null, 'the count loads'))!;
    expect(before, 'a new agent has unread conversations').to.be.greaterThan(0);
    await badge.updateComplete;
    expect(shown(badge)).to.equal(before > 99 ? '99+' : String(before));
    expect(label(badge)).to.equal(`${before} unread conversations`);
    expect(getComputedStyle(badge).display).to.not.equal('none');

    await simulateSms(uniquePhone(), 'Can we move the closing to Friday?');
    await eventually(() => label(badge) === `${before + 1} unread conversations`, 'the badge counts the new conversation');
  });

  it('caps the number it shows, not the one it says', async () => {
    const client = await connectedClient();
    const badge = await fixture<ConvUnreadBadge>(html`<conv-unread-badge .client=${client} max="3"></conv-unread-badge>`);
    const count = (await until(client.unread, (n) => n !== null && n > 3, 'more than 3 unread'))!;
    await badge.updateComplete;
    expect(shown(badge)).to.equal('3+');
    expect(label(badge)).to.equal(`${count} unread conversations`);
  });

  it('is hidden when nothing is unread', async () => {
    const { url, token } = await session(undefined, await emptyWorkspace());
    const client = new ConvClient({ url, token });
    try {
      const badge = await fixture<ConvUnreadBadge>(html`<conv-unread-badge .client=${client}></conv-unread-badge>`);
      await until(client.unread, (n) => n === 0, 'the count loads');
      await badge.updateComplete;
      expect(badge.matches(':state(empty)')).to.equal(true);
      expect(getComputedStyle(badge).display).to.equal('none');
      expect(shadow(badge, '[part="badge"]')).to.not.exist;
    } finally {
      client.disconnect();
    }
  });

  it('takes its client from a <conv-provider>, and can be a plain dot', async () => {
    const client = await connectedClient();
    const provider = await fixture(html`<conv-provider .client=${client}><a href="#inbox">Inbox <conv-unread-badge dot></conv-unread-badge></a></conv-provider>`);
    const badge = provider.querySelector<ConvUnreadBadge>('conv-unread-badge')!;
    const count = (await until(client.unread, (n) => n !== null, 'the count loads'))!;
    await eventually(() => label(badge) === `${count} unread conversations`, 'the badge reads the provided client');
    expect(shown(badge), 'a dot shows no number').to.equal('');
    expect(shadow(badge, '[part="badge"]')!.getBoundingClientRect().width).to.be.greaterThan(0);
  });

  it('is accessible', async () => {
    const client = await connectedClient();
    const wrapper = await fixture(html`<nav aria-label="Main"><a href="#inbox">Inbox <conv-unread-badge .client=${client}></conv-unread-badge></a></nav>`);
    await until(client.unread, (n) => n !== null, 'the count loads');
    await expect(wrapper).to.be.accessible();
  });
});
