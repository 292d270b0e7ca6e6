// One event as the host's backend receives it, by webhook or on /v1/stream alike: the event log's
// id (stable: the key to dedupe by), its type and seq, the workspace, when, and the payload the
// socket's `event` carries.
import { parseJson } from '../../db/sql.js';

export interface EventRow {
  id: string;
  seq: unknown;
  type: string;
  payload: unknown;
  created_at: unknown;
}

export interface EventEnvelope {
  id: string;
  type: string;
  workspace: string;
  seq: number;
  createdAt: string;
  data: unknown;
}

export function eventEnvelope(row: EventRow, workspaceSlug: string): EventEnvelope {
  return {
    id: row.id,
    type: row.type,
    workspace: workspaceSlug,
    seq: Number(row.seq),
    createdAt: new Date(Number(row.created_at)).toISOString(),
    data: typeof row.payload === 'string' ? parseJson(row.payload) : row.payload,
  };
}
