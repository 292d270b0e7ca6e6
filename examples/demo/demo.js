// The host page's glue: in a real host, the backend mints the token for its signed-in user;
// here the demo server's /demo/session stands in for that backend.
import { ConvClient } from '/convkit/v1/convkit.js';
import { mountSettings } from '/settings.js';
import { mountSnippets } from '/snippets.js';

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
// "Message this client", as a CRM's record page offers it: the inbox opens the contact's
// conversation, started when there is none yet. A link does the same: ?contact=+15551230000.
const openContact = (contact) => {
  inbox.createConversation = true;
  inbox.contact = contact;
};
document.getElementById('open-contact').addEventListener('submit', (event) => {
  event.preventDefault();
  openContact(String(new FormData(event.target).get('contact')).trim());
});
if (params.get('contact')) openContact(params.get('contact'));

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

// The sandbox simulators: the server signs Twilio-format webhooks and posts them to itself,
// through the same routes a real Twilio delivery takes: an SMS, or a call to the voice number,
// which it follows step by step through the TwiML it answers; an email goes through the inbound
// email path.
function simulator(formId, route, working, done) {
  const form = document.getElementById(formId);
  const status = form.querySelector('output');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    status.value = working;
    try {
      const response = await fetch(route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
      const result = await response.json();
      if (!response.ok) throw new Error(result.error?.message ?? `HTTP ${response.status}`);
      status.value = done(data, form);
    } catch (error) {
      status.value = `Failed: ${error.message}`;
    }
  });
}
simulator('simulate', '/demo/simulate-sms', 'Sending…', (_data, form) => {
  form.elements.body.value = '';
  return 'Delivered';
});
// WhatsApp asks who the sender is as WhatsApp names them: a number, a user id, or both.
const simulate = document.getElementById('simulate');
function showChannelFields() {
  const whatsapp = simulate.elements.channel.value === 'whatsapp';
  for (const name of ['userId', 'name']) simulate.elements[name].hidden = !whatsapp;
  simulate.elements.from.required = !whatsapp;
  simulate.elements.from.setAttribute('aria-label', whatsapp ? 'From phone number (leave empty for a user id alone)' : 'From phone number');
}
simulate.elements.channel.addEventListener('change', showChannelFields);
// A browser that restores the form on reload may bring WhatsApp back: its fields show with it.
showChannelFields();
simulator('simulate-call', '/demo/simulate-call', 'Calling…', (data) => `Call ${data.outcome}`);
// An email, filed as a mail service's forwarded one would be (docs/server.md, "Email").
simulator('simulate-email', '/demo/simulate-email', 'Sending…', (_data, form) => {
  form.elements.subject.value = '';
  form.elements.text.value = '';
  return 'Email delivered';
});

// The host's admin settings: calls, and the Twilio account (settings.js).
mountSettings(client, fetchToken);
mountSnippets(client);
