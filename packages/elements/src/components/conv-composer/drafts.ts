// Each conversation's unsent reply, kept in the browser, so that a reload, or a look at another
// conversation, loses nothing typed. Drafts are kept per workspace and agent (another agent on
// the same browser sees none of them), at most DRAFTS_KEPT of them (the oldest go first) and
// DRAFT_MAX characters each. A browser that refuses storage (a private window, a full quota)
// keeps them for the page's life only.

export interface Draft {
  text: string;
  /** Written as an internal note. */
  note: boolean;
}

interface Stored extends Draft {
  /** When it was last changed (ms): the oldest drafts are dropped first. */
  at: number;
}

const DRAFTS_KEPT = 50;
const DRAFT_MAX = 20_000;
const KEY_PREFIX = 'convkit:drafts:';

/** Drafts of this page whose storage failed, by scope. */
const inMemory = new Map<string, Record<string, Stored>>();

export class Drafts {
  readonly #key: string;

  /** `scope`: the workspace and the agent (their ids). */
  constructor(scope: string) {
    this.#key = KEY_PREFIX + scope;
  }

  get(conversationId: string): Draft | null {
    const found = this.#read()[conversationId];
    return found ? { text: found.text, note: found.note } : null;
  }

  /** Keeps the conversation's draft; an empty one is removed. */
  set(conversationId: string, draft: Draft): void {
    const all = this.#read();
    if (draft.text.trim() === '') delete all[conversationId];
    else all[conversationId] = { text: draft.text.slice(0, DRAFT_MAX), note: draft.note, at: Date.now() };
    const kept = Object.entries(all)
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(0, DRAFTS_KEPT);
    this.#write(Object.fromEntries(kept));
  }

  #read(): Record<string, Stored> {
    const held = inMemory.get(this.#key);
    if (held) return { ...held };
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(this.#key) ?? '{}');
      return parsed && typeof parsed === 'object' ? sanitize(parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }

  #write(all: Record<string, Stored>): void {
    try {
      localStorage.setItem(this.#key, JSON.stringify(all));
      inMemory.delete(this.#key);
    } catch {
      inMemory.set(this.#key, all);
    }
  }
}

/** Only well-formed drafts: storage is the page's, and anything may have written there. */
function sanitize(raw: Record<string, unknown>): Record<string, Stored> {
  const drafts: Record<string, Stored> = {};
  for (const [id, value] of Object.entries(raw)) {
    const draft = value as Partial<Stored> | null;
    if (draft && typeof draft.text === 'string' && typeof draft.at === 'number') drafts[id] = { text: draft.text.slice(0, DRAFT_MAX), note: draft.note === true, at: draft.at };
  }
  return drafts;
}

/** What a composer's drafts follow: its text, whether it is a note, and its conversation. */
export interface DraftHolder {
  value: string;
  note: boolean;
  conversationId: string;
}

/**
 * A composer's drafts. They are the signed-in agent's in this workspace, known once the session
 * is. Opening another conversation keeps what was typed in the one left and brings back the new
 * one's draft; the first draft brought back never replaces text typed before the session arrived.
 */
export class DraftFollower {
  #drafts: Drafts | null = null;
  #scope = '';
  /** The conversation whose draft the textarea holds. */
  #holding = '';

  /** Before each render: the session's scope, and the conversation shown. */
  follow(holder: DraftHolder, session: { workspace: { id: string }; user: { id: string } } | null): void {
    const scope = session ? `${session.workspace.id}:${session.user.id}` : '';
    if (scope !== this.#scope) {
      this.#scope = scope;
      this.#drafts = scope ? new Drafts(scope) : null;
      this.#holding = '';
    }
    if (!this.#drafts || this.#holding === holder.conversationId) return;
    if (this.#holding) this.#drafts.set(this.#holding, { text: holder.value, note: holder.note });
    if (this.#holding || holder.value === '') {
      const draft = holder.conversationId ? this.#drafts.get(holder.conversationId) : null;
      holder.value = draft?.text ?? '';
      // The first conversation keeps the host's `note` unless its draft says otherwise.
      if (draft || this.#holding) holder.note = draft?.note ?? false;
    }
    this.#holding = holder.conversationId;
  }

  /** What is typed (or its clearing, once sent) is kept as the conversation's draft. */
  keep(holder: DraftHolder): void {
    if (this.#drafts && holder.conversationId && this.#holding === holder.conversationId) this.#drafts.set(holder.conversationId, { text: holder.value, note: holder.note });
  }
}
