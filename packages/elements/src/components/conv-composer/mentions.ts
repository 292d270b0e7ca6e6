// @mentions in an internal note: typing "@" and part of a name offers the workspace's agents
// (inline-picker.ts); a pick writes "@Name " and the note, when sent, names that agent, which
// notifies them (their "mentions me" filter).
import type { ReactiveControllerHost } from 'lit';
import type { User } from '@convkit/sdk';
import { InlinePicker } from './inline-picker.js';

export class MentionPicker extends InlinePicker<User> {
  /** The agents picked, by name as written in the note. */
  readonly #picked = new Map<string, string>();

  constructor(host: ReactiveControllerHost) {
    super(host, {
      // "@" at the start or after a space, then up to 30 characters of a name.
      trigger: /(^|\s)@([^\s@][^@\n]{0,29}|)$/u,
      name: 'mention',
      matches: (users, query) => users.filter((u) => u.active).filter((u) => u.name.toLocaleLowerCase().split(/\s+/).some((word) => word.startsWith(query)) || u.name.toLocaleLowerCase().startsWith(query)),
      option: (user) => user.name,
      label: (l) => l.t('mentionList'),
      none: (l) => l.t('mentionNone'),
    });
  }

  /** What a pick writes: "@Name " in place of the "@query" up to the cursor. */
  pick(cursor: number, user: User): { start: number; end: number; text: string } {
    this.#picked.set(user.name, user.id);
    return { ...this.take(cursor), text: `@${user.name} ` };
  }

  /** The agents a note names: those picked whose "@Name" is still in it. */
  mentioned(value: string): string[] {
    return [...this.#picked].filter(([name]) => value.includes(`@${name}`)).map(([, id]) => id);
  }

  forget(): void {
    this.#picked.clear();
    this.close();
  }
}
