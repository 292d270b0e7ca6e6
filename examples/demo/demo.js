// The host page's glue: in a real host, the backend mints the token for its signed-in user;
// here the demo server's /demo/session stands in for that backend.
import { ConvClient } from '/convkit/v1/convkit.js';
import { mountSettings } from '/settings.js';

const params = new URLSearchParams(location.search);
const agentSelect = document.getElementById('agent');
agentSelect.value = params.get('agent') ?? 'agent-1';
agentSelect.addEventListener('change', () => {
  params.set('agent', agentSelect.value);
  location.search = params.toString();
});

async function fetchToken() {
  const response = await fetch(`/demo/session?user=${encodeURIComponent(agentSelect.value)}`);
  if (!response.ok) throw new Error(`could not get a demo token (HTTP ${response.status})`);
  return (await response.json()).token;
}

const client = new ConvClient({ url: location.origin, tokenProvider: fetchToken });
const inbox = document.getElementById('inbox');
inbox.client = client;
// The host's own nav shows the agent's unread count (the same client, so one socket).
document.getElementById('badge').client = client;
const deepLink = params.get('conversation');
if (deepLink) inbox.setAttribute('conversation-id', deepLink);

// A second layout of the same client: a list per contact group, side by side. The other
// layout's elements stay out of the page, so they make no requests.
const sectioned = params.get('layout') === 'sections';
const sections = document.getElementById('sections');
for (const link of document.querySelectorAll('.host-layouts a')) {
  const agent = params.get('agent');
  if (agent) link.search = `${link.search ? `${link.search}&` : '?'}agent=${encodeURIComponent(agent)}`;
}
document.getElementById(sectioned ? 'layout-sections' : 'layout-inbox').setAttribute('aria-current', 'page');
if (sectioned) {
  inbox.remove();
  sections.hidden = false;
  for (const list of sections.querySelectorAll('conv-list')) list.client = client;
} else {
  sections.remove();
}

// The sandbox simulator: the server signs a Twilio-format webhook and posts it to itself,
// through the same route a real Twilio delivery takes.
const form = document.getElementById('simulate');
const status = document.getElementById('simulate-status');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = Object.fromEntries(new FormData(form));
  status.value = 'Sending…';
  try {
    const response = await fetch('/demo/simulate-sms', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: data.from, body: data.body }),
    });
    const result = await response.json();
    if (!response.ok) throw new Error(result.error?.message ?? `HTTP ${response.status}`);
    status.value = 'Delivered';
    form.elements.body.value = '';
  } catch (error) {
    status.value = `Failed: ${error.message}`;
  }
});

// A call to the workspace's voice number, through the same simulator: the server follows it step
// by step through the TwiML it answers, as Twilio would.
const callForm = document.getElementById('simulate-call');
const callStatus = document.getElementById('simulate-call-status');
callForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = Object.fromEntries(new FormData(callForm));
  callStatus.value = 'Calling…';
  try {
    const response = await fetch('/demo/simulate-call', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: data.from, outcome: data.outcome }),
    });
    const result = await response.json();
    if (!response.ok) throw new Error(result.error?.message ?? `HTTP ${response.status}`);
    callStatus.value = `Call ${data.outcome}`;
  } catch (error) {
    callStatus.value = `Failed: ${error.message}`;
  }
});

// The host's admin settings: calls, and the Twilio account (settings.js).
mountSettings(client, fetchToken);
