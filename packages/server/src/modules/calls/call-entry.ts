// A call's entry in its thread follows the call as the provider reports it: ringing, in progress,
// then one ending (answered with its talk time, missed, voicemail, failed with why), and its
// recording once there is one. Reports come late, twice and out of order: an outcome only moves
// forward (a late "ringing" never undoes "answered"; a call that ended is taken as missed until
// the report that it was answered arrives), and a voicemail, known last, says more than the
// "missed" it follows. A report naming another call, or a message of another
// workspace, changes nothing.
import type { Attachment, CallOutcome, ServerEvent } from '@convkit/sdk/protocol';
import type { EntityManager } from '@mikro-orm/sql';
import { createHash } from 'node:crypto';
import type { Orm } from '../../db/orm.js';
import { newId } from '../../db/columns.js';
import { sqlAll } from '../../db/sql.js';
import { cutText, storableLine } from '../../text/storable.js';
import { changeMessage } from '../messages/message-change.js';
import type { Message } from '../messages/message.entity.js';
import { pendingAttachmentsInsert } from '../attachments/inbound-media.js';
import { insertStoredFile } from '../attachments/stored-file.js';
import { ConversationSchema, type Conversation } from '../conversations/conversation.entity.js';
import { callPreview } from './call-preview.js';
import type { ReportOutcome } from '../messages/delivery-report.js';

/**
 * How far a call got. Missed and failed are often inferred (a call that ended with no answer
 * heard of yet), and the report that it was answered can come after: it outranks them. A voicemail
 * follows a missed call's ring, and says more.
 */
const RANK: Record<CallOutcome, number> = { ringing: 0, 'in-progress': 1, missed: 2, failed: 2, answered: 3, voicemail: 4 };

/** A recording: at the provider (fetched later, as MMS media is), or its bytes (the sandbox's). */
export type CallRecording = { url: string; contentType: string; voicemail: boolean } | { bytes: Buffer; contentType: string; voicemail: boolean };

export interface CallProgress {
  /** The provider's id for the call; the first report names an entry that has none yet. */
  callSid: string | null;
  outcome?: CallOutcome;
  /** Talk time (the voicemail's length for a voicemail), with the outcome it comes with. */
  durationSeconds?: number;
  /** Why a call was missed or failed: the provider's code (or its status) and words an agent can act on. */
  reason?: { code: string; message: string };
  recording?: CallRecording;
}

export interface CallProgressResult {
  outcome: ReportOutcome;
  /** A recording to fetch from the provider was added. */
  fetchRecording: boolean;
}

export async function applyCallProgress(orm: Orm, publish: (workspaceId: string, events: ServerEvent[]) => void, workspaceId: string, messageId: string, progress: CallProgress): Promise<CallProgressResult> {
  let fetchRecording = false;
  const outcome = await changeMessage<ReportOutcome>(orm, workspaceId, messageId, publish, async (message, em) => {
    if (message.kind !== 'call') return { announce: false, result: 'unknown' };
    if (progress.callSid && message.providerId && message.providerId !== progress.callSid) return { announce: false, result: 'unknown' };
    let changed = false;
    if (progress.callSid && !message.providerId) {
      message.providerId = progress.callSid;
      // The provider has the call: it is on its way.
      if (message.status === 'queued') message.status = 'sent';
      changed = true;
    }
    const meta = { ...message.meta };
    const current = meta.outcome as CallOutcome | undefined;
    if (progress.outcome && (current === undefined || RANK[progress.outcome] > RANK[current])) {
      meta.outcome = progress.outcome;
      meta.missed = progress.outcome === 'missed';
      if (progress.durationSeconds !== undefined) meta.durationSeconds = Math.max(0, Math.round(progress.durationSeconds));
      if (progress.reason) {
        message.errorCode = cutText(storableLine(progress.reason.code), 64);
        message.errorMessage = cutText(storableLine(progress.reason.message), 500);
      } else if (progress.outcome === 'answered' || progress.outcome === 'voicemail') {
        // What was inferred before (missed, or failed for want of an answer) is not so.
        message.errorCode = null;
        message.errorMessage = null;
      }
      if (message.direction === 'outbound') {
        if (progress.outcome === 'failed') message.status = 'failed';
        else if (message.status === 'failed' && progress.outcome === 'answered') message.status = 'sent';
      }
      changed = true;
    }
    if (progress.recording) {
      const added = await addRecording(em, workspaceId, message, meta, progress.recording);
      if (added) {
        changed = true;
        fetchRecording = 'url' in progress.recording;
      }
    }
    message.meta = meta;
    if (changed) await refreshPreview(em, message);
    return { announce: changed, result: changed ? 'applied' : 'unchanged' };
  });
  return { outcome: outcome ?? 'unknown', fetchRecording };
}

/** The list row says what became of the call while it is the thread's newest item. */
async function refreshPreview(em: EntityManager, message: Message): Promise<void> {
  const conversation = (await em.findOne(ConversationSchema, { id: (message.conversation as unknown as { id: string }).id })) as Conversation | null;
  if (conversation && conversation.lastSeq === message.seq) conversation.lastMessagePreview = callPreview(message.direction, message.meta);
}

/** Adds the recording to the entry's files, once: a repeated report (same URL or bytes) adds nothing. */
async function addRecording(em: EntityManager, workspaceId: string, message: Message, meta: Record<string, unknown>, recording: CallRecording): Promise<boolean> {
  const source = 'url' in recording ? recording.url : `sandbox:${createHash('sha256').update(recording.bytes).digest('hex')}`;
  const known = await sqlAll<{ id: string }>(em, 'select id from attachments where message_id = ? and source_url = ?', [message.id, source]);
  if (known.length > 0) return false;
  const files = (meta.attachments as Attachment[] | undefined) ?? [];
  const extension = recording.contentType === 'audio/wav' ? 'wav' : 'mp3';
  const name = `${recording.voicemail ? 'voicemail' : 'call-recording'}${files.length ? `-${files.length + 1}` : ''}.${extension}`;
  if ('url' in recording) {
    const id = newId();
    const insert = pendingAttachmentsInsert(workspaceId, [{ id, messageId: message.id, position: files.length, name, contentType: recording.contentType, sourceUrl: source }], Date.now())!;
    await sqlAll(em, insert.text, insert.params);
    meta.attachments = [...files, { id, name, contentType: recording.contentType, size: null, state: 'pending', error: null }];
  } else {
    const stored = await insertStoredFile(em, { workspaceId, messageId: message.id, position: files.length, name, contentType: recording.contentType, bytes: recording.bytes, sourceUrl: source });
    meta.attachments = [...files, stored];
  }
  return true;
}

/**
 * The call entry a callback is about: the one its URL names (`?message=`), else the one holding
 * the provider's call sid. Only within `workspaceId`.
 */
export async function findCallEntry(orm: Orm, workspaceId: string, named: string | null, callSid: string | null): Promise<string | null> {
  if (named) return named;
  if (!callSid) return null;
  const em = orm.em.fork() as unknown as EntityManager;
  const rows = await sqlAll<{ id: string }>(em, "select id from messages where workspace_id = ? and kind = 'call' and provider in ('twilio', 'sandbox') and provider_id = ?", [workspaceId, callSid.slice(0, 128)]);
  return rows[0]?.id ?? null;
}
