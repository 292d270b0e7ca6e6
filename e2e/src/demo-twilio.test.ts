// The demo page's Twilio account settings, as an admin connects a real account: the page says the
// workspace is in sandbox mode and which URLs to give Twilio, refuses credentials Twilio refuses
// (nothing saved), saves working ones (a reply then goes to Twilio), and goes back to sandbox.
// A loopback server that speaks Twilio's REST API stands in for Twilio.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTwilioApi, type TwilioApi } from '@convkit/server/testing';
import { findWorkspaceBySlug, mintToken } from '@convkit/server';
import { launchChromium } from './browser.js';
import { startDemoServer, type DemoServer } from './demo-server.js';

const ACCOUNT = `AC${'d'.repeat(32)}`;
const TOKEN = 'd00dd00dd00dd00dd00dd00dd00dd00d';

describe("the demo page's Twilio account settings", () => {
  let api: TwilioApi;
  let demo: DemoServer;
  let browser: Browser;
  let alex: Page;
  before(async () => {
    api = await startTwilioApi(ACCOUNT, TOKEN);
    demo = await startDemoServer({ twilioApiUrl: api.url });
    browser = await launchChromium();
    alex = await browser.newPage();
    await alex.goto(demo.url);
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
    await api?.close();
  });

  const form = () => alex.getByRole('form', { name: 'Twilio account' });
  const details = () => alex.getByRole('list', { name: 'Twilio status and webhooks' });

  it('shows sandbox mode and the webhooks to give Twilio', async () => {
    await alex.getByText('Twilio account').click();
    await details().getByText('Sandbox: nothing leaves this server').waitFor({ timeout: 5_000 });
    await details().getByText(`Voice webhook: ${demo.url}/webhooks/twilio/demo/voice`).waitFor();
    await details().getByText(`Messages webhook: ${demo.url}/webhooks/twilio/demo/sms`).waitFor();
  });

  it('refuses credentials Twilio refuses, saying so, and saves nothing', async () => {
    await form().getByLabel('Account SID').fill(ACCOUNT);
    await form().getByLabel('Auth token').fill('0'.repeat(32));
    await form().getByLabel('Messaging number').fill('+15550009000');
    await form().getByRole('button', { name: 'Save' }).click();
    await alex.locator('#twilio-status', { hasText: /^Not saved: Twilio refused the account SID and auth token/ }).waitFor({ timeout: 10_000 });
    await details().getByText('Sandbox: nothing leaves this server').waitFor();
  });

  it('saves working credentials: the workspace is live, and a reply goes to Twilio', async () => {
    await form().getByLabel('Auth token').fill(TOKEN);
    await form().getByLabel('Voice number').fill('+15550009001');
    await form().getByRole('button', { name: 'Save' }).click();
    await alex.locator('#twilio-status', { hasText: /^Saved$/ }).waitFor({ timeout: 10_000 });
    await details().getByText('Live: Loopback account').waitFor();
    assert.equal(await form().getByLabel('Auth token').inputValue(), '', 'the secret is never shown back');

    await alex.getByRole('listbox').getByRole('option').first().click();
    const composer = alex.getByRole('textbox', { name: 'Message', exact: true });
    await composer.fill('Sent through the live account');
    await composer.press('Enter');
    const deadline = Date.now() + 10_000;
    while (!api.accepted.some((m) => m['Body'] === 'Sent through the live account') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const sent = api.accepted.find((m) => m['Body'] === 'Sent through the live account');
    assert.equal(sent?.['From'], '+15550009000');
  });

  it('keeps what the form does not show (a Messaging Service) when it saves', async () => {
    const ws = (await findWorkspaceBySlug(demo.server.orm, 'demo'))!;
    const token = await mintToken(ws.signingSecret, { wsp: 'demo', sub: 'agent-1', role: 'admin' });
    const service = `MG${'7'.repeat(32)}`;
    const put = await fetch(`${demo.url}/v1/workspace/twilio`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ accountSid: ACCOUNT, messagingNumbers: ['+15550009000'], messagingServiceSid: service, voiceNumber: '+15550009001' }) });
    assert.equal(put.status, 200);
    // Reopened, the form reads the account again.
    await alex.getByText('Twilio account').click();
    await alex.getByText('Twilio account').click();
    await details().getByText(`Messaging Service: ${service}`).waitFor({ timeout: 5_000 });
    await form().getByLabel('Public URL').fill('https://inbox.harbor.example');
    await form().getByRole('button', { name: 'Save' }).click();
    await alex.locator('#twilio-status', { hasText: /^Saved$/ }).waitFor({ timeout: 10_000 });
    await details().getByText(`Messaging Service: ${service}`).waitFor();
    await alex.getByText('An auth token is saved: leave this empty to keep it.').waitFor();
  });

  it('goes back to sandbox mode, after asking', async () => {
    const asked: string[] = [];
    alex.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await form().getByRole('button', { name: 'Back to sandbox' }).click();
    await alex.locator('#twilio-status', { hasText: 'Back in sandbox mode' }).waitFor({ timeout: 5_000 });
    await details().getByText('Sandbox: nothing leaves this server').waitFor();
    assert.match(asked[0] ?? '', /^Remove the Twilio account\?/);
  });
});
