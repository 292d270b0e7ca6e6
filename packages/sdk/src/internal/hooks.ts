// What the client calls on its managers and nobody else should: keyed by symbols this module
// alone exports (and the package does not), so they are no part of the public API.

/** Applies one server event, in event-seq order (the client's event sync calls it). */
export const applyEvent = Symbol('convkit.applyEvent');

/** Reloads everything the manager holds: events were missed (a resync). */
export const reloadAll = Symbol('convkit.reloadAll');

/** A session began: loads that failed for a reason that passes are tried again. */
export const resumeLoads = Symbol('convkit.resumeLoads');

/** A change happened somewhere (an event was applied): what depends on it catches up. */
export const afterEvent = Symbol('convkit.afterEvent');

/** Puts messages in a thread as the client's own sends change them (optimistic, then sent or failed). */
export const upsertMessages = Symbol('convkit.upsertMessages');
