// What the client calls on its managers and nobody else should: keyed by symbols this module
// alone exports (and the package does not), so they are no part of the public API.

/** Applies one server event, in event-seq order (the client's event sync calls it). */
export const applyEvent = Symbol('convkit.applyEvent');

/** Puts messages in a thread as the client's own sends change them (optimistic, then sent or failed). */
export const upsertMessages = Symbol('convkit.upsertMessages');
