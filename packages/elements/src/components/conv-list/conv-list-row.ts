// One row of <conv-list>: contact, labels, time, channel and preview (or the search match with
// its hits marked), assignee, star, unread dot. Mouse affordances (checkbox, star, ⋯) are
// aria-hidden: the same actions have keys (x, s, m) and the option's state says the rest.
import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { ConversationView, Label, SearchMatch, User } from '@convkit/sdk';
import { CHANNEL_LABELS, channelIcon, glyphFor } from '../../internal/channels.js';
import { longDateTime, relativeTime } from '../../internal/format.js';
import { highlight, leadToFirstHit } from '../../internal/highlight.js';

/** The snippet from a little before its first hit, so the hit shows in a one-line row. */
function focusedHighlight(snippet: string, ranges: readonly (readonly [number, number])[]) {
  const { text, ranges: shifted } = leadToFirstHit(snippet, ranges);
  return highlight(text, shifted);
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

export function renderRow(conversation: ConversationView | undefined, index: number, ctx: RowContext) {
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
      class=${classMap({ row: true, unread, active: id === ctx.activeId, opened, checked })}
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
          <span class="name" part="name">${nameMatch ? highlight(contact.name, match.highlights) : contact.name}</span>
          <time part="time" datetime=${at} title=${longDateTime(at)}>${relativeTime(at)}</time>
        </span>
        <span class="line">
          <span class="channel">${channelIcon(glyph, CHANNEL_LABELS[glyph])}</span>
          ${match && !nameMatch
            ? html`<span class="snippet match" part="snippet match">${focusedHighlight(match.snippet, match.highlights)}</span>`
            : html`<span class="snippet" part="snippet">${lastMessage?.preview ?? ''}</span>`}
          ${unread ? html`<span class="unread-dot" part="unread" aria-hidden="true"></span><span class="visually-hidden">unread</span>` : nothing}
          ${conversation.status === 'archived' ? html`<span class="badge" part="archived-badge">Archived</span>` : nothing}
          ${readState.mentioned ? html`<span class="badge" part="mention" title="A note mentions you"><span aria-hidden="true">@</span><span class="visually-hidden">mentions you</span></span>` : nothing}
          ${assigneeBadge(ctx.users, conversation.assigneeId, ctx.meId)}
          <span class=${classMap({ star: true, starred: readState.starred })} part="star" data-role="star" aria-hidden="true" title=${readState.starred ? 'Remove star (S)' : 'Star (S)'}
            >${icon('star', readState.starred)}</span
          >${readState.starred ? html`<span class="visually-hidden">starred</span>` : nothing}
          <span class="more" part="more" data-role="more" aria-hidden="true" title="More actions (M)">${icon('more')}</span>
        </span>
        ${labelChips(conversation.labelIds, ctx.labels)}
      </span>
    </div>
  `;
}
