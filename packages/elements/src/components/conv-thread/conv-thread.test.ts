import { expect, fixture, html } from '@open-wc/testing';
import type { ConvClient, MessageView } from '@convkit/sdk';
import '../../define/conv-thread.js';
import type { ConvThread } from './conv-thread.js';
import { ConvClient as Client } from '@convkit/sdk';
import { connectedClient, deepActiveElement, disconnectClients, eventually, freshConversations, session, shadow, shadowAll, simulateSms, smsConversation, text, uniquePhone, until } from '../../test-utils/index.js';
import { agentId } from '../../test-utils/list.js';

function items(thread: ConvThread): HTMLElement[] {
  return shadowAll(thread, '[data-seq]');
}

function scroller(thread: ConvThread): HTMLElement {
  return shadow(thread, '[part="messages"]')!;
}

function atBottom(el: HTMLElement): boolean {
  return el.scrollHeight - el.scrollTop - el.clientHeight < 4;
}

/** The first demo conversation whose thread satisfies `predicate`. */
async function findThread(client: ConvClient, predicate: (messages: MessageView[]) => boolean): Promise<string> {
  await client.conversations.load();
  const seen = new Set<string>();
  // Page by page: other tests' conversations come first, the seeded ones further down.
  for (;;) {
    for (const id of client.conversations.store.get().order) {
      if (seen.has(id)) continue;
      seen.add(id);
      const state = await until(client.threads.get(id), (s) => s.status === 'ready', `thread ${id} loads`);
      if (predicate(state.messages)) return id;
    }
    if (!client.conversations.store.get().hasMore) throw new Error('no demo conversation matches');
    await client.conversations.loadMore();
  }
}

async function renderThread(client: ConvClient, conversationId: string, height = 480): Promise<ConvThread> {
  const thread = await fixture<ConvThread>(
    html`<conv-thread .client=${client} conversation-id=${conversationId} style=${`height:${height}px`}></conv-thread>`,
  );
  await until(client.threads.get(conversationId), (s) => s.status === 'ready', 'the thread loads');
  await eventually(() => items(thread).length > 0 && text(shadow(thread, 'h2')) !== '', 'messages and header render');
  return thread;
}

/** A conversation of its own: a new contact texting in `count` times. */
async function freshConversation(client: ConvClient, count = 1): Promise<{ id: string; phone: string }> {
  const phone = uniquePhone();
  for (let i = 1; i <= count; i++) await simulateSms(phone, `Message ${i} from ${phone}`);
  await client.conversations.load();
  const state = await until(
    client.conversations.store,
    (s) => s.order.some((id) => s.byId[id]!.contact.phone === phone && s.byId[id]!.lastMessage?.preview === `Message ${count} from ${phone}`),
    'the new conversation reaches the list',
  );
  return { id: state.order.find((id) => state.byId[id]!.contact.phone === phone)!, phone };
}

