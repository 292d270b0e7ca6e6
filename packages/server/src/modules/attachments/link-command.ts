// attachments.link: a short-lived link to one of the workspace's files, for what cannot send the
// bearer token (an <audio> element playing a call's recording). It is the signed kind of link a
// provider fetches media by (media-links.ts), handed only to a signed-in user of the file's
// workspace, and it opens that one file for ten minutes.
import type { CommandParams, CommandResult } from '@convkit/sdk/protocol';
import type { CommandContext } from '../../commands/context.js';
import { sqlAll } from '../../db/sql.js';
import { AppError } from '../../errors.js';
import { mediaLink } from './media-links.js';
import { uploadLink } from './upload-links.js';

export const VIEW_LINK_TTL_MS = 10 * 60 * 1000;

export async function attachmentLink(ctx: CommandContext, params: CommandParams<'attachments.link'>): Promise<CommandResult<'attachments.link'>> {
  const [file] = await sqlAll<{ status: string; error: string | null }>(ctx.em, 'select status, error from attachments where id = ? and workspace_id = ?', [params.id, ctx.actor.workspaceId]);
  if (!file) throw new AppError('not_found', 'No such file in this workspace.');
  if (file.status === 'failed') throw new AppError('not_found', file.error ?? 'The file could not be fetched from the provider.');
  if (file.status === 'pending') throw new AppError('not_found', 'The file is still being fetched from the provider: try again in a moment.');
  const now = Date.now();
  const expiresAt = Math.floor((now + VIEW_LINK_TTL_MS) / 1000) * 1000;
  return { url: mediaLink(ctx.providers.keyring, ctx.providers.publicUrl(), params.id, now, VIEW_LINK_TTL_MS), expiresAt: new Date(expiresAt).toISOString() };
}

/** attachments.uploadLink: a link that uploads files as this agent, for ten minutes (upload-links.ts). */
export async function attachmentUploadLink(ctx: CommandContext): Promise<CommandResult<'attachments.uploadLink'>> {
  const now = Date.now();
  const { url, expires } = uploadLink(ctx.providers.keyring, ctx.providers.publicUrl(), ctx.actor.workspaceId, ctx.actor.userId, now, VIEW_LINK_TTL_MS);
  return { url, expiresAt: new Date(expires * 1000).toISOString() };
}
