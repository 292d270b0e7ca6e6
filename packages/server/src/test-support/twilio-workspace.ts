// A demo workspace connected to its own Twilio account, the loopback that stands in for Twilio,
// and an agent's socket: what the tests of live sends share.
import assert from 'node:assert/strict';
import { startTestServer, type TestServer, type TestServerOptions } from '../testing/index.js';
import { connectSocket, restClient, type TestSocket } from './clients.js';
import { startTwilioApi, type TwilioApi } from './twilio-api.js';
import { twilioSignature } from '../channels/twilio/signature.js';

export { twimlUrls } from '../channels/twilio/call-simulator.js';
export { postSignedTwilio as postTwilio } from '../channels/twilio/simulator.js';

/** The first conversation of the agent's list whose contact has a phone number. */
export async function phoneConversation(socket: TestSocket): Promise<string> {
  const list = await socket.request('conversations.list', { limit: 50 });
  assert.ok(list.ok);
  return (list.data.items as { conversation: { id: string; contact: { phone: string | null } } }[]).find((i) => i.conversation.contact.phone)!.conversation.id;
}

export interface LiveWorkspace {
  t: TestServer;
  api: TwilioApi;
  /** Agent-1 (Alex Rivera) of the demo workspace. */
  alex: TestSocket;
  conversationId: string;
  close(): Promise<void>;
}

/** Starts a server whose demo workspace sends through `accountSid` at the loopback, from `number`. */
export async function startLiveWorkspace(accountSid: string, authToken: string, number: string, options: TestServerOptions = {}): Promise<LiveWorkspace> {
  const api = await startTwilioApi(accountSid, authToken);
  const t = await startTestServer({ seed: 'demo', ...options, twilioApiUrl: api.url });
  const admin = restClient(t.url, await t.token({ user: 'admin-1', role: 'admin' }));
  const saved = await admin('PUT', '/v1/workspace/twilio', { accountSid, authToken, messagingNumbers: [number] });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const alex = await connectSocket(t.url, await t.token({ user: 'agent-1', name: 'Alex Rivera' }));
  return {
    t,
    api,
    alex,
    conversationId: await phoneConversation(alex),
    async close() {
      alex.close();
      await t.close();
      await api.close();
    },
  };
}

/** Posts form fields as Twilio does, signed with `authToken` over `signedUrl` (by default the URL posted to); answers the status. */
export async function postSignedForm(url: string, authToken: string, params: Record<string, string>, signedUrl = url): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(authToken, signedUrl, params) },
    body: new URLSearchParams(params).toString(),
  });
  await response.arrayBuffer();
  return response.status;
}

