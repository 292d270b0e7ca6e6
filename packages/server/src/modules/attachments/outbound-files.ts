// The files an agent sends with a message: uploads of the workspace not sent yet, checked against
// what the channel carries (channel-files.ts) before anything is written, then bound to the
// message in its transaction. An SMS with files goes as MMS, as Twilio sends it.
import type { EntityManager } from '@mikro-orm/sql';
import type { Attachment as WireAttachment, Channel } from '@convkit/sdk/protocol';
import { AppError } from '../../errors.js';
import { sqlAll } from '../../db/sql.js';
import { megabytes, refuseFiles, type FileRefusal } from './channel-files.js';

interface UploadRow {
  id: string;
  name: string;
  content_type: string;
  size: number | string;
  status: string;
  message_id: string | null;
}

export interface FilesForSend {
  channel: Channel | null;
  summaries: WireAttachment[];
}

export async function filesForSend(em: EntityManager, workspaceId: string, ids: string[], channel: Channel | null, kind: string): Promise<FilesForSend> {
  if (ids.length === 0) return { channel, summaries: [] };
  const rows = await sqlAll<UploadRow>(em, `select id, name, content_type, size, status, message_id from attachments where workspace_id = ? and id in (${ids.map(() => '?').join(', ')})`, [workspaceId, ...ids]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const files = ids.map((id) => {
    const row = byId.get(id);
    if (!row || row.status !== 'uploaded') throw new AppError('not_found', `attachmentIds: no uploaded file ${id} in this workspace; upload it first (POST /v1/attachments).`, { path: 'attachmentIds' });
    if (row.message_id) throw new AppError('conflict', `attachmentIds: ${row.name || id} was already sent with another message; upload it again to send it again.`, { path: 'attachmentIds' });
    return row;
  });
  const sending = channel === 'sms' ? 'mms' : channel;
  const refusal = refuseFiles(channel, kind === 'note' ? 'note' : 'message', files.map((f) => ({ name: f.name, type: f.content_type, size: Number(f.size) })));
  if (refusal) throw refusalError(refusal);
  return {
    channel: sending,
    summaries: files.map((f) => ({ id: f.id, name: f.name, contentType: f.content_type, size: Number(f.size), state: 'ready', error: null })),
  };
}

/** The refusal as the error the send answers with, in the agent's words. */
function refusalError(refusal: FileRefusal): AppError {
  switch (refusal.code) {
    case 'too_long':
      return new AppError('too_long', `attachmentIds: ${refusal.channel} carries at most ${refusal.limit} file${refusal.limit === 1 ? '' : 's'} per message.`, { path: 'attachmentIds', limit: refusal.limit });
    case 'too_large':
      return new AppError('too_large', `attachmentIds: ${refusal.channel} takes at most ${megabytes(refusal.limit)} of files per message; these are ${megabytes(refusal.total)}.`, { path: 'attachmentIds', limit: refusal.limit });
    default:
      return new AppError(
        'unsupported_media_type',
        refusal.file ? `attachmentIds: ${refusal.channel} does not carry ${refusal.type} files (${refusal.file}).` : `attachmentIds: ${refusal.channel} carries no files.`,
        { path: 'attachmentIds' },
      );
  }
}

/** Binds the files to their message, in its transaction; one taken meanwhile by another send is a conflict. */
export async function bindFiles(em: EntityManager, messageId: string, files: WireAttachment[]): Promise<void> {
  for (const [position, file] of files.entries()) {
    const [bound] = await sqlAll<{ id: string }>(em, 'update attachments set message_id = ?, position = ? where id = ? and message_id is null returning id', [messageId, position, file.id]);
    if (!bound) throw new AppError('conflict', `attachmentIds: ${file.name} was sent with another message meanwhile; upload it again to send it again.`, { path: 'attachmentIds' });
  }
}
