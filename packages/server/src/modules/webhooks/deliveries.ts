// An endpoint's delivery log, as its admins read it.
import type { EntityManager } from '@mikro-orm/sql';
import { sqlAll } from '../../db/sql.js';

export const DELIVERIES_PAGE_MAX = 200;

interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string;
  event_seq: unknown;
  status: string;
  attempts: unknown;
  next_attempt_at: unknown;
  last_status: unknown;
  last_error: string | null;
  delivered_at: unknown;
  created_at: unknown;
}

const iso = (ms: unknown) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

export async function listDeliveries(em: EntityManager, endpointId: string, limit: number, status: string | null) {
  const rows = await sqlAll<DeliveryRow>(
    em,
    `select * from webhook_deliveries where endpoint_id = ?${status ? ' and status = ?' : ''} order by event_seq desc limit ?`,
    status ? [endpointId, status, limit] : [endpointId, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    eventSeq: Number(row.event_seq),
    status: row.status,
    attempts: Number(row.attempts),
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError: row.last_error,
    nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    deliveredAt: iso(row.delivered_at),
    createdAt: iso(row.created_at)!,
  }));
}
