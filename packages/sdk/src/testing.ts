// Test seams for hosts' and our own tests: `@convkit/sdk/testing`. Not for production code.
import type { ConvClient } from './client.js';
import { transportOf } from './internal/transport-of.js';

/**
 * Cuts the client's connection as a network failure would, and keeps it down for `ms`
 * (default: only until the first reconnect attempt). The client then reconnects and catches up
 * on what it missed, as after any drop.
 */
export function dropConnection(client: ConvClient, ms = 0): void {
  transportOf(client).dropFor(ms);
}
