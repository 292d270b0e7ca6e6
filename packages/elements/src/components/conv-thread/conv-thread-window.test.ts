// A long thread, read the way an agent reads one: opened at the newest message, scrolled up
// page after page through its history, then back down. Only the rows in and near the view are
// in the DOM, and the message the reader is looking at never moves under them.
import { expect, fixture, html } from '@open-wc/testing';
import '../../define/conv-thread.js';
import type { ConvThread } from './conv-thread.js';
import type { ConvClient } from '@convkit/sdk';
import { connectedClient, disconnectClients, eventually, longThread, shadow, shadowAll, simulateSms, text, until } from '../../test-utils/index.js';

const rows = (thread: ConvThread) => shadowAll(thread, '.rows > *');
const scroller = (thread: ConvThread) => shadow(thread, '[part="messages"]')!;

/** The first message row at least partly in view, and where it starts. */
function firstInView(thread: ConvThread): { seq: string; top: number } {
  const view = scroller(thread).getBoundingClientRect();
  const row = shadowAll(thread, '.rows > [data-seq]').find((el) => el.getBoundingClientRect().bottom > view.top + 1)!;
  return { seq: row.dataset['seq']!, top: row.getBoundingClientRect().top };
}

/** Waits for two frames: a scroll's event and the redraw it asks for. */
const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

async function openLong(client: ConvClient, messages: number): Promise<{ thread: ConvThread; id: string; phone: string }> {
  const { id, phone } = await longThread(messages);
  const thread = await fixture<ConvThread>(html`<conv-thread .client=${client} conversation-id=${id} style="height:420px"></conv-thread>`);
  await until(client.threads.get(id), (s) => s.status === 'ready', 'the thread loads');
  await eventually(() => shadowAll(thread, '[data-seq]').length > 0, 'messages render');
  return { thread, id, phone };
}

describe('<conv-thread> with a long history', () => {
  afterEach(disconnectClients);

  it('loads older pages as the reader scrolls up, keeps the message in view where it was, and renders only rows near the view', async function () {
    this.timeout(60_000);
    const client = await connectedClient();
    const { thread, id } = await openLong(client, 400);
    const state = () => client.threads.get(id).get();
    await eventually(() => scroller(thread).scrollHeight - scroller(thread).scrollTop - scroller(thread).clientHeight < 4, 'it opens at the newest message');
    expect(text(shadowAll(thread, '[data-seq]').at(-1))).to.contain('Note 400');

    let pages = 0;
    while (state().hasMoreBefore) {
      const loaded = state().messages.length;
      scroller(thread).scrollTop = 0;
      await frames();
      const before = firstInView(thread);
      await until(client.threads.get(id), (s) => s.messages.length > loaded && !s.loadingOlder, 'scrolling to the top loads the page before', 10_000);
      await thread.updateComplete;
      await frames();
      const row = shadow(thread, `.rows > [data-seq="${before.seq}"]`);
      expect(row, `message ${before.seq} is still rendered after page ${pages + 1}`).to.exist;
      expect(Math.abs(row!.getBoundingClientRect().top - before.top), `message ${before.seq} moved`).to.be.lessThan(2);
      expect(rows(thread).length, 'rows in the DOM').to.be.lessThan(80);
      pages++;
    }
    expect(pages).to.be.greaterThan(5);
    expect(state().messages).to.have.length(400);

    // The oldest item, at the very top.
    scroller(thread).scrollTop = 0;
    await eventually(() => shadow(thread, '.rows > [data-seq="1"]'), 'the first item renders at the top');
    expect(text(shadow(thread, '.rows > [data-seq="1"]'))).to.contain('Stage changed to Offer (1)');
  });

  it('never shows a blank view while scrolling down through all of it, and "Jump to latest" goes to the newest', async function () {
    this.timeout(60_000);
    const client = await connectedClient();
    const { thread, id } = await openLong(client, 300);
    while (client.threads.get(id).get().hasMoreBefore) await client.threads.loadOlder(id);
    await thread.updateComplete;
    const el = scroller(thread);
    el.scrollTop = 0;
    await frames();
    let steps = 0;
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 4 && steps < 400) {
      el.scrollTop += el.clientHeight * 0.9;
      await frames();
      const view = el.getBoundingClientRect();
      const middle = view.top + view.height / 2;
      const covering = rows(thread).some((row) => {
        const box = row.getBoundingClientRect();
        return box.top <= middle + 40 && box.bottom >= middle - 40;
      });
      expect(covering, `a row is drawn at the middle of the view at ${Math.round(el.scrollTop)} px`).to.equal(true);
      expect(rows(thread).length, 'rows in the DOM').to.be.lessThan(80);
      steps++;
    }
    expect(steps).to.be.greaterThan(10);

    el.scrollTop = el.scrollHeight / 3;
    await frames();
    const jump = await eventually(() => shadow<HTMLButtonElement>(thread, '[part="jump-latest"]'), 'Jump to latest shows');
    jump.click();
    await eventually(() => shadow(thread, '.rows > [data-seq="300"]'), 'the newest message renders');
    await eventually(() => el.scrollHeight - el.scrollTop - el.clientHeight < 4, 'the view is at the bottom');
  });

  it('keeps the reader in place when a message arrives while they read far up, and counts it', async function () {
    this.timeout(30_000);
    const client = await connectedClient();
    const { thread, id, phone } = await openLong(client, 200);
    while (client.threads.get(id).get().hasMoreBefore) await client.threads.loadOlder(id);
    await thread.updateComplete;
    scroller(thread).scrollTop = scroller(thread).scrollHeight / 4;
    await frames();
    await frames();
    const before = firstInView(thread);
    await simulateSms(phone, 'A new one while you read');
    await until(client.threads.get(id), (s) => s.messages.length === 201, 'the new message reaches the thread');
    await thread.updateComplete;
    await frames();
    expect(Math.abs(shadow(thread, `.rows > [data-seq="${before.seq}"]`)!.getBoundingClientRect().top - before.top)).to.be.lessThan(2);
    expect(text(shadow(thread, '[part="jump-latest"]'))).to.match(/1 new message/);
  });
});
