import { html, nothing, type PropertyDeclaration, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { property, state } from 'lit/decorators.js';
import type { ConversationsById, ConversationView, MessageView, Session, ThreadState, ListState, Label, User } from '@convkit/sdk';
import { ConvClientElement } from '../../base/conv-client-element.js';
import { StoreController } from '../../controllers/store-controller.js';
import { MergedThreadFollower } from '../../controllers/merged-thread-follower.js';
import { FeedWindowController } from '../../controllers/feed-window-controller.js';
import { dayKey, dayLabel } from './thread-format.js';
import { stateStyles } from '../../styles/shared.styles.js';
import { renderMessage, type MessageActions, type RecordingState } from './message-templates.js';
import { threadStyles } from './conv-thread.styles.js';
import { ConversationFetcher } from '../../controllers/conversation-fetcher.js';
import { actionLabel, failureMessage, runAction, toggles } from '../../internal/conversation-actions.js';
import { ensureTriageData, labelsById } from '../../internal/triage.js';
import { triageStyles } from '../../styles/triage.styles.js';
import { showRowMenu } from '../../internal/row-menu.js';
import '../../i18n/terms/thread.js';
import { renderThreadHeader, type HeaderContext } from './thread-header.js';
import { scheduledActions } from './scheduled-editor.js';
import { EmailBodies } from './email-bodies.js';
import { PresenceController } from '../../controllers/presence-controller.js';
import { renderPresence } from './thread-presence.js';
import { exportparts } from '../../internal/exportparts.js';
import { ReadOnOpen } from './read-on-open.js';
import { ContactLink } from './contact-link.js';
import { Announcer, newestSeq } from './announcer.js';
import { ConvConversationSelectedEvent } from '../../events/conversation-selected.js';

/** One row of the feed: a message, or a separator before one (its day's first, the first unread). */
interface FeedItem {
  key: string;
  message: MessageView;
  separator: 'day' | 'unread' | null;
}

/**
 * @summary One conversation's messages, oldest at the top: inbound on the left, the team's on
 * the right with their status, notes, activity cards and call logs in between.
 *
 * Opening a conversation, by any route (a list's row, a deep link, `conversation-id` set by the
 * host), marks it read for the signed-in agent, "New messages" kept above what was unread (unless
 * `keep-unread` is set).
 * It opens at the newest message and follows new ones while the reader is there. Scrolling up
 * loads older pages without moving what the reader is looking at; past 60 items only the rows
 * in and near the view are in the DOM, so a thread of thousands stays smooth.
 *
 * @csspart header - The bar with the contact's name and the conversation's state: archived, labels, assignee, star.
 * @csspart archived-badge - "Archived", on an archived conversation.
 * @csspart label - A label chip in the header.
 * @csspart assignee-name - "Assigned to …" or "Unassigned".
 * @csspart star-button - Stars the conversation (a toggle button).
 * @csspart archive-button - Archive, or Unarchive.
 * @csspart more-button - Opens the other actions (assign, labels, read state, delete for admins).
 * @csspart row-menu - The `<conv-row-menu>` it opens.
 * @csspart notice - Why the last header action failed.
 * @csspart presence - Who else has the conversation open, and who is typing a reply in it.
 * @csspart messages - The scrolling message area.
 * @csspart message - One item of the thread.
 * @csspart inbound - A chat message from the contact.
 * @csspart outbound - A chat message from the team.
 * @csspart bubble - A chat message's bubble.
 * @csspart meta - The line under an item: author, channel, time, status.
 * @csspart via - "RCS" beside the SMS mark, on a message RCS carried.
 * @csspart activity-status - An activity card's status (Booked, Completed…), as the host posted it.
 * @csspart activity-details - An activity card's details, under its title.
 * @csspart record-link - On a message automation sent ("Auto"), the link back to the host's record it was sent for (`meta.link`, named by `meta.linkLabel`).
 * @csspart template - "Template <name>" on a message that went as a WhatsApp template (with `via`).
 * @csspart api - "via API" on what the host's backend wrote with an API key (with `via`).
 * @csspart note - An internal note's card.
 * @csspart activity - An activity card.
 * @csspart call - A call log's card.
 * @csspart day-separator - The date between two days' messages.
 * @csspart unread-divider - "New messages", above the first message that came since the agent last read the conversation.
 * @csspart load-older - The button that loads older messages.
 * @csspart jump-latest - "Jump to latest" (or how many new messages are below), while the reader is scrolled up.
 * @csspart retry-button - Retry on a failed message.
 * @csspart scheduled-edit - Edit, on a scheduled message: its text and time, in place.
 * @csspart scheduled-cancel - Cancel sending, on a scheduled message.
 * @csspart scheduled-editor - The edit of a scheduled message: its text, its time, Save and Discard.
 * @csspart scheduled-body - The text being edited.
 * @csspart scheduled-time - The time being edited (the agent's time zone).
 * @csspart scheduled-save - Saves the edit.
 * @csspart scheduled-discard - Leaves the message as it was.
 * @csspart email - The frame an email's HTML shows in, sanitized and sandboxed: no script runs in it, and it loads nothing from the network until the agent shows the pictures.
 * @csspart email-bar - The line under such an email: pictures held back, Show pictures, Text.
 * @csspart email-pictures-button - Shows the sender's pictures in the email (their requests tell the sender it was read).
 * @csspart email-view-button - Text: shows the email's text instead of its HTML (a toggle button).
 * @csspart email-note - Why an email shows as text: too large, too complex, or its HTML could not be loaded.
 * @csspart email-retry - Asks for an email's HTML again after it could not be loaded.
 * @csspart image - A picture sent or received with a message, shown inline (a placeholder while its link loads).
 * @csspart file - A file sent or received with a message, other than a picture: a link that downloads it.
 * @csspart recording - A call's recording player.
 * @csspart recording-button - Plays a call's recording (or voicemail).
 * @csspart state - The loading, empty or error block.
 *
 * @event {ConvConversationSelectedDetail} conv-conversation-selected - The thread opened another conversation: the one the shown one merged into (one person's two threads became one), or the one `contact` names.
 *
 * @cssproperty [--conv-thread-bubble-max-width=min(75%, 36rem)] - Widest a bubble grows.
 * @cssproperty --conv-color-inbound-bubble - Background of the contact's bubbles.
 * @cssproperty --conv-color-outbound-bubble - Background of the team's bubbles.
 * @cssproperty --conv-color-note - Background of internal notes.
 */
export class ConvThread extends ConvClientElement {
  static override styles = [ConvClientElement.styles, stateStyles, triageStyles, threadStyles];

  /** Opening a conversation reads it, "New messages" kept above what was unread. */
  readonly #readOnOpen = new ReadOnOpen();

  /** The conversation to show. */
  @property({ attribute: 'conversation-id', reflect: true }) accessor conversationId = '';

  /** Shows the conversation without marking it read (a preview, a supervisor's look): it stays as unread as it was. */
  @property({ attribute: 'keep-unread', type: Boolean }) accessor keepUnread = false;

  /** Opens a contact's conversation: "ext:<the host's id>" or a phone number; changing it opens that contact's. */
  @property() accessor contact = '';

  /** With `contact`: starts the contact's conversation when it has none yet (and makes the contact of a new number). */
  @property({ attribute: 'create-conversation', type: Boolean }) accessor createConversation = false;

  readonly #contactLink = new ContactLink(this, (conversationId) => {
    this.conversationId = conversationId;
    this.dispatchEvent(new ConvConversationSelectedEvent({ conversationId }));
  });

  /** Called at once by a property's setter: an opened conversation's read state is read then. */
  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    if (name === 'conversationId' && this.conversationId !== oldValue) this.#readOnOpen.opened(this.activeClient, this.conversationId);
    super.requestUpdate(name, oldValue, options);
  }


  /** What the polite live region says: the newest inbound messages. */
  @state() accessor announcement = '';

  /** Why the last header action failed. */
  @state() accessor notice = '';

  /** The reader scrolled up from the newest message: "Jump to latest" shows. */
  @state() accessor awayFromBottom = false;
  /** The newest message when the reader left the bottom: those after it are new to them. */
  #newestWhenLeft = 0;

  readonly #thread = new StoreController<ThreadState>(this, () =>
    this.conversationId ? this.activeClient?.threads.get(this.conversationId) : undefined,
  );

  readonly #conversation = new StoreController<ConversationsById, ConversationView | undefined>(
    this,
    () => this.activeClient?.conversations.byId,
    (byId) => byId[this.conversationId],
  );

  readonly #labels = new StoreController<ListState<Label>>(this, () => this.activeClient?.labels.store);
  readonly #users = new StoreController<ListState<User>>(this, () => this.activeClient?.users.store);
  readonly #session = new StoreController<Session | null>(this, () => this.activeClient?.session);

  readonly #scroll = new FeedWindowController(
    this,
    () => this.renderRoot.querySelector<HTMLElement>('.scroller'),
    () => ({
      key: `${this.conversationId}:${this.#thread.value?.status === 'ready'}`,
      keys: this.#feedItems().keys,
      lastIsOwn: !!this.#thread.value?.messages.at(-1)?.pending,
    }),
  );
  /** The feed's items (messages and day separators) for the messages last seen. */
  #feed: { messages: MessageView[]; unread: { after: number; upTo: number } | null; items: FeedItem[]; keys: string[] } | undefined;

  /**
   * Links to files, by file id: a recording's player, a picture or a document opens through a
   * short-lived link (attachments.link), asked for when played, or when a picture or file shows.
   */
  readonly #links = new Map<string, RecordingState>();
  /** Files whose link failed to load once and was asked for again. */
  readonly #relinked = new Set<string>();

  #fetchLink(id: string, failed: (reason: string) => string, then?: () => void): void {
    const client = this.activeClient;
    if (!client) return;
    const conversationId = this.conversationId;
    this.#links.set(id, { loading: true });
    client.request('attachments.link', { id }).then(
      ({ url }) => {
        if (this.conversationId !== conversationId) return;
        this.#links.set(id, { url });
        this.requestUpdate();
        then?.();
      },
      (error: unknown) => this.#links.set(id, { error: failed(error instanceof Error ? error.message : '') }),
    ).finally(() => this.requestUpdate());
  }

  readonly #actions: MessageActions = {
    retry: (message) => {
      if (message.clientId) void this.activeClient?.messages.retry(this.conversationId, message.clientId).catch(() => {});
    },
    recording: (id) => this.#links.get(id),
    playRecording: (id) => {
      this.#fetchLink(id, (reason) => this.localize.t('callRecordingError', reason), () => {
        // The button pressed is gone: the player takes the focus.
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`audio[data-file="${id}"]`)?.focus());
      });
      this.requestUpdate();
    },
    recordingFailed: (id) => {
      this.#links.set(id, { error: this.localize.t('callRecordingError', '') });
      this.requestUpdate();
    },
    scheduled: scheduledActions({
      client: () => this.activeClient,
      localize: this.localize,
      update: () => this.requestUpdate(),
      notice: (text) => (this.notice = text),
    }),
    fileFailed: (id) => {
      // A link that expired while the row was away: one more, then the failure is said.
      if (this.#relinked.has(id)) this.#links.set(id, { error: this.localize.t('fileUnavailable', '') });
      else {
        this.#relinked.add(id);
        this.#links.delete(id);
      }
      this.requestUpdate();
    },
    emails: new EmailBodies(
      () => this.activeClient,
      () => this.requestUpdate(),
    ),
    fileLink: (id) => {
      const state = this.#links.get(id);
      // Asked for once it shows; after this render, so rendering stays free of side effects.
      if (!state) queueMicrotask(() => this.#links.has(id) || this.#fetchLink(id, (reason) => this.localize.t('fileUnavailable', reason)));
      return state;
    },
  };

  readonly #announcer = new Announcer();
  readonly #fetcher = new ConversationFetcher();
  readonly #follower = new MergedThreadFollower(this);
  /** Who else shows this conversation, and who is typing a reply in it. */
  readonly #presence = new PresenceController(this, () => this.activeClient, () => this.conversationId, { shows: true });

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new contact to open replaces the conversation shown (set with it at first, conversation-id wins).
    if (changed.has('contact') && changed.get('contact') !== undefined && this.contact) this.conversationId = '';
    // A player's link is this conversation's and short-lived: another thread starts without one.
    if (changed.has('conversationId')) {
      this.#links.clear();
      this.#relinked.clear();
      this.#actions.emails.clear();
      this.awayFromBottom = false;
    }
    this.announcement = this.#announcer.next(this.localize, this.conversationId, this.#thread.value, this.announcement);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#follower.watch(this.activeClient ?? null);
    // The header needs the conversation; a deep link may open one the list has not loaded.
    this.#fetcher.ensure(this.activeClient, this.conversationId, Boolean(this.#conversation.value));
    if (this.conversationId) ensureTriageData(this.activeClient);
    this.#readOnOpen.settle(this.activeClient, this.conversationId, this.#conversation.value, this.keepUnread);
    if (!this.conversationId) this.#contactLink.follow(this.activeClient, this.contact, this.createConversation);
  }

  protected override render() {
    if (!this.conversationId) {
      return this.#contactLink.render(this.localize, () => this.#contactLink.retry(this.activeClient, this.contact, this.createConversation)) ?? html`<div class="state" part="state">${this.localize.t('threadPickOne')}</div>`;
    }
    const thread = this.#thread.value;
    const conversation = this.#conversation.value;
    const name = conversation?.contact.name ?? '';
    return html`
      ${renderThreadHeader(this.localize, conversation, this.#header)}
      ${renderPresence(this.localize, this.#presence.others)}
      <conv-row-menu part="row-menu" exportparts=${exportparts('conv-thread', 'row-menu', this)} .client=${this.activeClient}></conv-row-menu>
      ${this.notice ? html`<div class="notice" part="notice"><span role="alert">${this.notice}</span></div>` : nothing}
      ${this.#renderBody(thread, name)}
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  get #header(): HeaderContext {
    return {
      labels: labelsById(this.#labels.value?.items),
      users: this.#users.value?.items,
      meId: this.#session.value?.user.id,
      onStar: () => this.#act('star'),
      onArchive: () => this.#act('archive'),
      onMore: (anchor) => void showRowMenu(this.renderRoot, this.conversationId, anchor).catch(() => (this.notice = this.localize.t('menuUnavailable'))),
    };
  }

  #act(which: 'star' | 'archive'): void {
    const client = this.activeClient;
    const conversation = this.#conversation.value;
    if (!client || !conversation) return;
    const action = toggles(conversation)[which];
    this.notice = '';
    void runAction(client, conversation.id, action).catch((error: unknown) => (this.notice = failureMessage(this.localize, actionLabel(this.localize, action), error)));
  }

  #reload = () => {
    if (this.conversationId) void this.activeClient?.threads.reload(this.conversationId);
  };

  #renderBody(thread: ThreadState | undefined, name: string) {
    if (!thread || thread.status === 'idle' || (thread.status === 'loading' && thread.messages.length === 0)) {
      return html`
        <div class="scroller" part="state" role="status" aria-busy="true">
          <span class="visually-hidden">${this.localize.t('threadLoading')}</span>
          ${['inbound', 'outbound', 'inbound'].map(
            (side, i) =>
              html`<div class=${`message ${side}`} aria-hidden="true"><span class="skeleton skeleton-bubble" style=${`width:${12 + i * 4}rem`}></span></div>`,
          )}
        </div>
      `;
    }
    if (thread.status === 'error' && thread.messages.length === 0) {
      return html`
        <div class="state state--error" part="state" role="alert">
          <span>${this.localize.t('threadError', thread.error?.message ?? '')}</span>
          <button class="button" part="retry-button" type="button" @click=${this.#reload}>${this.localize.t('retry')}</button>
        </div>
      `;
    }
    return html`
      <div class="scroller" part="messages" role="region" aria-label=${this.localize.t('threadRegion', name)} tabindex="0" @scroll=${this.#onScroll}>
        ${thread.hasMoreBefore
          ? html`<button class="button older" part="load-older" type="button" ?disabled=${thread.loadingOlder} @click=${this.#loadOlder}>
              ${this.localize.t(thread.loadingOlder ? 'threadLoadingOlder' : 'threadLoadOlder')}
            </button>`
          : nothing}
        ${thread.messages.length === 0 ? html`<div class="state" part="state">${this.localize.t('threadEmpty')}</div>` : this.#renderRows()}
      </div>
      ${this.awayFromBottom ? this.#jumpButton(thread.messages) : nothing}
    `;
  }

  /** "Jump to latest", saying how many messages came since the reader scrolled up. */
  #jumpButton(messages: MessageView[]) {
    let unseen = 0;
    for (let i = messages.length - 1; i >= 0 && (messages[i]!.pending || messages[i]!.seq > this.#newestWhenLeft); i--) if (!messages[i]!.pending) unseen++;
    return html`<button class="button jump" part="jump-latest" type="button" @click=${this.#jumpToLatest}>
      ${unseen > 0 ? this.localize.t('threadNewBelow', unseen) : this.localize.t('threadJumpLatest')}
    </button>`;
  }

  #onScroll = (): void => {
    this.#scroll.onScroll();
    this.#loadOlderNearTop();
    const away = !this.#scroll.atBottom;
    if (away === this.awayFromBottom) return;
    if (away) this.#newestWhenLeft = newestSeq(this.#thread.value?.messages ?? []);
    this.awayFromBottom = away;
  };

  #jumpToLatest = (): void => {
    this.#scroll.scrollToBottom();
    this.awayFromBottom = false;
    // The button goes: the keyboard's place is the feed it jumped in.
    this.renderRoot.querySelector<HTMLElement>('.scroller')?.focus();
  };

  /** Messages with a separator before each day's first, built again only when the messages change. */
  #feedItems(): { items: FeedItem[]; keys: string[] } {
    const messages = this.#thread.value?.messages ?? [];
    const unread = this.#readOnOpen.unread;
    if (this.#feed?.messages === messages && this.#feed.unread === unread) return this.#feed;
    const items: FeedItem[] = [];
    let day: number | undefined;
    let unreadMarked = unread === null;
    for (const message of messages) {
      const key = dayKey(message.createdAt);
      if (key !== day) {
        day = key;
        items.push({ key: `day:${key}`, message, separator: 'day' });
      }
      if (!unreadMarked && !message.pending && message.seq > unread!.after && message.seq <= unread!.upTo) {
        unreadMarked = true;
        items.push({ key: 'unread', message, separator: 'unread' });
      }
      items.push({ key: message.clientId ?? message.id, message, separator: null });
    }
    this.#feed = { messages, unread, items, keys: items.map((item) => item.key) };
    return this.#feed;
  }

  /** The items in and near the view (all of a short thread), the others' room kept as padding. */
  #renderRows() {
    const { items, keys } = this.#feedItems();
    const range = this.#scroll.range(keys);
    // Keyed: older messages loaded above, or a pending one confirmed, keep every row's own DOM
    // (a playing recording stays with its call).
    return html`<div class="rows">
      ${repeat(
        items.slice(range.start, range.end),
        (item) => item.key,
        (item) =>
          item.separator === 'day'
            ? html`<div class="day" part="day-separator" data-separator><span>${dayLabel(this.localize, item.message.createdAt)}</span></div>`
            : item.separator === 'unread'
              ? html`<div class="day unread" part="unread-divider" data-separator role="separator"><span>${this.localize.t('threadUnreadDivider')}</span></div>`
              : renderMessage(this.localize, item.message, this.#actions),
      )}
    </div>`;
  }

  /** Scrolling to within a screen of the oldest loaded message fetches the page before it. */
  #loadOlderNearTop(): void {
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
    const thread = this.#thread.value;
    if (scroller && scroller.scrollTop < scroller.clientHeight && thread?.hasMoreBefore && !thread.loadingOlder) this.#loadOlder();
  }

  #loadOlder = (): void => {
    void this.activeClient?.threads.loadOlder(this.conversationId).catch(() => {});
  };

  /** Scrolls to the newest message. */
  scrollToBottom(): void {
    this.#scroll.scrollToBottom();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'conv-thread': ConvThread;
  }
}
