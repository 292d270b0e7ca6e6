// Reads a JWT's expiry without verifying it (the server verifies; the client only needs to
// know when to ask its host for a fresh one).
export function tokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' ? json.exp * 1000 : null;
  } catch {
    return null;
  }
}

/** Ask the host for a new token this long before the current one expires. */
export const REFRESH_MARGIN_MS = 60_000;
