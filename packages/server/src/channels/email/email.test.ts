// The email channel end to end: raw MIME messages (built with nodemailer's MailComposer, as a mail
// service forwards them) posted to the inbound webhook become a contact's thread, HTML and files
// kept; replies go through a loopback SMTP relay with the real nodemailer transport, threaded
// under the email they answer, quoting it sanitized again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Message } from '@convkit/sdk/protocol';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { connectSocket, restClient, type TestSocket } from '../../test-support/clients.js';
import { startSmtpRelay, type SmtpRelay } from '../../test-support/smtp-relay.js';
import { inboundPassword } from './inbound-password.js';

const SECRET = 'inbound-secret-0123456789';
const FROM = 'inbox@convkit.test';

function mime(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

describe('the email channel', () => {
  let t: TestServer;
  let relay: SmtpRelay;
  let alex: TestSocket;

  async function post(raw: Buffer | string, password = inboundPassword(SECRET, 'demo'), slug = 'demo') {
    const response = await fetch(`${t.url}/webhooks/email/${slug}`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', authorization: `Basic ${Buffer.from(`mailer:${password}`).toString('base64')}` },
      body: typeof raw === 'string' ? raw : new Uint8Array(raw),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  async function sent(id: string): Promise<Message> {
    const event = await alex.waitForEvent((e) => e.type === 'message.updated' && e.data.message.id === id && ['sent', 'failed'].includes(e.data.message.status), 10_000);
    assert.ok(event.type === 'message.updated');
    return event.data.message;
  }

  before(async () => {
    relay = await startSmtpRelay();
    t = await startTestServer({ seed: 'demo', email: { smtpUrl: relay.url, from: FROM, inboundSecret: SECRET } });
    alex = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
  });
  after(async () => {
    alex?.close();
    await t?.close();
    await relay?.close();
  });

  let conversationId = '';
  let inboundId = '';
  const messageId = '<cedar-42@mail.example.net>';

  it('files an inbound email under its sender, a new contact, with its HTML and its files kept', async () => {
    const raw = await mime({
      from: '"Dana Whitfield" <Dana.Whitfield@Example.net>',
      to: 'demo@inbound.convkit.test',
      subject: 'Offer on 12 Cedar Court',
      messageId,
      text: 'Hi, we would like to offer 450k.\nCan we talk tomorrow?',
      html: '<p>Hi, we would like to offer <b>450k</b>.</p><script>alert(1)</script><img src="https://tracker.example/p.gif" onerror="alert(2)">',
      attachments: [{ filename: 'pre-approval.pdf', content: Buffer.from('%PDF-1.4 pre-approval letter'), contentType: 'application/pdf' }],
    });
    const created = alex.waitForEvent((e) => e.type === 'message.created' && e.data.message.channel === 'email' && e.data.message.subject === 'Offer on 12 Cedar Court');
    const answer = await post(raw);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.stored, true);
    const event = await created;
    assert.ok(event.type === 'message.created');
    const message = event.data.message;
    conversationId = message.conversationId;
    inboundId = message.id;
    assert.deepEqual([message.direction, message.author.name, message.body], ['inbound', 'Dana Whitfield', 'Hi, we would like to offer 450k.\nCan we talk tomorrow?']);
    assert.equal(event.data.conversation.contact.name, 'Dana Whitfield');
    const contact = await alex.request('contacts.get', { id: event.data.conversation.contact.id });
    assert.ok(contact.ok);
    assert.equal(contact.data.email, 'dana.whitfield@example.net', 'the address is kept in lower case');
    assert.equal(contact.data.phone, null);
    const html = await alex.request('messages.html', { id: message.id });
    assert.ok(html.ok);
    assert.match(html.data.html, /<b>450k<\/b>/, 'kept as it came: the element sanitizes it to show it');
    const page = await alex.request('messages.list', { conversationId });
    assert.ok(page.ok);
    const stored = page.data.items.find((m: Message) => m.id === message.id) as Message;
    assert.deepEqual(stored.attachments.map((a) => [a.name, a.contentType, a.size]), [['pre-approval.pdf', 'application/pdf', 28]]);
    assert.ok(stored.html && stored.html.bytes > 0);
  });

  it('stores a redelivered email once, and files a second email from the address in the same thread', async () => {
    const again = await mime({ from: 'dana.whitfield@example.net', to: 'demo@inbound.convkit.test', subject: 'Offer on 12 Cedar Court', messageId, text: 'Hi, we would like to offer 450k.' });
    const answer = await post(again);
    assert.equal(answer.status, 200);
    assert.deepEqual([answer.body.stored, answer.body.duplicate], [false, true]);
    const second = await post(await mime({ from: 'DANA.WHITFIELD@example.net', to: 'demo@inbound.convkit.test', subject: 'Re: Offer on 12 Cedar Court', messageId: '<cedar-43@mail.example.net>', text: 'Also: we are flexible on the date.' }));
    assert.equal(second.status, 200);
    const page = await alex.request('messages.list', { conversationId });
    assert.ok(page.ok);
    assert.deepEqual(page.data.items.map((m: Message) => m.body), ['Hi, we would like to offer 450k.\nCan we talk tomorrow?', 'Also: we are flexible on the date.']);
  });

  it('answers by email through the relay: "Re:" the subject, threaded under the last email, which it quotes sanitized', async () => {
    const reply = await alex.request('messages.send', { conversationId, clientId: 'email-reply-0001', body: 'Thanks Dana, tomorrow at 10 works.\nTalk soon.', channel: 'email' });
    assert.ok(reply.ok, JSON.stringify(reply));
    assert.equal(reply.data.subject, 'Re: Offer on 12 Cedar Court');
    assert.equal((await sent(reply.data.id)).status, 'sent');
    const { envelope, mail, raw } = relay.received.at(-1)!;
    assert.deepEqual(envelope.to, ['dana.whitfield@example.net']);
    assert.equal(mail.from?.value[0]?.address, FROM);
    assert.equal(mail.from?.value[0]?.name, 'Harbor Realty', "the workspace's name beside the address");
    assert.equal(mail.subject, 'Re: Offer on 12 Cedar Court');
    assert.equal(mail.inReplyTo, '<cedar-43@mail.example.net>');
    assert.deepEqual([mail.references].flat(), ['<cedar-43@mail.example.net>']);
    assert.match(mail.text ?? '', /^Thanks Dana, tomorrow at 10 works\.\nTalk soon\.\n\nOn .+, Dana Whitfield wrote:\n> Also: we are flexible on the date\.$/);
    assert.match(mail.html || '', /Thanks Dana, tomorrow at 10 works\.<br>Talk soon\./);
    assert.match(raw.toString(), new RegExp(`X-Convkit-Message-Id: ${reply.data.id}`, "i"));
  });

  it('quotes an HTML email with its scripts, handlers and pictures taken out', async () => {
    const first = await alex.request('messages.list', { conversationId });
    assert.ok(first.ok);
    // A third email, HTML only, hostile: the next reply quotes it.
    await post(await mime({ from: 'dana.whitfield@example.net', to: 'demo@inbound.convkit.test', subject: 'Photos', messageId: '<cedar-44@mail.example.net>', html: '<div onclick="steal()">See <a href="javascript:alert(1)">this</a> and <a href="https://example.net/house">the listing</a><script>alert(3)</script><img src="https://tracker.example/open.gif"><iframe src="https://evil.example"></iframe><style>body{}</style></div>' }));
    const reply = await alex.request('messages.send', { conversationId, clientId: 'email-reply-0002', body: 'Lovely photos!', channel: 'email' });
    assert.ok(reply.ok);
    assert.equal((await sent(reply.data.id)).status, 'sent');
    const html = relay.received.at(-1)!.mail.html || '';
    assert.match(html, /<a href="https:\/\/example\.net\/house" target="_blank" rel="noopener noreferrer">the listing<\/a>/);
    for (const banned of ['<script', 'alert(3)', 'onclick', 'javascript:', '<img', 'tracker.example', '<iframe', '<style']) assert.ok(!html.includes(banned), `no ${banned} in the quote`);
  });

  it('sends a new email, with the subject given or one naming the workspace, to a contact who never wrote by email', async () => {
    const list = await alex.request('conversations.list', { limit: 50 });
    assert.ok(list.ok);
    const sms = list.data.items.find((i: any) => i.conversation.contact.phone && !i.conversation.channels.includes('email'))!.conversation;
    assert.ok((await alex.request('contacts.update', { id: sms.contact.id, email: 'casey@example.org' })).ok);
    const given = await alex.request('messages.send', { conversationId: sms.id, clientId: 'email-new-0001', body: 'The disclosure pack is attached.', channel: 'email', subject: 'Your disclosure pack' });
    assert.ok(given.ok, JSON.stringify(given));
    await sent(given.data.id);
    assert.equal(relay.received.at(-1)!.mail.subject, 'Your disclosure pack');
    assert.equal(relay.received.at(-1)!.mail.inReplyTo, undefined);
    const plain = await alex.request('messages.send', { conversationId: sms.id, clientId: 'email-new-0002', body: 'Checking in.', channel: 'email' });
    assert.ok(plain.ok);
    assert.equal(plain.data.subject, 'Message from Harbor Realty');
    const wrong = await alex.request('messages.send', { conversationId: sms.id, clientId: 'email-new-0003', body: 'Hi', channel: 'sms', subject: 'No' });
    assert.ok(!wrong.ok);
    assert.equal(wrong.error.details?.path, 'subject');
  });

  it('fails a reply the relay refuses, with its reason', async () => {
    await post(await mime({ from: 'gone@example.org', to: 'demo@inbound.convkit.test', subject: 'Old mailbox', messageId: '<gone-1@example.org>', text: 'Last email from this address.' }));
    relay.refuse.add('gone@example.org');
    const list = await alex.request('conversations.list', { limit: 50 });
    assert.ok(list.ok);
    const gone = list.data.items.find((i: any) => i.conversation.contact.name === 'gone@example.org' || i.conversation.lastMessage?.preview?.includes('Old mailbox'))!.conversation;
    const reply = await alex.request('messages.send', { conversationId: gone.id, clientId: 'email-gone-0001', body: 'Are you still there?', channel: 'email' });
    assert.ok(reply.ok);
    const failed = await sent(reply.data.id);
    assert.equal(failed.status, 'failed');
    assert.match(failed.error?.message ?? '', /refused/);
  });

  it('refuses an inbound post without the password, for an unknown workspace, or with no sender', async () => {
    const raw = await mime({ from: 'x@example.org', to: 'demo@inbound.convkit.test', subject: 'Hi', text: 'Hello' });
    assert.equal((await post(raw, 'not-the-secret-at-all')).status, 401);
    assert.equal((await post(raw, SECRET)).status, 401, "the server's secret itself is no workspace's password");
    assert.equal((await post(raw, inboundPassword(SECRET, 'another-workspace'))).status, 401, "another workspace's password does not open this one");
    const none = await fetch(`${t.url}/webhooks/email/demo`, { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: new Uint8Array(raw) });
    assert.equal(none.status, 401);
    const unknown = await post(raw, inboundPassword(SECRET, 'no-such-workspace'), 'no-such-workspace');
    assert.equal(unknown.status, 404);
    const anonymous = await post('Subject: nobody\r\n\r\nNo sender here.\r\n');
    assert.equal(anonymous.status, 400);
    assert.equal(anonymous.body.error.details.path, 'from');
  });

  it('refuses a sender address no reply could go to (a NUL in it, too long), saying so', async () => {
    // mailparser decodes the encoded word to "x\u0000y@example.com".
    const nul = await post('From: <=?utf-8?Q?x=00y?=@example.com>\r\nTo: demo@inbound.convkit.test\r\nSubject: Hi\r\nMessage-ID: <nul-1@example.com>\r\n\r\nHello\r\n');
    assert.equal(nul.status, 400, JSON.stringify(nul.body));
    assert.equal(nul.body.error.details.path, 'from');
    const long = await post(await mime({ from: `${'a'.repeat(400)}@example.org`, to: 'demo@inbound.convkit.test', subject: 'Hi', text: 'Hello' }));
    assert.equal(long.status, 400);
  });

  it('keeps two emails from different senders that share a Message-ID, and answers a 500-character subject within the limit', async () => {
    const subject = `Scan ${'s'.repeat(494)}`;
    for (const from of ['scanner-a@example.org', 'scanner-b@example.org']) {
      const answer = await post(await mime({ from, to: 'demo@inbound.convkit.test', subject, messageId: '<1@localhost>', text: `Scan from ${from}` }));
      assert.deepEqual([answer.status, answer.body.stored], [200, true], from);
    }
    const list = await alex.request('conversations.list', { limit: 50 });
    assert.ok(list.ok);
    const scanner = list.data.items.find((i: any) => i.conversation.contact.name === 'scanner-b@example.org' || i.conversation.lastMessage?.preview?.includes('Scan from scanner-b'))!.conversation;
    const reply = await alex.request('messages.send', { conversationId: scanner.id, clientId: 'email-scan-0001', body: 'Received, thanks.', channel: 'email' });
    assert.ok(reply.ok, JSON.stringify(reply));
    assert.equal(reply.data.subject!.length, 500);
    assert.ok(reply.data.subject!.startsWith('Re: Scan '));
  });

  it('keeps hostile text storable: NUL, lone surrogates, a megabyte body', async () => {
    const body = `Start\u0000${'x'.repeat(1_100_000)}`;
    const answer = await post(await mime({ from: 'hostile@example.org', to: 'demo@inbound.convkit.test', subject: 'Bad \u0000 subject \ud800', messageId: '<hostile-1@example.org>', text: body }));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const list = await alex.request('conversations.list', { limit: 50 });
    assert.ok(list.ok);
    const hostile = list.data.items.find((i: any) => i.conversation.lastMessage?.preview?.startsWith('Bad'))!.conversation;
    const messages = await alex.request('messages.list', { conversationId: hostile.id });
    assert.ok(messages.ok);
    const stored = messages.data.items[0] as Message;
    assert.ok(!stored.body.includes('\u0000') && !stored.subject!.includes('\u0000'));
    assert.match(stored.body, /\[… message cut: \d+ more characters were not stored\]$/);
    assert.ok(stored.meta.truncated);
  });
});
