import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startDemoServer, type DemoServer } from './demo-server.js';
import { findWorkspaceBySlug, mintToken } from '@convkit/server';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../packages/server/dist/cli/main.js', import.meta.url));

describe('the demo page, as a newcomer uses it after npm start', () => {
  let demo: DemoServer;
  let browser: Browser;
  let alex: Page;
  before(async () => {
    demo = await startDemoServer();
    browser = await launchChromium();
    alex = await browser.newPage();
    const errors: string[] = [];
    alex.on('pageerror', (error) => errors.push(error.message));
    await alex.goto(demo.url);
    assert.deepEqual(errors, []);
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  const rows = (page: Page) => page.getByRole('listbox').getByRole('option');

  it('shows the host page with a 3-panel inbox of seeded conversations, newest first', async () => {
    await alex.getByRole('heading', { name: 'Conversations' }).waitFor();
    await rows(alex).first().waitFor();
    const texts = await rows(alex).allInnerTexts();
    assert.ok(texts.length >= 10, `rendered rows: ${texts.length}`);
    assert.match(texts[0]!, /\S/);
    assert.ok(texts.some((t) => /unread/i.test(t)), 'some rows are marked unread');
  });

  it('opens a conversation: the thread shows its history and the panel its contact', async () => {
    await rows(alex).first().click();
    const messages = alex.getByRole('region', { name: /^Messages with / });
    await messages.waitFor();
    await alex.getByRole('region', { name: 'Contact' }).or(alex.getByLabel('Contact')).first().waitFor();
    const thread = await messages.innerText();
    assert.match(thread, /\S/);
  });

  it('the host nav shows the agent\'s unread count, and it rises when an SMS arrives', async () => {
    const nav = alex.getByRole('navigation', { name: 'Main' });
    const unreadOnServer = async () => {
      const ws = (await findWorkspaceBySlug(demo.server.orm, 'demo'))!;
      // Alex as the demo's own session signs him in: an admin (a token without the role would make him an agent).
      const token = await mintToken(ws.signingSecret, { wsp: 'demo', sub: 'agent-1', role: 'admin' });
      const response = await fetch(`${demo.url}/v1/conversations/counts`, { headers: { authorization: `Bearer ${token}` } });
      return ((await response.json()) as { unread: number }).unread;
    };
    const before = await unreadOnServer();
    await nav.getByText(`${before} unread conversations`).waitFor({ timeout: 5_000 });
    await alex.getByLabel('From phone number').fill('+15551239999');
    await alex.getByLabel('Message text').fill('Badge check');
    await alex.getByRole('button', { name: 'Send to inbox' }).click();
    await nav.getByText(`${before + 1} unread conversations`).waitFor({ timeout: 5_000 });
    assert.equal(await unreadOnServer(), before + 1);
  });

  it('a simulated inbound SMS appears at the top, unread, and in the open thread, without a reload', async () => {
    await alex.getByLabel('From phone number').fill('+15551230000');
    await alex.getByLabel('Message text').fill('Hello from the e2e phone');
    await alex.getByRole('button', { name: 'Send to inbox' }).click();
    const top = rows(alex).first();
    await top.filter({ hasText: 'Hello from the e2e phone' }).waitFor({ timeout: 5_000 });
    assert.match(await top.innerText(), /unread/i);
    await top.click();
    await alex.getByRole('region', { name: /^Messages with / }).getByText('Hello from the e2e phone').waitFor();
  });

  it('a reply shows at once as pending, then as sent, in every open tab of the workspace', async () => {
    const sam = await browser.newPage();
    await sam.goto(`${demo.url}/?agent=agent-2`);
    await rows(sam).filter({ hasText: 'Hello from the e2e phone' }).first().click();
    await sam.getByRole('region', { name: /^Messages with / }).getByText('Hello from the e2e phone').waitFor();

    const composer = alex.getByRole('textbox', { name: 'Message', exact: true });
    await composer.fill('Thanks! We will call you shortly.');
    // A reply by SMS says how many SMS it goes out as (Twilio's calculator, a chunk of the bundle).
    await alex.getByText('1 SMS · 127 characters left').waitFor({ timeout: 5_000 });
    await composer.press('Enter');
    const reply = alex.getByRole('region', { name: /^Messages with / }).locator('[data-kind="message"]', { hasText: 'Thanks! We will call you shortly.' });
    await reply.waitFor({ timeout: 2_000 });
    await reply.getByText('Sent', { exact: true }).waitFor({ timeout: 5_000 });
    assert.match(await reply.innerText(), /Alex Rivera/, "the sender's name under the outbound message");
    await sam.getByRole('region', { name: /^Messages with / }).getByText('Thanks! We will call you shortly.').waitFor({ timeout: 5_000 });
    await sam.close();
  });

  it('a WhatsApp user known only by their user id gets one thread, which their number joins later', async () => {
    const simulator = alex.getByRole('form', { name: 'Simulate an inbound message' });
    await simulator.getByLabel('Channel').selectOption('whatsapp');
    await simulator.getByLabel(/^From phone number/).fill('');
    await simulator.getByLabel('WhatsApp user id').fill('US.7770012024');
    await simulator.getByLabel('WhatsApp profile name').fill('Lena Ortiz');
    await simulator.getByLabel('Message text').fill('Hi, writing from my username');
    await simulator.getByRole('button', { name: 'Send to inbox' }).click();
    const lena = rows(alex).filter({ hasText: 'Lena Ortiz' });
    await lena.filter({ hasText: 'Hi, writing from my username' }).waitFor({ timeout: 5_000 });
    await lena.first().click();
    const thread = alex.getByRole('region', { name: 'Messages with Lena Ortiz' });
    await thread.getByText('Hi, writing from my username').waitFor();

    // The same person, by number and id: one contact, one thread, the open one.
    await simulator.getByLabel(/^From phone number/).fill('+15551239876');
    await simulator.getByLabel('Message text').fill('Here is my number too');
    await simulator.getByRole('button', { name: 'Send to inbox' }).click();
    await thread.getByText('Here is my number too').waitFor({ timeout: 5_000 });
    await thread.getByText('Hi, writing from my username').waitFor();
    assert.equal(await rows(alex).filter({ hasText: 'Lena Ortiz' }).count(), 1);
    await simulator.getByLabel('Channel').selectOption('sms');
    assert.equal(await simulator.getByLabel('WhatsApp user id').isHidden(), true);
  });

  it('exports the open thread as CSV, and every thread for an admin, saying how it went', async () => {
    await rows(alex).filter({ hasText: 'Lena Ortiz' }).first().click();
    await alex.getByText('Export', { exact: true }).click();
    const [thread] = await Promise.all([alex.waitForEvent('download'), alex.getByRole('button', { name: 'This thread (CSV)' }).click()]);
    const csv = await readFile((await thread.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    assert.equal(lines[0], 'message_id,thread_id,date,time,contact_name,from,to,status,channel,message');
    assert.match(csv, /,Lena Ortiz,\+15551239876,[^,]*,received,whatsapp,"Hi, writing from my username"\r\n/);
    await alex.locator('#export-status', { hasText: /^Downloaded thread\.csv$/ }).waitFor();
    const [all] = await Promise.all([alex.waitForEvent('download'), alex.getByRole('button', { name: 'All messages (CSV)' }).click()]);
    assert.ok((await readFile((await all.path())!, 'utf8')).split('\r\n').length > lines.length);
  });

  it('the CLI simulator posts a signed webhook to the running server and the page shows it live', async () => {
    const { stdout } = await run(process.execPath, [cli, 'simulate', 'sms', '--from', '+15557654321', '--body', 'Sent from the CLI', '--url', demo.url], {
      env: { ...process.env, CONVKIT_DATA_DIR: demo.dataDir },
    });
    assert.match(stdout, /delivered SM[0-9a-f]{32}/);
    await rows(alex).first().filter({ hasText: 'Sent from the CLI' }).waitFor({ timeout: 5_000 });
  });

  it('a simulated call arrives in the thread as a voicemail; Call in the contact panel asks once for the agent\'s phone and logs the call', async () => {
    await alex.getByLabel("Caller's phone number").fill('+15551230077');
    await alex.getByLabel('How the call ends').selectOption('voicemail');
    await alex.getByRole('button', { name: 'Call the inbox' }).click();
    await alex.locator('#simulate-call-status', { hasText: 'Call voicemail' }).waitFor({ timeout: 10_000 });
    const top = rows(alex).first();
    // The list row says what became of the call.
    await top.filter({ hasText: 'Voicemail, 0:18' }).waitFor({ timeout: 5_000 });
    await top.click();
    const thread = alex.getByRole('region', { name: /^Messages with / });
    await thread.locator('[data-kind="call"][data-outcome="voicemail"]').waitFor({ timeout: 5_000 });

    await alex.getByRole('button', { name: 'Call', exact: true }).click();
    await alex.getByLabel('Your phone, to ring you first').fill('+15550106666');
    await alex.getByRole('button', { name: 'Call', exact: true }).click();
    await alex.getByText('Your phone will ring first').waitFor({ timeout: 5_000 });
    // Sandbox mode makes the call up: it ends answered.
    await thread.locator('[data-kind="call"][data-outcome="answered"]', { hasText: 'Outgoing call' }).waitFor({ timeout: 15_000 });
  });

  it('a simulated email arrives as its own thread, and the reply by email answers it "Re:" its subject', async () => {
    await alex.getByLabel('From email address').fill('jordan.lee@example.com');
    await alex.getByLabel('Email subject').fill('Question about 9 Birch Lane');
    await alex.getByLabel('Email text').fill('Is the garage heated?');
    await alex.getByRole('button', { name: 'Email the inbox' }).click();
    await alex.locator('#simulate-email-status', { hasText: 'Email delivered' }).waitFor({ timeout: 10_000 });
    const top = rows(alex).first();
    await top.filter({ hasText: 'Question about 9 Birch Lane' }).waitFor({ timeout: 5_000 });
    await top.click();
    const thread = alex.getByRole('region', { name: /^Messages with Jordan Lee/ });
    await thread.getByText('Is the garage heated?').waitFor({ timeout: 5_000 });
    const composer = alex.getByRole('textbox', { name: 'Message', exact: true });
    await composer.fill('Yes, it has underfloor heating.');
    assert.equal(await alex.getByLabel('Reply channel').inputValue(), 'email', 'an email is answered by email');
    await composer.press('Enter');
    await thread.locator('[part~="outbound"]', { hasText: 'Yes, it has underfloor heating.' }).filter({ hasText: 'Re: Question about 9 Birch Lane' }).waitFor({ timeout: 5_000 });
  });

  it('"Message a contact" opens a new number\'s conversation, started then, ready for a reply', async () => {
    await alex.getByLabel("Phone number, or ext: and the CRM's id").fill('+15557654321');
    await alex.getByRole('button', { name: 'Open conversation' }).click();
    const thread = alex.getByRole('region', { name: /^Messages with \+15557654321/ });
    await thread.waitFor({ timeout: 10_000 });
    await rows(alex).filter({ hasText: '+15557654321' }).first().waitFor({ timeout: 5_000 });
    const composer = alex.getByRole('textbox', { name: 'Message', exact: true });
    await composer.fill('Hi, this is Harbor Realty about your showing request.');
    await composer.press('Enter');
    await thread.locator('[part~="outbound"]', { hasText: 'about your showing request' }).waitFor({ timeout: 5_000 });
    // An id the CRM never synced is not made up: the thread says so.
    await alex.getByLabel("Phone number, or ext: and the CRM's id").fill('ext:crm-never-synced');
    await alex.getByRole('button', { name: 'Open conversation' }).click();
    await alex.getByText('There is no contact with this id or number in the inbox yet.').waitFor({ timeout: 5_000 });
  });

  it('an admin adds, edits and deletes a saved reply, which the composer offers after "/"', async () => {
    await alex.getByText('Saved replies').click();
    const form = alex.getByRole('form', { name: 'Saved replies' });
    const list = form.getByRole('list', { name: "The workspace's saved replies" });
    await list.getByText('Showing times /showing').waitFor({ timeout: 5_000 });
    await form.getByLabel('Title').fill('Open house');
    await form.getByLabel('Shortcut').fill('openhouse');
    await form.getByLabel('Text').fill('Join us Saturday from 1 to 4, {{contact.first_name | "friend"}}!');
    await form.getByRole('button', { name: 'Add reply' }).click();
    await list.getByText('Open house /openhouse').waitFor({ timeout: 5_000 });
    // A shortcut another reply has is refused, naming that reply.
    await form.getByLabel('Title').fill('Another showing');
    await form.getByLabel('Shortcut').fill('showing');
    await form.getByLabel('Text').fill('Any time this week.');
    await form.getByRole('button', { name: 'Add reply' }).click();
    await alex.locator('#snippet-status', { hasText: /Not saved: .*Showing times/ }).waitFor({ timeout: 5_000 });
    await form.getByRole('button', { name: 'Clear' }).click();
    await form.getByRole('button', { name: 'Edit Open house' }).click();
    await form.getByLabel('Title').fill('Open house Saturday');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await list.getByText('Open house Saturday /openhouse').waitFor({ timeout: 5_000 });
    await alex.getByText('Saved replies').click();

    await rows(alex).first().click();
    const composer = alex.getByRole('textbox', { name: 'Message', exact: true });
    await composer.fill('');
    await composer.pressSequentially('/openh');
    await alex.getByRole('option', { name: 'Open house Saturday/openhouse' }).waitFor({ timeout: 5_000 });
    await composer.press('Escape');
    await composer.fill('');

    await alex.getByText('Saved replies').click();
    await form.getByRole('button', { name: 'Delete Open house Saturday' }).click();
    await alex.locator('#snippet-status', { hasText: 'Deleted Open house Saturday' }).waitFor({ timeout: 5_000 });
    assert.equal(await list.getByText('Open house Saturday').count(), 0);
    await alex.getByText('Saved replies').click();
  });

  it("the contact panel shows the host's records about the contact: a deal with its amount, a showing", async () => {
    await rows(alex).filter({ hasText: 'Maria Gonzalez' }).first().click();
    const records = alex.getByRole('region', { name: 'Records' });
    await records.getByRole('link', { name: '3-bed on Maple Street' }).waitFor({ timeout: 5_000 });
    assert.match(await records.innerText(), /\$650,000\.00/);
    assert.match(await records.innerText(), /Showing: 41 Maple Street/);
  });

  it("the seeded voicemail plays, and an admin's call settings save", async () => {
    await rows(alex).filter({ hasText: 'Daniel Okafor' }).first().click();
    await alex.getByRole('button', { name: 'Play voicemail' }).click();
    const player = alex.getByRole('region', { name: /^Messages with / }).locator('audio[part="recording"]');
    await player.waitFor();
    await alex.waitForFunction((audio) => (audio as HTMLAudioElement).readyState >= 1 && Math.round((audio as HTMLAudioElement).duration) === 2, await player.elementHandle(), { timeout: 10_000 });

    await alex.getByText('Call settings').click();
    const callSettings = alex.getByRole('form', { name: 'Call settings' });
    await alex.getByLabel('Record outgoing calls').check();
    await callSettings.getByRole('button', { name: 'Save' }).click();
    await alex.locator('#voice-settings-status', { hasText: /^Saved$/ }).waitFor({ timeout: 5_000 });
    const ws = (await findWorkspaceBySlug(demo.server.orm, 'demo'))!;
    assert.equal(ws.voice?.recordOutbound, true, JSON.stringify(ws.voice));
    await alex.getByLabel('Record outgoing calls').uncheck();
    await callSettings.getByRole('button', { name: 'Save' }).click();
    await alex.locator('#voice-settings-status', { hasText: /^Saved$/ }).waitFor({ timeout: 5_000 });
  });

  it('the same conversations by contact group: a list per group, and an SMS reaches its group only', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(demo.url);
    await page.getByRole('navigation', { name: 'Layout' }).getByRole('link', { name: 'By contact group' }).click();
    const section = (name: string) => page.getByRole('listbox', { name });
    for (const name of ['Clients', 'Agents', 'Inspectors']) await section(name).getByRole('option').first().waitFor();
    assert.equal(await page.locator('conv-inbox').count(), 0, 'the inbox layout is gone');

    const ws = (await findWorkspaceBySlug(demo.server.orm, 'demo'))!;
    const token = await mintToken(ws.signingSecret, { wsp: 'demo', sub: 'agent-1' });
    const listed = (await (await fetch(`${demo.url}/v1/conversations?group=agent&limit=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { conversation: { contact: { phone: string } } }[] };
    const phone = listed.items[0]!.conversation.contact.phone;
    await page.getByLabel('From phone number').fill(phone);
    await page.getByLabel('Message text').fill('For the agents column');
    await page.getByRole('button', { name: 'Send to inbox' }).click();
    await section('Agents').getByRole('option').first().filter({ hasText: 'For the agents column' }).waitFor({ timeout: 5_000 });
    for (const other of ['Clients', 'Inspectors']) assert.equal(await section(other).getByRole('option').filter({ hasText: 'For the agents column' }).count(), 0, `not in ${other}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
