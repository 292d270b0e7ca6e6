import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { countSms, isConvError, type Channel, type ConnectionStatus, type ContactState, type ConversationsById, type ConversationView, type ListState, type Session, type Snippet, type User } from '@convkit/sdk';
import { ConvClientElement } from '../../base/conv-client-element.js';
import { StoreController } from '../../controllers/store-controller.js';
import { ConvMessageSendEvent } from '../../events/message-send.js';
import { ConvMessageSentEvent } from '../../events/message-sent.js';
import { channelLabel } from '../../internal/channels.js';
import '../../i18n/terms/panels.js';
import { stateStyles } from '../../styles/shared.styles.js';
import { composerStyles } from './conv-composer.styles.js';
import { ConversationFetcher } from '../../controllers/conversation-fetcher.js';
import { ReachabilityController } from './reachability.js';
import { TemplatePanel } from './template-panel.js';
import { EmailSubject } from './email-subject.js';
import { DraftFollower } from './drafts.js';
import { ComposerFiles, fileEvents, refusalText, renderFiles } from './composer-files.js';
import { renderSchedulePanel, ScheduleFlow } from './schedule-panel.js';
import { renderConsentFlag } from './consent-flag.js';
import { CollisionGuard, renderCollision } from './collision.js';
import { MentionPicker } from './mentions.js';
import { SnippetPicker } from './snippets.js';
import { EmojiPanel } from './emoji-panel.js';
import { renderToolbar } from './composer-toolbar.js';
import { mergeContext, mergeResult, renderMergePicker, renderMergePreview } from './merge-preview.js';
import { ensureTriageData } from '../../internal/triage.js';

/**
 * @summary Writes a reply, or an internal note, into one conversation. Enter sends, Shift+Enter
 * starts a new line.
 *
 * @event {ConvMessageSendDetail} conv-message-send - The user sends. Cancelable: `preventDefault()` stops the composer from sending (the text stays) so the host can. Detail: `{ conversationId, body, channel, kind }`.
 * @event {ConvMessageSentDetail} conv-message-sent - The server accepted the message. Detail: `{ conversationId, message }`.
 *
 * @csspart input - The textarea.
 * @csspart subject - An email reply's subject (empty: "Re:" the contact's last email's).
 * @csspart channel-picker - The reply channel select.
 * @csspart sms-count - How many SMS a reply by SMS goes out as, and the characters left in the last one.
 * @csspart sms-unicode - Which characters make a reply by SMS Unicode (70 characters per SMS instead of 160).
 * @csspart note-toggle - The button that switches to an internal note.
 * @csspart send-button - The send button.
 * @csspart schedule-button - Opens Schedule: sending the reply later, at a time the agent picks.
 * @csspart schedule - The Schedule panel: when to send, in the agent's time and the contact's.
 * @csspart schedule-input - When to send (the agent's own time zone).
 * @csspart schedule-zones - That time as the agent reads it and, when known and another, in the contact's time zone.
 * @csspart schedule-confirm - "Schedule send".
 * @csspart schedule-close - Closes Schedule without sending.
 * @csspart merge-tag-picker - The `{ }` picker: inserts a merge tag ({{contact.first_name}}...) where the cursor is.
 * @csspart merge-preview - The reply as the contact will get it, its merge tags filled in.
 * @csspart merge-error - Why a merge tag cannot be filled in (it names nothing, or is not one): the reply waits.
 * @csspart collision - Asks before a reply goes while another agent is typing one, or after the contact wrote again: Send anyway, or Keep editing.
 * @csspart collision-send - "Send anyway".
 * @csspart collision-keep - "Keep editing": the reply stays.
 * @csspart mention-list - In a note, the agents whose name follows the "@" being typed (arrow keys, Enter or Tab to pick, Escape to close).
 * @csspart mention-option - One agent in it; `mention-option-active` too for the one Enter picks.
 * @csspart attach-button - Picks files to send (they can be dropped on the composer too).
 * @csspart snippet-list - The saved replies whose shortcut or title follows the "/" being typed (arrow keys, Enter or Tab to pick, Escape to close).
 * @csspart snippet-option - One saved reply in it, its title and /shortcut; `snippet-option-active` too for the one Enter picks.
 * @csspart emoji-button - Opens the emoji picker (a toggle button).
 * @csspart emoji-panel - The panel the emoji picker shows in, under the text.
 * @csspart emoji-picker - The `<emoji-picker>` (emoji-picker-element): style it with its own custom properties (`--background`, `--border-color`, `--num-columns`…).
 * @csspart attachments - The files going with the reply.
 * @csspart attachment - One of them: its name, size, and its upload's progress or why it failed.
 * @csspart attachment-progress - An upload's progress bar.
 * @csspart attachment-remove - Takes a file off the reply (stopping its upload).
 * @csspart attachment-retry - Uploads a file that failed again.
 * @csspart error - The inline error of the last send.
 * @csspart unavailable - Why the chosen channel cannot be used now (opted out, no consent, do not disturb, outside WhatsApp's 24-hour window).
 * @csspart consent-flag - A text from the contact that may revoke consent, with the buttons to confirm or dismiss it.
 * @csspart template-button - "Template" on a WhatsApp reply: opens the WhatsApp templates (a toggle button).
 * @csspart template-offer - "Choose a template", under the 24-hour window's hint.
 * @csspart templates - The WhatsApp templates panel.
 * @csspart template-search - Filters the templates by name or text.
 * @csspart template-option - One template: its name, category, language and text; disabled, with `template-status`, until WhatsApp approves it.
 * @csspart template-status - Why a template cannot be sent (waiting for approval, rejected and why, paused).
 * @csspart template-retry - Reads the templates again after they could not be loaded.
 * @csspart template-close - Closes the panel.
 * @csspart template-back - Back from a template to the list.
 * @csspart template-variable - One variable's value (merge tags are filled in); marked invalid, with the reason, when it cannot go.
 * @csspart template-preview - The template's text as the contact will get it.
 * @csspart template-send - "Send template".
 *
 * @cssstate note - Writing an internal note.
 * @cssstate offline - Not connected: sending is disabled.
 * @cssstate unavailable - The chosen channel cannot be used now: sending a message is disabled (a note still can be added).
 *
 * @cssproperty [--conv-composer-max-height=12rem] - Tallest the textarea grows before it scrolls.
 */
