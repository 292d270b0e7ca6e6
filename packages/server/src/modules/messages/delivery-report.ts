// A provider's word on a message it took: sent, delivered, read, or failed with why. Reports come
// late, twice, out of order, and sometimes before the provider's own answer to the send: a
// status only ever moves forward (a late `sent` never undoes `delivered`), a repeat changes
// nothing, and a report that arrives while the send is still in flight is applied then and there
// (the dispatcher, finding the send no longer `sending`, leaves it be).
import type { ServerEvent } from '@convkit/sdk/protocol';
import type { EntityManager } from '@mikro-orm/sql';
import type { Orm } from '../../db/orm.js';
import { sqlAll } from '../../db/sql.js';
import { cutText, storableLine } from '../../text/storable.js';
import { changeMessage } from './message-change.js';
import type { Message } from './message.entity.js';
import { retiredProviderIds } from './retry.js';

export interface DeliveryReport {
  workspaceId: string;
  /** Our message, when the callback URL names it; otherwise found by the provider's id. */
  messageId: string | null;
  provider: string;
  providerId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered' | 'canceled';
  /** For failed and undelivered: the provider's code and a reason an agent can act on. */
  error: { code: string; message: string } | null;
  /** What carried the message, when the provider says: RCS, or SMS/MMS (the fallback). */
  via?: 'rcs' | 'sms' | null;
}

export type ReportOutcome = 'applied' | 'unchanged' | 'unknown';

/** How far along a message is. The three endings rank with `delivered`: none overrides another, and none undoes a delivery. */
const PROGRESS: Record<string, number> = { scheduled: 0, queued: 1, sending: 2, sent: 3, delivered: 4, failed: 4, undelivered: 4, canceled: 4, read: 5 };
const ENDINGS = new Set(['failed', 'undelivered', 'canceled']);

/** Whether `report` moves `message` forward. */
function movesForward(message: Message, report: DeliveryReport): boolean {
  // Our own verdict (a send whose outcome never came back, failed as unconfirmed) yields to the
  // provider's: it had the message after all.
  if (ENDINGS.has(message.status) && !message.providerId) return true;
  return PROGRESS[report.status]! > (PROGRESS[message.status] ?? Number.POSITIVE_INFINITY);
}

export async function applyDeliveryReport(orm: Orm, publish: (workspaceId: string, events: ServerEvent[]) => void, report: DeliveryReport): Promise<ReportOutcome> {
  const messageId = report.messageId ?? (await messageByProviderId(orm, report));
  if (!messageId) return 'unknown';
  const outcome = await changeMessage<ReportOutcome>(orm, report.workspaceId, messageId, publish, (message) => {
    if (message.direction !== 'outbound' || message.kind !== 'message') return { announce: false, result: 'unknown' };
    // A report naming our message with another provider message's id is not about this message,
    // nor is one on an attempt an agent has since retried.
    if ((message.providerId && message.providerId !== report.providerId) || (message.provider && message.provider !== report.provider)) return { announce: false, result: 'unknown' };
    if (retiredProviderIds(message).includes(report.providerId)) return { announce: false, result: 'unknown' };
    // What carried a text: from a report that moves it forward, or, at the same stage, the first
    // word on it and the one change that happens (RCS falling back to SMS). A late "sent" over
    // RCS never undoes the fallback that delivered it.
    const forward = movesForward(message, report);
    const known = message.meta.via;
    const sameStage = PROGRESS[report.status] === PROGRESS[message.status];
    const carried =
      (message.channel === 'sms' || message.channel === 'mms') && !!report.via && report.via !== known && (forward || (sameStage && (known === undefined || (known === 'rcs' && report.via === 'sms'))));
    if (carried) message.meta = { ...message.meta, via: report.via };
    if (!forward) return { announce: carried, result: carried ? 'applied' : 'unchanged' };
    message.status = report.status;
    message.provider = report.provider;
    message.providerId = report.providerId;
    // A send still in flight is settled: the dispatcher neither records over it nor claims it again.
    message.leaseUntil = null;
    if (report.error) {
      message.errorCode = cutText(storableLine(report.error.code), 64);
      message.errorMessage = cutText(storableLine(report.error.message), 500);
    } else if (!ENDINGS.has(report.status)) {
      message.errorCode = null;
      message.errorMessage = null;
    }
    return { announce: true, result: 'applied' };
  });
  return outcome ?? 'unknown';
}

async function messageByProviderId(orm: Orm, report: DeliveryReport): Promise<string | null> {
  const em = orm.em.fork() as unknown as EntityManager;
  const rows = await sqlAll<{ id: string }>(em, 'select id from messages where workspace_id = ? and provider = ? and provider_id = ?', [report.workspaceId, report.provider, report.providerId.slice(0, 128)]);
  return rows[0]?.id ?? null;
}
