// A provider's message is never lost for its content: whatever characters or length a signed
// Twilio delivery carries, it is answered 200 and stored (storable, or cut with a marker the
// agent sees). Undecodable percent-encodings arrive as the text Twilio signed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../testing/index.js';
import { buildSimulatedSms } from './simulator.js';
import { twilioSignature } from './signature.js';
import { findWorkspaceBySlug } from '../../modules/workspaces/workspaces.service.js';
import { restClient } from '../../test-support/clients.js';
import { HOSTILE_TEXT, assertStorable } from '../../test-support/hostile.js';
import { INBOUND_BODY_MAX } from '../../modules/messages/inbound.js';
import { storableText } from '../../text/storable.js';

describe('hostile text in inbound Twilio messages', () => {
  let t: TestServer;
  let token: string;
  before(async () => {
    t = await startTestServer({ seed: 'demo' });
    token = await t.token();
  });
  after(async () => t.close());

  async function signed(from: string, body: string) {
    const ws = (await findWorkspaceBySlug(t.server.orm, 'demo'))!;
    return { ...buildSimulatedSms({ baseUrl: t.url, workspaceSlug: 'demo', accountSid: ws.twilioAccountSid!, authToken: ws.twilioAuthToken!, from, to: ws.smsNumber!, body }), authToken: ws.twilioAuthToken! };
  }

  /** Posts form fields already percent-encoded by hand (bytes no encoder of ours would make). */
  function postRaw(url: string, encodedBody: string, signature: string) {
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: encodedBody });
  }

  async function lastMessageFrom(phone: string) {
    const rest = restClient(t.url, token);
    const list = await rest('GET', `/v1/conversations?limit=5&search=${encodeURIComponent(phone.slice(-7))}`);
    const item = list.body.items.find((i: any) => i.conversation.contact.phone === phone);
    assert.ok(item, `a conversation with ${phone}`);
    const messages = await rest('GET', `/v1/conversations/${item.conversation.id}/messages?limit=1`);
    return messages.body.items[0];
  }

  HOSTILE_TEXT.forEach(([label, text], index) => {
    it(`stores a message with ${label} and answers 200`, async () => {
      const from = `+1555444${String(index).padStart(4, '0')}`;
      const request = await signed(from, text);
      // A lone surrogate cannot travel as UTF-8: it goes as U+FFFD, and is signed that way.
      const params = { ...request.params, Body: text.toWellFormed() };
      const response = await postRaw(request.url, new URLSearchParams(params).toString(), twilioSignature(request.authToken, request.url, params));
      assert.equal(response.status, 200, await response.text());
      const message = await lastMessageFrom(from);
      assertStorable(message, label);
      if (text.length > INBOUND_BODY_MAX) {
        assert.ok(message.body.startsWith(text.slice(0, INBOUND_BODY_MAX)));
        assert.equal(message.meta.truncated.originalLength, text.length);
      } else {
        // Every character is still there: replaced where it had to be, never dropped.
        assert.equal(message.body, storableText(text.toWellFormed()));
        assert.equal(Array.from(message.body.replace(/\u202C$/, '')).length, Array.from(text).length);
      }
    });
  });

  it('cuts the list preview between characters, never inside an emoji, and without bidi controls', async () => {
    const from = '+15554449903';
    // The emoji's two UTF-16 units straddle the preview's cut; an override opens before it.
    const text = `\u202E${'a'.repeat(137)}\u{1F600}${' tail'.repeat(40)}`;
    const request = await signed(from, text);
    const response = await postRaw(request.url, new URLSearchParams(request.params).toString(), request.signature);
    assert.equal(response.status, 200, await response.text());
    const list = await restClient(t.url, token)('GET', `/v1/conversations?limit=5&search=${encodeURIComponent(from.slice(-7))}`);
    const preview: string = list.body.items[0].conversation.lastMessage.preview;
    assert.ok(preview.isWellFormed(), 'no lone surrogate in the preview');
    assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(preview), 'no bidi control in the preview');
    assert.ok(preview.endsWith('…'));
  });

  it('stores undecodable percent-encodings as the text Twilio signed', async () => {
    const from = '+15554449901';
    const request = await signed(from, 'placeholder');
    const encoded = '%FF %ED%A0%80 %C0%AE %E0%A4%A %';
    const params = { ...request.params, Body: encoded };
    const form = new URLSearchParams({ ...request.params, Body: 'BODY' }).toString().replace('Body=BODY', `Body=${encoded.replaceAll(' ', '+')}`);
    const response = await postRaw(request.url, form, twilioSignature(request.authToken, request.url, params));
    assert.equal(response.status, 200, await response.text());
    assert.equal((await lastMessageFrom(from)).body, encoded);
  });

  it('keeps a body over the limit, cut with a marker, and its full length in meta', async () => {
    const from = '+15554449902';
    const text = 'y'.repeat(INBOUND_BODY_MAX + 500);
    const request = await signed(from, text);
    const response = await postRaw(request.url, new URLSearchParams(request.params).toString(), request.signature);
    assert.equal(response.status, 200);
    const message = await lastMessageFrom(from);
    assert.ok(message.body.startsWith('y'.repeat(INBOUND_BODY_MAX)));
    assert.match(message.body, /message cut: 500 more characters were not stored/);
    assert.equal(message.meta.truncated.originalLength, text.length);
  });

  it('answers not_found, not a 500, for a workspace slug with U+0000 or broken encoding', async () => {
    for (const slug of ['%00demo', 'de%E0%A4%Amo', 'x'.repeat(500)]) {
      // A signature of the right shape, so the request gets as far as the workspace lookup.
      const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': `${'A'.repeat(27)}=` };
      const response = await fetch(`${t.url}/webhooks/twilio/${slug}/sms`, { method: 'POST', headers, body: 'Body=hi' });
      assert.ok(response.status === 404 || response.status === 400, `${slug.slice(0, 20)}: ${response.status}`);
    }
  });
});
