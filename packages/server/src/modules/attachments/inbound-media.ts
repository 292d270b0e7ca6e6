// A provider's media arrives as URLs in the webhook: each becomes a pending attachment, written
// in the inbound transaction with its message (a crash cannot lose it), and fetched after the
// answer by the media fetcher (media-fetcher.ts). The message says so at once ("pending").
import type { Attachment as WireAttachment } from '@convkit/sdk/protocol';
import { newId } from '../../db/columns.js';
import type { Write } from '../../db/sql.js';
import { baseType, providerMediaName } from './media-types.js';

export interface InboundMedia {
  url: string;
  contentType: string;
}

export interface PendingAttachmentRow {
  id: string;
  messageId: string;
  position: number;
  name: string;
  contentType: string;
  sourceUrl: string;
}

/** The attachment rows of one inbound message, and their summaries for its meta. */
export function pendingAttachments(messageId: string, media: InboundMedia[]): { rows: PendingAttachmentRow[]; summaries: WireAttachment[] } {
  const rows = media.map((m, position) => {
    const contentType = baseType(m.contentType);
    return { id: newId(), messageId, position, name: providerMediaName(contentType, position), contentType, sourceUrl: m.url };
  });
  return { rows, summaries: rows.map((r) => ({ id: r.id, name: r.name, contentType: r.contentType, size: null, state: 'pending', error: null })) };
}

export function pendingAttachmentsInsert(workspaceId: string, rows: PendingAttachmentRow[], now: number): Write | null {
  if (rows.length === 0) return null;
  const values = rows.map((r) => [r.id, workspaceId, r.messageId, r.position, r.name, r.contentType, 'pending', r.sourceUrl, 0, now, now]);
  return {
    text: `insert into attachments (id, workspace_id, message_id, position, name, content_type, status, source_url, attempts, lease_until, created_at) values ${values.map((v) => `(${v.map(() => '?').join(', ')})`).join(', ')}`,
    params: values.flat(),
  };
}