export class ConvComposer extends ConvClientElement {
  static override styles = [ConvClientElement.styles, stateStyles, composerStyles];
  static override shadowRootOptions: ShadowRootInit = { ...ConvClientElement.shadowRootOptions, delegatesFocus: true };

  /** The conversation to write into. */
  @property({ attribute: 'conversation-id', reflect: true }) accessor conversationId = '';

  /** The textarea's accessible name; empty: "Message" in the element's language. */
  @property() accessor label = '';

  /** What is typed. Each conversation's unsent text is kept in the browser as its draft, and comes back with it. */
  @property() accessor value = '';

  /** The reply channel; defaults to the channel the contact last wrote on (else SMS). */
  @property() accessor channel: Channel | '' = '';

  /** Writing an internal note (seen by the team only) instead of a message to the contact. */
  @property({ type: Boolean, reflect: true }) accessor note = false;

  @state() accessor error = '';

  /** Schedule: when the reply goes, if the agent picks a time. */
  readonly #emoji = new EmojiPanel(this, (emoji) => this.#write(this.textarea?.selectionStart ?? this.value.length, this.textarea?.selectionEnd ?? this.value.length, emoji));
  readonly #schedule: ScheduleFlow = new ScheduleFlow(this, this.localize, (sendAt) => this.send({ sendAt }));

  @query('textarea') accessor textarea!: HTMLTextAreaElement | null;

  readonly #internals = this.attachInternals();

  readonly #status = new StoreController<ConnectionStatus>(this, () => this.activeClient?.status);

