// The thread's header: the contact, and the conversation's triage state, live: archived,
// labels, assignee, star, with Star, Archive/Unarchive and the row menu's other actions.
import { html, nothing } from 'lit';
import type { ConversationView, Label, User } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';
import { icon, labelChips, userName } from '../../internal/triage.js';

export interface HeaderContext {
  labels: Map<string, Label>;
  users: readonly User[] | undefined;
  meId: string | null | undefined;
  onStar: () => void;
  onArchive: () => void;
  onMore: (anchor: Element) => void;
}

export function renderThreadHeader(l: Localize, conversation: ConversationView | undefined, ctx: HeaderContext) {
  if (!conversation) {
    return html`<header part="header">
      <h2><span class="skeleton" style="width:10rem;height:1.1rem"></span><span class="visually-hidden">${l.t('conversation')}</span></h2>
    </header>`;
  }
  const starred = conversation.readState.starred;
  const archived = conversation.status === 'archived';
  const assignee = userName(l, ctx.users, conversation.assigneeId, ctx.meId);
  return html`
    <header part="header">
      <div class="title">
        <h2>${conversation.contact.name}</h2>
        ${archived ? html`<span class="badge" part="archived-badge">${l.t('archivedBadge')}</span>` : nothing}
      </div>
      <div class="triage">
        ${labelChips(conversation.labelIds, ctx.labels)}
        <span class="assignee-name" part="assignee-name">${assignee ? l.t('assignedTo', assignee) : l.t('unassigned')}</span>
      </div>
      <div class="header-actions">
        <button type="button" class=${`icon-button${starred ? ' starred' : ''}`} part="star-button" aria-label=${l.t('actionStar')} aria-pressed=${starred ? 'true' : 'false'} @click=${ctx.onStar}>
          ${icon('star', starred)}
        </button>
        <button type="button" class="button" part="archive-button" @click=${ctx.onArchive}>${l.t(archived ? 'actionUnarchive' : 'actionArchive')}</button>
        <button type="button" class="icon-button" part="more-button" aria-label=${l.t('threadMore')} aria-haspopup="dialog" @click=${(e: Event) => ctx.onMore(e.currentTarget as Element)}>
          ${icon('more')}
        </button>
      </div>
    </header>
  `;
}
