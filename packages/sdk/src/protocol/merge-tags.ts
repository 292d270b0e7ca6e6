// Merge tags in a message: {{contact.first_name}}, or with a fallback for an empty value,
// {{contact.first_name | "there"}}. One renderer, which the composer's preview and the server's
// send both run, so the contact gets exactly what the agent saw; a tag that names nothing is an
// error before anything is sent, never a silent blank.

/** What a tag can name: the contact's fields, their custom fields, their owner, the workspace's custom values. */
export interface MergeContext {
  contact: {
    firstName: string;
    lastName: string;
    phone: string | null;
    email: string | null;
    custom: Readonly<Record<string, string>>;
    /** The agent the conversation is assigned to. */
    owner: { name: string } | null;
  };
  customValues: Readonly<Record<string, string>>;
}

/** The fixed tags, as the `{ }` picker offers them (custom fields and values are added by key). */
export const MERGE_TAGS = ['contact.first_name', 'contact.last_name', 'contact.phone', 'contact.email', 'contact.owner.name'] as const;

export type MergeTagError =
  /** `{{` with no `}}`, or a tag with no name, or a fallback not in quotes. */
  | { code: 'malformed'; tag: string; index: number }
  /** A name no tag has (`contact.nickname`), or a custom key the contact or workspace lacks. */
  | { code: 'unknown'; tag: string; index: number };

const KEY = /^[A-Za-z0-9_]{1,64}$/;
// The inside of {{ }}: a path, then optionally `| "fallback"` (double or single quotes).
const INSIDE = /^\s*([A-Za-z0-9_.]+)\s*(?:\|\s*(?:"([^"]*)"|'([^']*)')\s*)?$/;

/** The value a path names, or undefined when it names nothing. */
function valueOf(path: string, context: MergeContext): string | undefined {
  const { contact } = context;
  switch (path) {
    case 'contact.first_name':
      return contact.firstName;
    case 'contact.last_name':
      return contact.lastName;
    case 'contact.phone':
      return contact.phone ?? '';
    case 'contact.email':
      return contact.email ?? '';
    case 'contact.owner.name':
      return contact.owner?.name ?? '';
  }
  const custom = /^contact\.custom\.(.+)$/.exec(path)?.[1];
  if (custom !== undefined) return KEY.test(custom) ? (Object.hasOwn(contact.custom, custom) ? contact.custom[custom]! : '') : undefined;
  const value = /^custom_values\.(.+)$/.exec(path)?.[1];
  if (value !== undefined) return KEY.test(value) && Object.hasOwn(context.customValues, value) ? context.customValues[value]! : undefined;
  return undefined;
}

/**
 * `text` with every tag replaced by its value (its fallback when the value is empty). A contact
 * custom field the contact has not set reads as empty (its fallback applies); a workspace custom
 * value that does not exist is unknown.
 */
export function renderMergeTags(text: string, context: MergeContext): { text: string } | { error: MergeTagError } {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open < 0) return { text: out + text.slice(from) };
    const close = text.indexOf('}}', open + 2);
    if (close < 0) return { error: { code: 'malformed', tag: text.slice(open, open + 40), index: open } };
    const tag = text.slice(open, close + 2);
    const match = INSIDE.exec(text.slice(open + 2, close));
    if (!match) return { error: { code: 'malformed', tag, index: open } };
    const value = valueOf(match[1]!, context);
    if (value === undefined) return { error: { code: 'unknown', tag, index: open } };
    out += text.slice(from, open) + (value.trim() === '' ? (match[2] ?? match[3] ?? '') : value);
    from = close + 2;
  }
}

/** Whether `text` has anything that looks like a tag: the composer shows its preview then. */
export function hasMergeTags(text: string): boolean {
  return text.includes('{{');
}

/** How an error reads to an agent. */
export function mergeTagErrorMessage(error: MergeTagError): string {
  return error.code === 'malformed'
    ? `${error.tag} is not a merge tag: write {{contact.first_name}}, or {{contact.first_name | "there"}} with a fallback.`
    : `${error.tag} names nothing: use one of ${MERGE_TAGS.map((t) => `{{${t}}}`).join(', ')}, {{contact.custom.<key>}} or {{custom_values.<key>}}.`;
}