describe('<conv-thread>', () => {
  afterEach(disconnectClients);

  it('shows the contact in the header and the messages by seq, inbound left and outbound right', async () => {
    const client = await connectedClient();
    const id = await findThread(client, (m) => m.some((x) => x.kind === 'message' && x.direction === 'inbound') && m.some((x) => x.kind === 'message' && x.direction === 'outbound'));
    const thread = await renderThread(client, id);
    const conversation = client.conversations.store.get().byId[id]!;
    expect(text(shadow(thread, '[part="header"] h2'))).to.equal(conversation.contact.name);

    const messages = client.threads.get(id).get().messages;
    const seqs = items(thread).map((el) => Number(el.dataset['seq']));
    expect(seqs).to.deep.equal(messages.map((m) => m.seq));
    expect(seqs).to.deep.equal([...seqs].sort((a, b) => a - b));

    const inbound = shadow(thread, '[part~="inbound"] [part="bubble"]')!;
    const outbound = shadow(thread, '[part~="outbound"] [part="bubble"]')!;
    const area = scroller(thread).getBoundingClientRect();
    expect(inbound.getBoundingClientRect().left - area.left).to.be.lessThan(40);
    expect(area.right - outbound.getBoundingClientRect().right).to.be.lessThan(40);

    const outboundMessage = messages.find((m) => m.kind === 'message' && m.direction === 'outbound')!;
    const outboundEl = shadow(thread, `[data-seq="${outboundMessage.seq}"]`)!;
    expect(text(outboundEl.querySelector('[part="bubble"]'))).to.equal(outboundMessage.body.replace(/\s+/g, ' ').trim());
    expect(text(outboundEl.querySelector('[part="meta"]'))).to.contain(outboundMessage.author.name);
    expect(text(outboundEl.querySelector('.status'))).to.not.equal('');
  });

  it('sets notes, activity cards and call logs apart from messages', async () => {
    const client = await connectedClient();
    const id = await findThread(client, (m) => m.some((x) => x.kind === 'note') && m.some((x) => x.kind === 'activity'));
    const thread = await renderThread(client, id);
    const messages = client.threads.get(id).get().messages;

    const note = messages.find((m) => m.kind === 'note')!;
    const noteEl = shadow(thread, `[data-seq="${note.seq}"]`)!;
    const card = noteEl.querySelector<HTMLElement>('[part="note"]')!;
    expect(text(card)).to.contain('Internal note');
    expect(text(card)).to.contain(note.body.replace(/\s+/g, ' ').trim());
    expect(getComputedStyle(card).backgroundColor).to.equal('rgb(255, 244, 194)');
    expect(noteEl.querySelector('[part="bubble"]')).to.not.exist;

    const activity = messages.find((m) => m.kind === 'activity')!;
    const activityEl = shadow(thread, `[data-seq="${activity.seq}"]`)!;
    const activityCard = activityEl.querySelector<HTMLElement>('[part="activity"]')!;
    expect(text(activityCard)).to.contain(activity.body.replace(/\s+/g, ' ').trim());
    const box = activityCard.getBoundingClientRect();
    const area = scroller(thread).getBoundingClientRect();
    expect(Math.abs(box.left - area.left - (area.right - box.right))).to.be.lessThan(24);
    if (typeof activity.meta['link'] === 'string') {
      expect(activityCard.querySelector('a')!.getAttribute('href')).to.equal(new URL(activity.meta['link'], document.baseURI).href);
    }
  });

  it('shows an automated message as sent by "Auto", with a link back to the host\'s record', async () => {
    const client = await connectedClient();
    const id = await findThread(client, (m) => m.some((x) => x.author.type === 'automation' && x.kind === 'message'));
    const thread = await renderThread(client, id);
    const auto = client.threads.get(id).get().messages.find((m) => m.author.type === 'automation' && m.kind === 'message')!;
    const row = await eventually(() => shadow(thread, `[data-seq="${auto.seq}"]`), 'the automated message renders');
    expect(row.getAttribute('part')).to.contain('outbound');
    expect(text(row.querySelector('.author'))).to.equal('Auto');
    const link = row.querySelector<HTMLAnchorElement>('[part="record-link"]')!;
    expect(text(link)).to.equal('Showing: 22 Birch Ave');
    expect(link.getAttribute('href')).to.equal(new URL('/showings/22-birch-ave', document.baseURI).href);
    expect([link.target, link.rel]).to.deep.equal(['_blank', 'noopener noreferrer']);
  });

  it("shows a host's activity card: its title, status, details, who did it and a safe link back", async () => {
    const client = await connectedClient();
    const { id } = await smsConversation(client, 'When is the inspection?');
    const thread = await renderThread(client, id);
    await client.request('activities.post', { conversationId: id, clientId: `card-${Math.random().toString(36).slice(2, 12)}`, title: 'Inspection booked', body: 'Friday 10:00\nRoof and attic', status: 'Booked', link: '/inspections/88', linkLabel: 'Open inspection', actor: 'Jordan (office)' });
    const card = await eventually(() => shadowAll(thread, '[part="activity"]').find((c) => text(c).includes('Inspection booked')), 'the card shows live');
    expect(text(card.querySelector('[part="activity-status"]'))).to.equal('Booked');
    expect(card.querySelector<HTMLElement>('[part="activity-details"]')!.innerText).to.equal('Friday 10:00\nRoof and attic');
    expect(text(card.querySelector('.activity-actor'))).to.equal('Jordan (office)');
    const link = card.querySelector<HTMLAnchorElement>('a')!;
    expect([text(link), link.getAttribute('href'), link.target, link.rel]).to.deep.equal(['Open inspection', new URL('/inspections/88', document.baseURI).href, '_blank', 'noopener noreferrer']);
  });

  it("marks what the host's backend sent with an API key \"via API\", under the key's name", async () => {
    const client = await connectedClient();
    const { id } = await smsConversation(client, 'Can I move my inspection?');
    const thread = await renderThread(client, id);
    const response = await fetch('/__convkit/via-api', { method: 'POST', body: JSON.stringify({ conversationId: id, body: 'Your inspection moved to Monday 9:00.' }) });
    expect(response.status).to.equal(201);
    const row = await eventually(() => shadowAll(thread, '[data-seq]').find((r) => text(r).includes('Your inspection moved')), 'the message shows live');
    expect(text(row.querySelector('.author'))).to.equal('CRM sync');
    expect(text(row.querySelector('[part~="api"]'))).to.equal('via API');
    // An agent's own reply says nothing of the kind.
    await client.request('messages.send', { conversationId: id, clientId: `agent-${Math.random().toString(36).slice(2, 12)}`, body: 'See you Monday.' });
    const own = await eventually(() => shadowAll(thread, '[data-seq]').find((r) => text(r).includes('See you Monday')), 'the reply shows');
    expect(own.querySelector('[part~="api"]')).to.equal(null);
  });

  it('shows a call log with its duration', async () => {
    const client = await connectedClient();
    const id = await findThread(client, (m) => m.some((x) => x.kind === 'call' && typeof x.meta['durationSeconds'] === 'number' && x.meta['durationSeconds'] > 0));
    const thread = await renderThread(client, id);
    const call = client.threads.get(id).get().messages.find((m) => m.kind === 'call' && typeof m.meta['durationSeconds'] === 'number')!;
    const el = shadow(thread, `[data-seq="${call.seq}"] [part="call"]`)!;
    const seconds = call.meta['durationSeconds'] as number;
    const expected = seconds >= 60 ? `${Math.floor(seconds / 60) % 60}m` : `${seconds}s`;
    expect(text(el)).to.match(/call/i);
    expect(text(el.querySelector('.duration'))).to.contain(expected);
  });

  it('separates days', async () => {
    const client = await connectedClient();
    const id = await findThread(client, (m) => new Set(m.map((x) => new Date(x.createdAt).toDateString())).size > 1);
    const thread = await renderThread(client, id);
    const days = new Set(client.threads.get(id).get().messages.map((m) => new Date(m.createdAt).toDateString()));
    const separators = shadowAll(thread, '[part="day-separator"]');
    expect(separators.length).to.equal(days.size);
    expect(new Set(separators.map((s) => text(s))).size).to.equal(days.size);
  });

  it('shows a sent message at once as "Sending…", then with the server status', async () => {
    const client = await connectedClient();
    const { id } = await freshConversation(client);
    const thread = await renderThread(client, id);
    const body = `On my way ${Math.random().toString(36).slice(2, 6)}`;
    const sent = client.messages.send({ conversationId: id, body, channel: 'sms' });
    await thread.updateComplete;
    const last = () => items(thread).at(-1)!;
    expect(text(last().querySelector('[part="bubble"]'))).to.equal(body);
    expect(text(last().querySelector('.status'))).to.equal('Sending…');
    expect(last().getAttribute('part')).to.contain('outbound');
    await sent;
    await eventually(() => ['Sent', 'Delivered', 'Read'].includes(text(last().querySelector('.status'))), 'the server status shows');
    expect(text(last().querySelector('[part="meta"]'))).to.contain(client.session.get()!.user.name);
  });

  it('shows a failed send with its reason and a Retry button that sends it', async () => {
    const client = await connectedClient();
    const { id } = await freshConversation(client);
    const thread = await renderThread(client, id);
    client.disconnect();
    const body = `Retry me ${Math.random().toString(36).slice(2, 6)}`;
    await client.messages.send({ conversationId: id, body, channel: 'sms' }).then(
      () => expect.fail('a send while disconnected must fail'),
      () => undefined,
    );
    await thread.updateComplete;
    const failed = items(thread).at(-1)!;
    expect(text(failed.querySelector('[part="bubble"]'))).to.equal(body);
    expect(text(failed.querySelector('[role="alert"]'))).to.match(/^Failed: .+/);
    const retry = failed.querySelector<HTMLButtonElement>('[part="retry-button"]')!;
    expect(retry.textContent!.trim()).to.equal('Retry');

    client.connect();
    await until(client.status, (s) => s === 'connected', 'reconnected');
    retry.click();
    await eventually(() => ['Sent', 'Delivered', 'Read'].includes(text(items(thread).at(-1)!.querySelector('.status'))), 'the retried message is sent');
    expect(items(thread).filter((el) => text(el.querySelector('[part="bubble"]')) === body)).to.have.length(1);
  });

  it('shows why the carrier did not deliver a message, and Retry on another page sends it again', async () => {
    const sender = await connectedClient();
    const { id } = await freshConversation(sender);
    // The sandbox reports a text containing "fail" undelivered, as Twilio reports error 30003.
    const body = `Will fail ${Math.random().toString(36).slice(2, 6)}`;
    await sender.messages.send({ conversationId: id, body, channel: 'sms' });
    const client = await connectedClient();
    const thread = await renderThread(client, id);
    const mine = () => items(thread).find((el) => text(el.querySelector('[part="bubble"]')) === body)!;
    await eventually(() => text(mine()?.querySelector('[role="alert"]')).startsWith('Not delivered: '), 'the reason shows', 8_000);
    expect(text(mine().querySelector('[role="alert"]'))).to.contain('phone is off or out of coverage');
    const seen: string[] = [];
    const stop = client.threads.get(id).subscribe((state) => seen.push(state.messages.find((m) => m.body === body)?.status ?? ''));
    mine().querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await eventually(() => seen.includes('sent') && text(mine().querySelector('[role="alert"]')).startsWith('Not delivered: '), 'sent again, and reported again', 8_000);
    stop();
    expect(seen).to.include('queued');
    expect(items(thread).filter((el) => text(el.querySelector('[part="bubble"]')) === body)).to.have.length(1);
  });

  it('shows a new inbound message live, announces it and keeps the view at the bottom', async () => {
    const client = await connectedClient();
    const { id, phone } = await freshConversation(client, 12);
    const thread = await renderThread(client, id, 260);
    await eventually(() => atBottom(scroller(thread)), 'the thread opens at the bottom');
    expect(scroller(thread).scrollTop).to.be.greaterThan(0);

    const body = `Running 10 minutes late ${Math.random().toString(36).slice(2, 6)}`;
    await simulateSms(phone, body);
    await eventually(() => text(items(thread).at(-1)?.querySelector('[part="bubble"]')) === body, 'the message shows');
    expect(items(thread).at(-1)!.getAttribute('part')).to.contain('inbound');
    const live = shadow(thread, '[aria-live="polite"]')!;
    expect(text(live)).to.contain(body);
    await eventually(() => atBottom(scroller(thread)), 'the view follows to the bottom');
  });

  it('loads older messages on request and keeps the reader in place', async () => {
    const client = await connectedClient();
    const { id } = await freshConversation(client, 55);
    const thread = await renderThread(client, id, 300);
    const before = items(thread).length;
    expect(before).to.be.lessThan(55);
    const button = shadow<HTMLButtonElement>(thread, '[part="load-older"]')!;
    expect(button.textContent!.trim()).to.equal('Load older messages');

    const firstSeq = items(thread)[0]!.dataset['seq'];
    const anchor = () => shadow(thread, `[data-seq="${firstSeq}"]`)!.getBoundingClientRect().top;
    scroller(thread).scrollTop = 0;
    const top = anchor();
    button.click();
    await eventually(() => items(thread).length === 55, 'older messages render');
    expect(Math.abs(anchor() - top)).to.be.lessThan(4);
    expect(shadow(thread, '[part="load-older"]')).to.not.exist;
    expect(text(items(thread)[0]!.querySelector('[part="bubble"]'))).to.contain('Message 1 from');
  });

  it('offers "Jump to latest" while scrolled up, counts what arrived meanwhile, and goes there', async () => {
    const client = await connectedClient();
    const { id, phone } = await freshConversation(client, 12);
    const thread = await renderThread(client, id, 220);
    const jump = () => shadow<HTMLButtonElement>(thread, '[part="jump-latest"]');
    expect(jump(), 'at the bottom: nothing to jump to').to.equal(null);
    scroller(thread).scrollTop = 0;
    await eventually(() => text(jump()) === 'Jump to latest', 'the button shows once scrolled up');
    await simulateSms(phone, `Message 13 from ${phone}`);
    await eventually(() => text(jump()) === '1 new message below', 'it counts the new message');
    expect(atBottom(scroller(thread)), 'the reader stays where they were').to.equal(false);
    jump()!.click();
    await eventually(() => jump() === null, 'the button goes');
    expect(atBottom(scroller(thread))).to.equal(true);
    expect(deepActiveElement()).to.equal(scroller(thread), 'the keyboard is in the feed');
  });

  it('shows loading, then an error for a conversation that does not exist', async () => {
    const client = await connectedClient();
    const thread = await fixture<ConvThread>(html`<conv-thread .client=${client} conversation-id="no-such-conversation"></conv-thread>`);
    expect(text(shadow(thread, '[role="status"]'))).to.contain('Loading messages');
    const alert = await eventually(() => shadow(thread, '[role="alert"]'), 'the error shows');
    expect(text(alert)).to.contain('Could not load messages');
  });

  it('offers Retry when the thread could not load, and shows it once Retry succeeds', async () => {
    const helper = await connectedClient();
    await helper.conversations.load();
    const conversationId = helper.conversations.store.get().order[0]!;
    const { url, token } = await session();
    const offline = new Client({ url, token, autoConnect: false });
    const thread = await fixture<ConvThread>(html`<conv-thread .client=${offline} conversation-id=${conversationId}></conv-thread>`);
    const alert = await eventually(() => shadow(thread, '[role="alert"]'), 'the error shows');
    expect(text(alert)).to.contain('Could not load messages');
    offline.connect();
    await until(offline.status, (s) => s === 'connected', 'the client connects');
    shadow(thread, '[part="retry-button"]')!.click();
    await eventually(() => shadow(thread, '[part="messages"]'), 'the messages show after Retry');
    offline.disconnect();
  });

  it('asks for a conversation when none is set', async () => {
    const client = await connectedClient();
    const thread = await fixture<ConvThread>(html`<conv-thread .client=${client}></conv-thread>`);
    expect(text(shadow(thread, '[part="state"]'))).to.equal('Select a conversation to read it.');
  });

  it('shows the conversation\'s triage state in its header, live', async () => {
    const client = await connectedClient();
    const { id } = await freshConversation(client);
    const thread = await renderThread(client, id);
    const header = () => shadow(thread, '[part="header"]')!;
    expect(text(shadow(thread, '[part="assignee-name"]'))).to.equal('Unassigned');
    expect(shadow(thread, '[part="star-button"]')!.getAttribute('aria-pressed')).to.equal('false');
    expect(text(shadow(thread, '[part="archive-button"]'))).to.equal('Archive');
    expect(header().querySelector('[part="archived-badge"]')).to.not.exist;

    // Another agent triages it: the header follows without a reload.
    const colleague = await connectedClient();
    await colleague.conversations.fetch(id);
    const sam = await agentId(colleague, 'Sam Patel');
    await colleague.labels.load();
    const label = colleague.labels.store.get().items.find((l) => l.name === 'Closing')!;
    await colleague.conversations.assign(id, sam);
    await colleague.conversations.addLabel(id, label.id);
    await eventually(() => text(shadow(thread, '[part="assignee-name"]')) === 'Assigned to Sam Patel', 'the assignee shows');
    await eventually(() => [...header().querySelectorAll('[part="label"]')].map((c) => text(c)).join() === 'Closing', 'the label shows');

    shadow<HTMLButtonElement>(thread, '[part="star-button"]')!.click();
    await eventually(() => shadow(thread, '[part="star-button"]')!.getAttribute('aria-pressed') === 'true', 'the star is on');
    await until(client.conversations.store, (s) => s.byId[id]!.readState.starred, 'the star is kept');

    shadow<HTMLButtonElement>(thread, '[part="archive-button"]')!.click();
    await eventually(() => text(header().querySelector('[part="archived-badge"]')) === 'Archived', 'the archived badge shows');
    expect(text(shadow(thread, '[part="archive-button"]'))).to.equal('Unarchive');
    await until(colleague.conversations.store, (s) => s.byId[id]?.status === 'archived', 'the archive reaches other agents');

    shadow<HTMLButtonElement>(thread, '[part="more-button"]')!.click();
    const menu = shadow(thread, 'conv-row-menu')!;
    await eventually(() => shadow(menu, '[popover]')?.matches(':popover-open'), 'the other actions open');
    expect(text(shadow(menu, '[data-action="assign"]'))).to.equal('Assign…Sam Patel');
  });

  it('is accessible', async () => {
    const client = await connectedClient();
    const id = await findThread(client, (m) => m.some((x) => x.kind === 'note') && m.some((x) => x.kind === 'activity'));
    const thread = await renderThread(client, id);
    await expect(thread).to.be.accessible();
  });

  it('follows a call to its end, and plays its recording through a short-lived link', async () => {
    const admin = await connectedClient(undefined, 'admin');
    await admin.request('workspace.update', { voice: { recordOutbound: true } });
    const [conversationId] = await freshConversations(admin, 1, 'Please call me back');
    await admin.request('calls.start', { conversationId: conversationId!, agentPhone: '+15550105555' });
    const thread = await fixture<ConvThread>(html`<conv-thread .client=${admin} conversation-id=${conversationId}></conv-thread>`);
    // Sandbox mode makes the call up: in progress, then answered 42 seconds, with a recording.
    const row = await eventually(() => shadow(thread, '[data-kind="call"][data-outcome="answered"]'), 'the call ends answered', 15_000);
    expect(text(row.querySelector('.call-title'))).to.equal('Outgoing call');
    expect(text(row.querySelector('.duration'))).to.match(/42/);
    const play = await eventually(() => shadow<HTMLButtonElement>(thread, '[part="recording-button"]'), 'the recording can be played');
    expect(text(play)).to.equal('Play recording');
    play.click();
    const audio = await eventually(() => shadow<HTMLAudioElement>(thread, 'audio[part="recording"]'), 'the player shows');
    await eventually(() => deepActiveElement() === audio, 'the player takes the focus from the button that is gone');
    expect(audio.src).to.match(/\/media\/[^?]+\?expires=\d+&signature=/);
    // The browser reads the file through the link: its length is the recording's (2 seconds).
    await eventually(() => audio.readyState >= 1 && Math.round(audio.duration) === 2, 'the recording loads', 10_000);
    await admin.request('workspace.update', { voice: { recordOutbound: false } });
  });

  it('marks a message RCS carried', async () => {
    const client = await connectedClient();
    const id = await findThread(client, (messages) => messages.some((m) => m.meta['via'] === 'rcs'));
    const thread = await fixture<ConvThread>(html`<conv-thread .client=${client} conversation-id=${id}></conv-thread>`);
    const mark = await eventually(() => shadow(thread, '[part="via"]'), 'the RCS mark shows');
    expect(text(mark)).to.equal('RCS');
    expect(shadowAll(thread, '[part="via"]')).to.have.length(1);
  });

  it("makes web and email addresses in a message links, and leaves every other text as text", async () => {
    const client = await connectedClient();
    const phone = uniquePhone();
    const body = 'Photos at https://example.com/listing?id=4&v=2. Wiki: https://en.wikipedia.org/wiki/Gable_(roof) (or www.example.org), mail maria@example.com; not javascript:alert(1) <img src=x onerror="window.hacked=1"> <b>bold</b>';
    await simulateSms(phone, body);
    await client.conversations.load();
    const state = await until(client.conversations.store, (s) => s.order.some((i) => s.byId[i]!.contact.phone === phone), 'the conversation arrives');
    const thread = await renderThread(client, state.order.find((i) => state.byId[i]!.contact.phone === phone)!);
    const bubble = await eventually(() => shadowAll(thread, '[data-kind="message"] .body').find((b) => b.textContent?.includes('Photos at')), 'the message shows');
    expect(bubble.textContent).to.equal(body, 'every character shows as it came');
    const links = [...bubble.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).to.deep.equal([
      ['https://example.com/listing?id=4&v=2', 'https://example.com/listing?id=4&v=2'],
      ['https://en.wikipedia.org/wiki/Gable_(roof)', 'https://en.wikipedia.org/wiki/Gable_(roof)'],
      ['www.example.org', 'https://www.example.org/'],
      ['maria@example.com', 'mailto:maria@example.com'],
    ]);
    for (const link of links) {
      expect(link.getAttribute('target')).to.equal('_blank');
      expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
    }
    expect(bubble.querySelector('img, b')).to.equal(null);
    expect((window as unknown as { hacked?: number }).hacked).to.equal(undefined);
  });
});
