// How a conversation's triage state shows wherever it appears (list rows, the thread header,
// the row menu): label chips in their colours, the assignee, the star. Labels and agents come
// from the SDK's stores; these helpers only draw them.
import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { ConvClient, Label, User } from '@convkit/sdk';
import type { Localize } from '../i18n/localize.js';
import { initials } from './listbox-keys.js';

export type Icon = 'star' | 'archive' | 'more' | 'close' | 'search' | 'check' | 'back';

const ICONS: Record<Icon, SVGTemplateResult> = {
  star: svg`<path d="M8 2.2l1.8 3.7 4 .6-2.9 2.8.7 4L8 11.4l-3.6 1.9.7-4L2.2 6.5l4-.6z"/>`,
  archive: svg`<rect x="2" y="3" width="12" height="3" rx="0.5"/><path d="M3 6v6.5h10V6M6.5 8.5h3"/>`,
  more: svg`<circle cx="3.5" cy="8" r="0.9" fill="currentColor"/><circle cx="8" cy="8" r="0.9" fill="currentColor"/><circle cx="12.5" cy="8" r="0.9" fill="currentColor"/>`,
  close: svg`<path d="M4 4l8 8M12 4l-8 8"/>`,
  search: svg`<circle cx="7" cy="7" r="4.2"/><path d="M10.2 10.2l3.3 3.3"/>`,
  check: svg`<path d="M3.5 8.5l3 3 6-7"/>`,
  back: svg`<path d="M9.5 3.5L5 8l4.5 4.5"/>`,
};

/** A 16px stroke icon (`filled`: a solid one), hidden from assistive tech: the control around it carries the name. */
export function icon(name: Icon, filled = false): TemplateResult {
  return html`<svg class="icon" viewBox="0 0 16 16" width="16" height="16" fill=${filled ? 'currentColor' : 'none'} stroke="currentColor" stroke-width="1.3" stroke-linejoin="round" stroke-linecap="round" aria-hidden="true">${ICONS[name]}</svg>`;
}

export function labelsById(labels: readonly Label[] | undefined): Map<string, Label> {
  return new Map((labels ?? []).map((label) => [label.id, label]));
}

/** One chip per label, in the label's colour (a dot and a tint: the text keeps its contrast). */
export function labelChips(ids: readonly string[], byId: Map<string, Label>): TemplateResult | typeof nothing {
  const labels = ids.map((id) => byId.get(id)).filter((label): label is Label => !!label);
  if (labels.length === 0) return nothing;
  return html`<span class="labels">${labels.map((label) => labelChip(label))}</span>`;
}

/**
 * The `style` that gives a chip or swatch its label's colour. The colour is data from the
 * server: only colour syntax passes (hex, a name, rgb()/hsl()), never a `;` that would add
 * declarations of its own.
 */
export function labelColor(color: string): string {
  return /^(#[\da-f]{3,8}|[a-z]+|(rgb|hsl)a?\([\d\s.,%/]+\))$/i.test(color) ? `--conv-label-color:${color}` : '';
}

export function labelChip(label: Label): TemplateResult {
  return html`<span class="label-chip" part="label" data-label-id=${label.id} style=${labelColor(label.color)}>${label.name}</span>`;
}

/** A label's colour dot, for pickers. */
export function labelSwatch(color: string): TemplateResult {
  return html`<span class="swatch" aria-hidden="true" style=${labelColor(color)}></span>`;
}

/** "Alex Rivera", or "you" for the signed-in agent; empty when unknown. */
export function userName(l: Localize, users: readonly User[] | undefined, id: string | null, meId?: string | null): string {
  if (!id) return '';
  const user = users?.find((u) => u.id === id);
  if (id === meId) return user ? l.t('nameAndYou', user.name) : l.t('you');
  return user?.name ?? l.t('anotherAgent');
}

/** The assignee's initials, with "Assigned to …" for assistive tech and a tooltip. */
export function assigneeBadge(l: Localize, users: readonly User[] | undefined, id: string | null, meId?: string | null): TemplateResult | typeof nothing {
  if (!id) return nothing;
  const said = l.t('assignedTo', userName(l, users, id, meId));
  const user = users?.find((u) => u.id === id);
  return html`<span class="assignee" part="assignee" data-assignee-id=${id} title=${said}
    ><span aria-hidden="true">${user ? initials(user.name) : '?'}</span><span class="visually-hidden">${said}</span></span
  >`;
}

/**
 * Who to pick as an assignee: Me, Unassigned (and Anyone, for a filter: value ''), then the
 * other agents. `current` is marked selected: 'me', 'unassigned', '' or an agent's id.
 */
export function assigneeItems(l: Localize, users: readonly User[] | undefined, meId: string | null | undefined, current: string, anyone = false) {
  // A deactivated agent keeps their name where they were assigned, but is no longer offered.
  const others = (users ?? []).filter((u) => u.id !== meId && (u.active || u.id === current)).map((u) => ({ value: u.id, label: u.name }));
  const items = [...(anyone ? [{ value: '', label: l.t('anyone') }] : []), { value: 'me', label: l.t('me') }, { value: 'unassigned', label: l.t('unassigned') }, ...others];
  return items.map((item) => ({ ...item, selected: item.value === current }));
}

/** The user id an assignee pick stands for: 'me' is the signed-in agent, 'unassigned' nobody. */
export function assigneeIdOf(value: string, meId: string | null | undefined): string | null {
  return value === 'me' ? (meId ?? null) : value === 'unassigned' || !value ? null : value;
}

/** Loads the workspace's labels and agents once, for the elements that show or pick them. */
export function ensureTriageData(client: ConvClient | undefined): void {
  if (!client) return;
  if (client.labels.store.get().status === 'idle') void client.labels.load().catch(() => {});
  if (client.users.store.get().status === 'idle') void client.users.load().catch(() => {});
}
