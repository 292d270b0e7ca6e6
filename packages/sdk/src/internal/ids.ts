// Client-chosen keys (a message's clientId, a bulk action's operationId): unique without asking
// the server, so that a retry can name the same attempt.
/** A random id; crypto.randomUUID is missing on plain-http pages other than localhost. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
