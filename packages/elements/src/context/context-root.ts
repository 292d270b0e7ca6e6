import { ContextRoot } from '@lit/context';

const ATTACHED = Symbol.for('convkit.context-root');

/**
 * Lets an element that connected before its provider was defined still get the client: the
 * root holds unanswered context requests and replays them when a provider appears (the order
 * in which a host page imports the define modules is then free). Idempotent.
 */
export function attachContextRoot(): void {
  const root = document.documentElement as HTMLElement & { [ATTACHED]?: boolean };
  if (root[ATTACHED]) return;
  root[ATTACHED] = true;
  new ContextRoot().attach(root);
}
