// The host's admin settings, as a host product's settings page would offer them: how calls go
// (workspace.update over the same client), the workspace's Twilio account (the REST API, with the
// signed-in agent's token; admins only: an agent is told so) and the messages as CSV.

export function mountSettings(client, fetchToken) {
  mountCallSettings(client);
  mountTwilioSettings(fetchToken);
  mountExports(fetchToken);
}

/** Downloads the open thread, or every thread, as CSV, saying how much has come while it streams. */
function mountExports(fetchToken) {
  const status = document.getElementById('export-status');
  const download = async (path, name) => {
    status.value = 'Downloading…';
    try {
      const response = await fetch(path, { headers: { authorization: `Bearer ${await fetchToken()}` } });
      if (!response.ok) throw new Error((await response.json()).error?.message ?? `HTTP ${response.status}`);
      const chunks = [];
      let bytes = 0;
      for (const reader = response.body.getReader(); ; ) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.length;
        status.value = `Downloading… ${Math.round(bytes / 1024)} KB`;
      }
      const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(new Blob(chunks, { type: 'text/csv' })), download: name });
      link.click();
      URL.revokeObjectURL(link.href);
      status.value = `Downloaded ${name}`;
    } catch (error) {
      status.value = `Not exported: ${error.message}`;
    }
  };
  document.getElementById('export-thread').addEventListener('click', () => {
    const conversationId = document.getElementById('inbox').conversationId;
    if (!conversationId) {
      status.value = 'Open a conversation first.';
      return;
    }
    void download(`/v1/conversations/${encodeURIComponent(conversationId)}/export.csv`, 'thread.csv');
  });
  document.getElementById('export-all').addEventListener('click', () => void download('/v1/messages/export.csv', 'messages.csv'));
}

function mountCallSettings(client) {
  // Call settings: what the workspace has now (from the session), saved by an admin.
  const voiceForm = document.getElementById('voice-settings');
  const voiceStatus = document.getElementById('voice-settings-status');
  const showVoice = (session) => {
    const voice = session?.workspace.voice;
    if (!voice) return;
    voiceForm.elements.recordInbound.checked = voice.recordInbound;
    voiceForm.elements.recordOutbound.checked = voice.recordOutbound;
    voiceForm.elements.forwardTo.value = voice.forwardTo ?? '';
  };
  showVoice(client.session.get());
  client.session.subscribe(showVoice);
  voiceForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { elements } = voiceForm;
    voiceStatus.value = 'Saving…';
    try {
      const workspace = await client.request('workspace.update', {
        voice: { recordInbound: elements.recordInbound.checked, recordOutbound: elements.recordOutbound.checked, forwardTo: elements.forwardTo.value.trim() || null },
      });
      elements.forwardTo.value = workspace.voice.forwardTo ?? '';
      voiceStatus.value = 'Saved';
    } catch (error) {
      voiceStatus.value = `Not saved: ${error.message}`;
    }
  });
}

function mountTwilioSettings(fetchToken) {
  const form = document.getElementById('twilio-settings');
  const status = document.getElementById('twilio-status');
  const details = document.getElementById('twilio-details');
  const api = async (method, body) => {
    const response = await fetch('/v1/workspace/twilio', {
      method,
      headers: { authorization: `Bearer ${await fetchToken()}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const result = await response.json();
    if (!response.ok) throw new Error(result.error?.message ?? `HTTP ${response.status}`);
    return result;
  };
  // What the form does not edit (a Messaging Service, an API key, more numbers) is sent back as
  // it was: a save replaces the whole account.
  let current = null;
  const show = (view) => {
    current = view;
    const { elements } = form;
    elements.accountSid.value = view.accountSid ?? '';
    elements.authToken.value = '';
    document.getElementById('twilio-token-hint').textContent = view.authToken === 'set' ? 'An auth token is saved: leave this empty to keep it.' : 'Twilio signs its webhooks with this token.';
    elements.messagingNumber.value = view.messagingNumbers[0] ?? '';
    elements.whatsappNumber.value = view.whatsappNumber ?? '';
    elements.voiceNumber.value = view.voiceNumber ?? '';
    elements.publicUrl.value = view.publicUrl ?? '';
    const lines = [
      view.mode === 'live' ? `Live: ${view.accountName || view.accountSid}` : 'Sandbox: nothing leaves this server',
      ...(view.messagingServiceSid ? [`Messaging Service: ${view.messagingServiceSid}`] : []),
      ...(view.messagingNumbers.length > 1 ? [`Sending numbers: ${view.messagingNumbers.join(', ')}`] : []),
      `Messages webhook: ${view.webhooks.messages}`,
      `Status callback: ${view.webhooks.status}`,
      `Voice webhook: ${view.webhooks.voice}`,
      `Call status callback: ${view.webhooks.voiceStatus}`,
      ...view.warnings.map((warning) => `Warning: ${warning}`),
    ];
    details.replaceChildren(...lines.map((line) => Object.assign(document.createElement('li'), { textContent: line })));
  };
  const run = async (what, work, done, failed) => {
    status.value = what;
    try {
      show(await work());
      status.value = done;
    } catch (error) {
      status.value = `${failed}: ${error.message}`;
    }
  };
  form.closest('details').addEventListener('toggle', async (event) => {
    if (!event.currentTarget.open) return;
    status.value = 'Loading…';
    try {
      show(await api('GET'));
      status.value = '';
    } catch (error) {
      status.value = error.message;
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { elements } = form;
    const value = (name) => elements[name].value.trim();
    const same = current?.accountSid === value('accountSid');
    const others = same ? (current?.messagingNumbers ?? []).slice(1) : [];
    void run(
      'Checking with Twilio…',
      () =>
        api('PUT', {
          accountSid: value('accountSid'),
          ...(value('authToken') ? { authToken: value('authToken') } : {}),
          messagingNumbers: value('messagingNumber') ? [value('messagingNumber'), ...others.filter((n) => n !== value('messagingNumber'))] : others,
          ...(same && current.messagingServiceSid ? { messagingServiceSid: current.messagingServiceSid } : {}),
          ...(same && current.apiKeySid ? { apiKeySid: current.apiKeySid } : {}),
          whatsappNumber: value('whatsappNumber') || null,
          voiceNumber: value('voiceNumber') || null,
          publicUrl: value('publicUrl') || null,
        }),
      'Saved',
      'Not saved',
    );
  });
  document.getElementById('twilio-remove').addEventListener('click', () => {
    // The credentials are deleted: the auth token would have to be given again.
    if (!confirm('Remove the Twilio account? Texts and calls go back to sandbox mode, and the auth token must be entered again to reconnect.')) return;
    void run('Removing…', () => api('DELETE'), 'Back in sandbox mode', 'Not removed');
  });
}
