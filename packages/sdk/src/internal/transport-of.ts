// The client's transport, for the testing entry point only (testing.ts): the client keeps it
// private, so test seams stay out of the public API.
import type { SocketTransport } from '../transport/socket-transport.js';

const transports = new WeakMap<object, SocketTransport>();

export function registerTransport(client: object, transport: SocketTransport): void {
  transports.set(client, transport);
}

export function transportOf(client: object): SocketTransport {
  const transport = transports.get(client);
  if (!transport) throw new Error('not a ConvClient of this copy of the SDK');
  return transport;
}
