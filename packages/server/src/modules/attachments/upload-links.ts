// Links an agent's page uploads files by (attachments.uploadLink): what a bearer token does for
// POST /v1/attachments, for ten minutes, for that agent in that workspace only. A link is what an
// upload that reports its progress can carry across origins (an XMLHttpRequest with upload
// listeners, which cannot reach the SDK's token); each names the agent, the workspace and an
// expiry under the server's MAC, so nothing else uploads with it.
import type { Keyring } from '../../secrets/keyring.js';

const PURPOSE = 'upload-link';

export function uploadLink(keyring: Keyring, publicUrl: string, workspaceId: string, userId: string, now: number, ttlMs: number): { url: string; expires: number } {
  const expires = Math.floor((now + ttlMs) / 1000);
  const signature = keyring.sign(PURPOSE, `${workspaceId}.${userId}.${expires}`);
  const query = new URLSearchParams({ workspace: workspaceId, user: userId, expires: String(expires), signature });
  return { url: `${publicUrl.replace(/\/+$/, '')}/v1/attachments/upload?${query}`, expires };
}

/** Who the link uploads as, or null when it is not one of ours or has expired. */
export function uploadLinkActor(keyring: Keyring, query: { workspace?: string; user?: string; expires?: string; signature?: string }, now = Date.now()): { workspaceId: string; userId: string } | null {
  const { workspace = '', user = '', expires = '', signature = '' } = query;
  if (!/^\d{1,12}$/.test(expires) || Number(expires) * 1000 < now || !workspace || !user) return null;
  return keyring.verify(PURPOSE, `${workspace}.${user}.${expires}`, signature) ? { workspaceId: workspace, userId: user } : null;
}
