// One row of <conv-list>: contact, labels, time, channel and preview (or the search match with
// its hits marked), assignee, star, unread dot. Mouse affordances (checkbox, star, ⋯) are
// aria-hidden: the same actions have keys (x, s, m) and the option's state says the rest.
import { html, nothing } from 'lit';
import type { ConversationView, Label, SearchMatch, User } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';
import { channelIcon, channelLabel, glyphFor } from '../../internal/channels.js';
import { longDateTime, relativeTime } from '../../internal/format.js';
import { highlighter } from '../../internal/load-highlight.js';

type Ranges = readonly (readonly [number, number])[];

/** The text with its hits marked, once the highlighter is here (the list asks for it); plain until then. */
function marked(text: string, ranges: Ranges): unknown {
  return highlighter.value?.highlight(text, ranges) ?? text;
}

/** The snippet from a little before its first hit, so the hit shows in a one-line row. */
function focusedHighlight(snippet: string, ranges: Ranges): unknown {
  const marks = highlighter.value;
  if (!marks) return snippet;
  const { text, ranges: shifted } = marks.leadToFirstHit(snippet, ranges);
  return marks.highlight(text, shifted);
}
import { initials } from '../../internal/listbox-keys.js';
import { assigneeBadge, icon, labelChips } from '../../internal/triage.js';

export interface RowContext {
  openedId: string;
  activeId: string;
  /** Selection mode: aria-selected tells the checked rows, not the opened one. */
  selecting: boolean;
  isChecked: (id: string) => boolean;
  matches: Record<string, SearchMatch> | undefined;
  labels: Map<string, Label>;
  users: readonly User[] | undefined;
  meId: string | null | undefined;
  count: number;
}

/** The names whose flag is set, as a class attribute: rows re-render whole, so a plain string is enough. */
function classes(flags: Record<string, boolean>): string {
  return Object.keys(flags)
    .filter((name) => flags[name])
    .join(' ');
}

export function renderRow(l: Localize, conversation: ConversationView | undefined, index: number, ctx: RowContext) {
  if (!conversation) return html`<div role="option" aria-selected="false"></div>`;
  const { id, contact, lastMessage, unread, readState } = conversation;
  const opened = id === ctx.openedId;
  const checked = ctx.isChecked(id);
  const glyph = glyphFor(lastMessage?.kind, lastMessage?.channel);
  const at = lastMessage?.at ?? conversation.lastActivityAt;
  const match = ctx.matches?.[id];
  const nameMatch = match?.field === 'name' && match.snippet === contact.name;
  const parts = ['row', opened && 'row-selected', unread && 'row-unread', checked && 'row-checked'].filter(Boolean).join(' ');
  return html`
    <div
      role="option"
      id=${`row-${id}`}
      data-id=${id}
      class=${classes({ row: true, unread, active: id === ctx.activeId, opened, checked })}
      part=${parts}
      aria-selected=${(ctx.selecting ? checked : opened) ? 'true' : 'false'}
      aria-current=${ctx.selecting && opened ? 'true' : nothing}
      aria-setsize=${ctx.count}
      aria-posinset=${index + 1}
    >
      <span class="check" part="checkbox" data-role="check" aria-hidden="true">${checked ? icon('check') : nothing}</span>
      <span class="avatar" aria-hidden="true">${initials(contact.name)}</span>
      <span class="main">
        <span class="line">
          <span class="name" part="name">${nameMatch ? marked(contact.name, match.highlights) : contact.name}</span>
          <time part="time" datetime=${at} title=${longDateTime(l, at)}>${relativeTime(l, at)}</time>
        </span>
        <span class="line">
          <span class="channel">${channelIcon(glyph, channelLabel(l, glyph))}</span>
          ${match && !nameMatch
            ? html`<span class="snippet match" part="snippet match">${focusedHighlight(match.snippet, match.highlights)}</span>`
            : html`<span class="snippet" part="snippet">${lastMessage?.preview ?? ''}</span>`}
          ${unread ? html`<span class="unread-dot" part="unread" aria-hidden="true"></span><span class="visually-hidden">${l.t('rowUnread')}</span>` : nothing}
          ${conversation.status === 'archived' ? html`<span class="badge" part="archived-badge">${l.t('archivedBadge')}</span>` : nothing}
          ${readState.mentioned ? html`<span class="badge" part="mention" title=${l.t('rowMentionTitle')}><span aria-hidden="true">@</span><span class="visually-hidden">${l.t('rowMentioned')}</span></span>` : nothing}
          ${assigneeBadge(l, ctx.users, conversation.assigneeId, ctx.meId)}
          <span class=${readState.starred ? 'star starred' : 'star'} part="star" data-role="star" aria-hidden="true" title=${l.t(readState.starred ? 'rowUnstar' : 'rowStar')}
            >${icon('star', readState.starred)}</span
          >${readState.starred ? html`<span class="visually-hidden">${l.t('rowStarred')}</span>` : nothing}
          <span class="more" part="more" data-role="more" aria-hidden="true" title=${l.t('rowMore')}>${icon('more')}</span>
        </span>
        ${labelChips(conversation.labelIds, ctx.labels)}
      </span>
    </div>
  `;
}
