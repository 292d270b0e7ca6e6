// A file whose bytes are here already (an upload, a sandbox call's recording, a seeded one): its
// row and its contents, written in the caller's transaction, and the summary a message carries.
import type { EntityManager } from '@mikro-orm/sql';
import type { Attachment } from '@convkit/sdk/protocol';
import { createHash } from 'node:crypto';
import { newId } from '../../db/columns.js';
import { sqlAll } from '../../db/sql.js';

export interface StoredFileInput {
  workspaceId: string;
  /** Null: an upload not sent with a message yet. */
  messageId: string | null;
  position: number;
  name: string;
  contentType: string;
  bytes: Buffer;
  /** Where it came from, when that tells a repeat apart (a sandbox recording's digest). */
  sourceUrl?: string | null;
  uploadedBy?: string | null;
}

export async function insertStoredFile(em: EntityManager, file: StoredFileInput): Promise<Attachment> {
  const id = newId();
  const status = file.messageId ? 'stored' : 'uploaded';
  await sqlAll(
    em,
    'insert into attachments (id, workspace_id, message_id, position, name, content_type, size, sha256, status, source_url, attempts, uploaded_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)',
    [id, file.workspaceId, file.messageId, file.position, file.name, file.contentType, file.bytes.length, createHash('sha256').update(file.bytes).digest('hex'), status, file.sourceUrl ?? null, file.uploadedBy ?? null, Date.now()],
  );
  await sqlAll(em, 'insert into attachment_contents (attachment_id, data) values (?, ?)', [id, file.bytes]);
  return { id, name: file.name, contentType: file.contentType, size: file.bytes.length, state: 'ready', error: null };
}