  readonly #conversation = new StoreController<ConversationsById, ConversationView | undefined>(
    this,
    () => this.activeClient?.conversations.byId,
    (byId) => byId[this.conversationId],
  );

  readonly #fetcher = new ConversationFetcher();

  readonly #session = new StoreController<Session | null>(this, () => this.activeClient?.session);
  /** Each conversation's unsent reply, kept for the agent in this workspace. */
  readonly #drafts = new DraftFollower();

  /**
   * The contact's record once a reply needs it: Schedule shows the time in their time zone, and
   * merge tags read their fields.
   */
  readonly #contact = new StoreController<ContactState>(this, () => {
    const contactId = this.#conversation.value?.contact.id;
    const needed = this.#schedule.open || (!this.note && this.value.includes('{{')) || this.#mergePicking || this.#templates.open;
    return needed && contactId ? this.activeClient?.contacts.get(contactId) : undefined;
  });
  readonly #users = new StoreController<ListState<User>>(this, () => this.activeClient?.users.store);
  /** @mentions in a note: the agents offered after an "@", and those the note names. */
  readonly #mentions = new MentionPicker(this);
  readonly #snippets = new SnippetPicker(this, () => this.activeClient);
  /** WhatsApp templates: what goes once the contact's 24-hour window has closed. */
  readonly #templates = new TemplatePanel(this);
  readonly #subject = new EmailSubject(this);
  /** The `{ }` picker was used: the contact's custom fields are worth loading for it. */
  #mergePicking = false;

  /** The send gate's answer per channel for this conversation's contact. */
  readonly #reach = new ReachabilityController(this);

  /** The files going with the reply, uploaded as they are added. */
  readonly #files = new ComposerFiles(this, () => this.activeClient);
  readonly #fileEvents = fileEvents((files) => this.addFiles(files));

  /** Says the agent is typing, and asks before a reply collides with another agent's or the contact's. */
  readonly #collision = new CollisionGuard(
    this,
    () => this.activeClient,
    () => this.conversationId,
    () => this.#conversation.value,
  );

  get #connected(): boolean {
    return this.#status.value === 'connected';
  }

  /** The channel a send goes out on now. */
  get effectiveChannel(): Channel {
    if (this.channel) return this.channel;
    const last = this.#conversation.value?.lastInboundChannel;
    // A call has no text reply: answer a caller by SMS.
    return last && last !== 'call' ? last : 'sms';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('conversationId') && changed.get('conversationId') !== undefined) {
      // Another conversation: its own default channel, no stale error, no files of the last one.
      this.channel = '';
      this.error = '';
      this.#files.clear();
      this.#schedule.open = false;
      this.#collision.reset();
      this.#mentions.forget();
      this.#templates.forget();
      this.#subject.clear();
    }
    this.#drafts.follow(this, this.#session.value ?? null);
    this.#setState('note', this.note);
    this.#setState('offline', !!this.activeClient && !this.#connected);
    this.#setState('unavailable', !this.note && this.#reach.of(this.effectiveChannel)?.ok === false);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('value') || changed.has('note')) this.#drafts.keep(this);
    this.#fetcher.ensure(this.activeClient, this.conversationId, Boolean(this.#conversation.value));
    // After the render: the conversation's store is followed by then (controllers update after willUpdate).
    this.#reach.watch(this.activeClient ?? null, this.#conversation.value?.contact.id ?? '');
  }

  #setState(name: string, on: boolean): void {
    try {
      if (on) this.#internals.states.add(name);
      else this.#internals.states.delete(name);
    } catch {
      // Browsers before CustomStateSet: the states are styling hooks only.
    }
  }

  protected override render() {
    const channel = this.effectiveChannel;
    const reach = this.note ? undefined : this.#reach.of(channel);
    const files = this.#files.files.length > 0;
    const refusal = files ? this.#files.refusal(channel, this.note) : null;
    const merge = this.note ? null : this.#merge();
    const canSend = (this.value.trim() !== '' || files) && this.#files.ready && !refusal && !(merge && 'error' in merge) && this.#connected && !!this.conversationId && reach?.ok !== false;
    const l = this.localize;
    const label = this.label || l.t('composerLabel');
    // How many SMS a reply by SMS goes out as (a note, or another channel, has no such count).
    const sms = !this.note && channel === 'sms' && this.value !== '' ? countSms(this.value) : null;
    return html`
      <form @submit=${this.#onSubmit} @dragover=${this.#fileEvents.dragOver} @drop=${this.#fileEvents.drop}>
        ${this.#subject.render(l, channel, this.note)}
        <textarea
          part="input"
          rows="1"
          aria-label=${this.note ? l.t('composerNoteLabel', label) : label}
          placeholder=${this.note ? l.t('composerNotePlaceholder') : l.t('composerReplyBy', channelLabel(l, channel))}
          .value=${this.value}
          aria-describedby=${sms ? 'sms-count' : nothing}
          aria-controls=${this.#mentions.controls ?? this.#snippets.controls ?? nothing}
          aria-activedescendant=${this.#mentions.activeDescendant ?? this.#snippets.activeDescendant ?? nothing}
          ?disabled=${!this.conversationId}
          @input=${this.#onInput}
          @keydown=${this.#onKeyDown}
        ></textarea>
        ${this.note ? this.#mentions.render(l, this.#users.value?.items ?? [], this.#pickMention) : nothing}
        ${this.#snippets.render(l, this.#snippets.list, this.#pickSnippet, this.#snippets.error ? l.t('snippetFailed', this.#snippets.error) : l.t('snippetLoading'))}
        ${this.#collision.pending
          ? renderCollision(l, this.#collision.warning(), this.#conversation.value?.contact.name ?? '', () => void this.#sendAnyway(), () => this.#keepEditing())
          : nothing}
        ${renderMergePreview(l, merge)}
        ${renderFiles(l, this.#files)}
        ${this.error || refusal ? html`<div class="error" part="error" role="alert">${this.error || refusalText(l, refusal!, channel, this.note)}</div>` : nothing}
        ${reach && !reach.ok ? html`<div class="hint unavailable" part="unavailable" role="status">${reach.message}</div>` : nothing}
        ${reach?.reason === 'whatsapp_window' && !this.#templates.open
          ? html`<button class="button" type="button" part="template-offer" @click=${() => this.#templates.toggle(this.activeClient, true)}>${l.t('templateOffer')}</button>`
          : nothing}
        ${this.note ? nothing : this.#templates.render(l, { client: this.activeClient, conversationId: this.conversationId, connected: this.#connected, merge: this.#mergeContext() })}
        ${this.#emoji.panel(l, this.activeClient, this.localize.lang())}
        ${this.#schedule.open && !this.note ? renderSchedulePanel(l, this.#schedule.panel(this.#contact.value?.contact?.timezone)) : nothing}
        ${reach?.flagged
          ? renderConsentFlag(l, {
              ...reach.flagged,
              channel,
              contactId: this.#conversation.value?.contact.id,
              client: this.activeClient,
              failed: (message) => (this.error = message),
              refresh: () => this.#reach.refresh(),
            })
          : nothing}
        ${sms?.encoding === 'UCS-2' ? html`<div class="hint" part="sms-unicode">${l.t('composerSmsUnicode', sms.nonGsm.join(' '))}</div>` : nothing}
        ${renderToolbar(l, {
          channel,
          note: this.note,
          blocked: (c) => this.#reach.of(c)?.ok === false,
          conversationId: this.conversationId,
          canSend,
          sms,
          offline: !!this.activeClient && !this.#connected,
          scheduleOpen: this.#schedule.open,
          emoji: this.#emoji,
          templates: channel === 'whatsapp' && !this.note ? { open: this.#templates.open, toggle: () => this.#templates.toggle(this.activeClient) } : null,
          mergePicker: this.note ? nothing : renderMergePicker(l, this.#mergeContext(), this.#session.value?.workspace, this.#insert),
          onChannel: (event) => this.#onChannel(event),
          toggleNote: () => (this.note = !this.note),
          pickFiles: this.#fileEvents.pick,
          toggleSchedule: () => this.#schedule.toggle(),
        })}
      </form>
    `;
  }

  #mergeContext() {
    return mergeContext(this.#contact.value?.contact, this.#conversation.value, this.#users.value?.items, this.#session.value?.workspace);
  }

  /** The reply with its merge tags filled in, or why they cannot be (null: no tags, or still loading). */
  #merge() {
    if (this.value.includes('{{')) ensureTriageData(this.activeClient);
    return mergeResult(this.value, this.#mergeContext());
  }

  /** Puts `text` where the cursor is (replacing a selection), as typing it would. */
  #insert = (text: string): void => {
    this.#mergePicking = true;
    this.#write(this.textarea?.selectionStart ?? this.value.length, this.textarea?.selectionEnd ?? this.value.length, text);
  };

  /** Replaces the text from `start` to `end` with `text`, the cursor after it. */
  #write(start: number, end: number, text: string): void {
    this.value = this.value.slice(0, start) + text + this.value.slice(end);
    void this.updateComplete.then(() => {
      this.textarea?.focus();
      this.textarea?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  /**
   * Adds files to the reply, as the Attach button and a drop do: refused at once when the channel
   * does not carry them (too many, too large, of a type it does not take), else uploaded now.
   */
  addFiles(files: readonly File[]): void {
    if (files.length === 0 || !this.conversationId) return;
    const channel = this.effectiveChannel;
    const refusal = this.#files.refusal(channel, this.note, files);
    if (refusal) {
      this.error = refusalText(this.localize, refusal, channel, this.note);
      return;
    }
    this.error = '';
    this.#files.add(files);
  }

  #onInput(event: InputEvent): void {
    this.value = (event.target as HTMLTextAreaElement).value;
    this.#collision.typed(this.value);
    if (this.note) {
      ensureTriageData(this.activeClient);
      this.#mentions.follow(this.value, (event.target as HTMLTextAreaElement).selectionStart);
    }
    this.#snippets.follow(this.value, (event.target as HTMLTextAreaElement).selectionStart);
  }

  async #sendAnyway(): Promise<void> {
    const options = this.#collision.pending ?? {};
    this.#collision.pending = null;
    await this.send({ ...options, confirmed: true });
  }

  #keepEditing(): void {
    this.#collision.pending = null;
    this.requestUpdate();
    void this.updateComplete.then(() => this.textarea?.focus());
  }

  #onChannel(event: Event): void {
    this.channel = (event.target as HTMLSelectElement).value as Channel;
  }

  #pickMention = (user: User): void => {
    const { start, end, text } = this.#mentions.pick(this.textarea?.selectionStart ?? this.value.length, user);
    this.#write(start, end, text);
  };

  #pickSnippet = (snippet: Snippet): void => {
    const { start, end, text } = this.#snippets.pick(this.textarea?.selectionStart ?? this.value.length, snippet);
    this.#write(start, end, text);
  };

  #onKeyDown(event: KeyboardEvent): void {
    if (this.note && this.#mentions.key(event, this.#users.value?.items ?? [], this.#pickMention)) return event.preventDefault();
    if (this.#snippets.key(event, this.#snippets.list ?? [], this.#pickSnippet)) return event.preventDefault();
    // isComposing: Enter also confirms an IME composition (Japanese, Chinese...): not a send.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    void this.send();
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.send();
  }

  /**
   * Sends what is typed, as the Send button does (with `sendAt`, an ISO 8601 instant, as
   * Schedule does). Resolves once the server answered (or the host took over); the text is
   * cleared at once, the thread shows the message as pending meanwhile.
   */
  async send(options: { sendAt?: string; confirmed?: boolean } = {}): Promise<void> {
    const client = this.activeClient;
    const body = this.value.trim();
    const attachmentIds = this.#files.ids;
    if (!client || (!body && attachmentIds.length === 0) || !this.conversationId || !this.#connected) return;
    if (!this.#files.ready || this.#files.refusal(this.effectiveChannel, this.note)) return;
    const kind = this.note ? 'note' : 'message';
    if (kind === 'message' && this.#reach.of(this.effectiveChannel)?.ok === false) return;
    // Another agent typing here, or the contact wrote again: the agent confirms first.
    if (kind === 'message' && !options.confirmed && this.#collision.warning()) {
      this.#collision.pending = { ...(options.sendAt ? { sendAt: options.sendAt } : {}) };
      this.requestUpdate();
      return;
    }
    // The pending copy reads as the contact will get it; the server fills the tags in the same way.
    const merged = kind === 'message' ? this.#merge() : null;
    const preview = merged && 'text' in merged ? { preview: merged.text } : {};
    const detail = { conversationId: this.conversationId, body, channel: this.effectiveChannel, kind } as const;
    const request = new ConvMessageSendEvent({ ...detail });
    this.dispatchEvent(request);
    if (request.defaultPrevented) return;
    this.value = '';
    this.error = '';
    this.#files.clear();
    this.#collision.reset();
    const mentions = kind === 'note' ? this.#mentions.mentioned(body) : [];
    this.#mentions.forget();
    const files = { ...(attachmentIds.length ? { attachmentIds } : {}), ...(options.sendAt && kind === 'message' ? { sendAt: options.sendAt } : {}), ...this.#subject.params(detail.channel, kind === 'note') };
    this.#subject.clear();
    try {
      const message = await client.messages.send(
        kind === 'note' ? { conversationId: detail.conversationId, body, kind, ...(mentions.length ? { mentions } : {}), ...files } : { conversationId: detail.conversationId, body, channel: detail.channel, kind, ...files, ...preview },
      );
      this.dispatchEvent(new ConvMessageSentEvent({ conversationId: detail.conversationId, message }));
    } catch (error) {
      this.error = this.localize.t('composerNotSent', isConvError(error) ? error.message : '');
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'conv-composer': ConvComposer;
  }
}
