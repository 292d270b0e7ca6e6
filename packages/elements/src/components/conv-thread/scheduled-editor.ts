// A scheduled message in the thread, until it goes: when it will go, and Edit (its text and
// time, in place) or Cancel sending. messages.reschedule and messages.cancel each win only while
// the message is still scheduled, so one that went meanwhile says so.
import { html, nothing, type TemplateResult } from 'lit';
import type { ConvClient, MessageView } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';
import { longDateTime } from '../../internal/format.js';
import { localInputValue, sendTime } from '../../internal/send-time.js';

export interface ScheduledActions {
  /** The scheduled message being edited, if any. */
  editing: string | null;
  /** Why the last Save or Cancel did not change it. */
  error: string;
  edit(message: MessageView): void;
  cancel(message: MessageView): void;
  save(message: MessageView, body: string, at: string): void | Promise<void>;
  discard(): void;
}

const scheduledFor = (message: MessageView) => (typeof message.meta['scheduledFor'] === 'string' ? message.meta['scheduledFor'] : null);

/** "Scheduled for …" with Edit and Cancel sending, under a scheduled message. */
export function scheduledStatus(l: Localize, message: MessageView, actions: ScheduledActions): TemplateResult {
  const at = scheduledFor(message);
  return html`
    <span class="status">${at ? l.t('statusScheduledFor', longDateTime(l, at)) : l.t('statusScheduled')}</span>
    ${message.pending || actions.editing === message.id
      ? nothing
      : html`<button class="button" type="button" part="scheduled-edit" @click=${() => actions.edit(message)}>${l.t('scheduledEdit')}</button>
          <button class="button" type="button" part="scheduled-cancel" @click=${() => actions.cancel(message)}>${l.t('scheduledCancel')}</button>`}
  `;
}

/** The scheduled message's text and time, editable in place of its bubble's text. */
export function scheduledEditor(l: Localize, message: MessageView, actions: ScheduledActions): TemplateResult {
  const at = scheduledFor(message);
  // WhatsApp approved a template's words: its time can move, its text cannot (the server says so too).
  const template = Boolean(message.meta['template']);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    actions.save(message, (form.elements.namedItem('body') as HTMLTextAreaElement).value, (form.elements.namedItem('at') as HTMLInputElement).value);
  };
  return html`<form class="scheduled-editor" part="scheduled-editor" @submit=${submit} @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && actions.discard()}>
    <label
      >${l.t('scheduledText')}
      <textarea name="body" part="scheduled-body" rows="2" .value=${message.body} ?readonly=${template} aria-describedby=${template ? 'scheduled-template' : nothing}></textarea
    ></label>
    ${template ? html`<span class="hint" id="scheduled-template">${l.t('scheduledTemplateText')}</span>` : nothing}
    <label>${l.t('sendAt')} <input name="at" type="datetime-local" part="scheduled-time" .value=${at ? localInputValue(new Date(at)) : ''} /></label>
    ${actions.error ? html`<div class="status status--failed" role="alert">${actions.error}</div>` : nothing}
    <div class="editor-actions">
      <button class="button" type="button" part="scheduled-discard" @click=${actions.discard}>${l.t('scheduledDiscard')}</button>
      <button class="button" type="submit" part="scheduled-save">${l.t('scheduledSave')}</button>
    </div>
  </form>`;
}

export interface ScheduledHost {
  client(): ConvClient | undefined;
  localize: Localize;
  update(): void;
  /** Says why a Cancel sending did not cancel (the message went meanwhile). */
  notice(text: string): void;
}

/** What Edit, Save, Discard and Cancel sending do, for the thread `host`. */
export function scheduledActions(host: ScheduledHost): ScheduledActions {
  const l = host.localize;
  const set = (change: Partial<Pick<ScheduledActions, 'editing' | 'error'>>) => {
    Object.assign(actions, change);
    host.update();
  };
  const reason = (error: unknown) => l.t('scheduledNotChanged', error instanceof Error ? error.message : '');
  const actions: ScheduledActions = {
    editing: null,
    error: '',
    edit: (message) => set({ editing: message.id, error: '' }),
    discard: () => set({ editing: null, error: '' }),
    cancel: (message) => {
      host.notice('');
      void host.client()?.request('messages.cancel', { id: message.id }).catch((error: unknown) => host.notice(reason(error)));
    },
    save: async (message, body, at) => {
      const client = host.client();
      if (!client) return;
      // Only what changed goes: an untouched time is not checked against the clock again.
      const previous = scheduledFor(message);
      const changes: { body?: string; sendAt?: string } = {};
      // A template's text is WhatsApp's to approve: only its time is sent.
      if (body.trim() !== message.body && !message.meta['template']) changes.body = body;
      if (at !== (previous ? localInputValue(new Date(previous)) : '')) {
        const picked = sendTime(l, at);
        if ('error' in picked) return set({ error: picked.error });
        changes.sendAt = picked.at.toISOString();
      }
      if (changes.body === undefined && !changes.sendAt) return set({ editing: null, error: '' });
      try {
        await client.request('messages.reschedule', { id: message.id, ...changes });
        set({ editing: null, error: '' });
      } catch (error) {
        set({ error: reason(error) });
      }
    },
  };
  return actions;
}
