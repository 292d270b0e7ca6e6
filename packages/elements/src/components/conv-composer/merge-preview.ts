// Merge tags in the composer: a `{ }` picker that inserts one where the cursor is, and a preview
// of the reply as the contact will get it, rendered by the protocol's renderMergeTags, the one
// the server sends with. A tag that names nothing shows why, and holds the reply back.
import { html, nothing } from 'lit';
import { MERGE_TAGS, mergeTagErrorMessage, renderMergeTags, type Contact, type ConversationView, type MergeContext, type User, type Workspace } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';

/** What the tags read, from what the client holds: null until the contact's record is here. */
export function mergeContext(contact: Contact | null | undefined, conversation: ConversationView | undefined, users: readonly User[] | undefined, workspace: Workspace | undefined): MergeContext | null {
  if (!contact) return null;
  const owner = conversation?.assigneeId ? users?.find((u) => u.id === conversation.assigneeId) : undefined;
  return {
    contact: { firstName: contact.firstName, lastName: contact.lastName, phone: contact.phone, email: contact.email, custom: contact.custom, owner: owner ? { name: owner.name } : null },
    customValues: workspace?.customValues ?? {},
  };
}

/** The reply as sent, or why it cannot be: null when it has no tags, or the context is not here yet. */
export function mergeResult(text: string, context: MergeContext | null): { text: string } | { error: string } | null {
  if (!text.includes('{{') || !context) return null;
  const rendered = renderMergeTags(text, context);
  return 'error' in rendered ? { error: mergeTagErrorMessage(rendered.error) } : { text: rendered.text.trim() };
}

export function renderMergePreview(l: Localize, result: { text: string } | { error: string } | null) {
  if (!result) return nothing;
  return 'error' in result
    ? html`<div class="error" part="merge-error" role="alert">${result.error}</div>`
    : html`<div class="hint merge-preview" part="merge-preview"><span class="visually-hidden">${l.t('composerMergePreview')}</span>${result.text}</div>`;
}

/** The `{ }` picker: the fixed tags, then the contact's custom fields and the workspace's custom values. */
export function renderMergePicker(l: Localize, context: MergeContext | null, workspace: Workspace | undefined, insert: (tag: string) => void) {
  const custom = Object.keys(context?.contact.custom ?? {}).map((key) => `contact.custom.${key}`);
  const values = Object.keys(workspace?.customValues ?? {}).map((key) => `custom_values.${key}`);
  return html`<select
    class="merge-picker"
    part="merge-tag-picker"
    aria-label=${l.t('composerMergeTags')}
    title=${l.t('composerMergeTags')}
    @change=${(event: Event) => {
      const select = event.target as HTMLSelectElement;
      if (select.value) insert(`{{${select.value}}}`);
      select.value = '';
    }}
  >
    <option value="">{ }</option>
    ${[...MERGE_TAGS, ...custom, ...values].map((tag) => html`<option value=${tag}>${tag}</option>`)}
  </select>`;
}
