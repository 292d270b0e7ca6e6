// Under the thread's header: the other agents who have the conversation open, and who of them is
// typing a reply, so two people do not answer the same contact at once.
import { html, nothing } from 'lit';
import type { Viewer } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';

export function renderPresence(l: Localize, others: readonly Viewer[]) {
  if (others.length === 0) return nothing;
  const typing = others.filter((v) => v.typing).map((v) => v.name);
  const viewing = others.filter((v) => !v.typing).map((v) => v.name);
  const names = (list: string[]) => new Intl.ListFormat(l.lang(), { type: 'conjunction' }).format(list);
  return html`<div class="presence" part="presence" role="status">
    ${typing.length ? html`<span class="typing">${l.t('presenceTyping', names(typing), typing.length)}</span>` : nothing}
    ${viewing.length ? html`<span>${l.t('presenceViewing', names(viewing), viewing.length)}</span>` : nothing}
  </div>`;
}
