// What a list's bulk action shows, before and while the runner (bulk.ts, loaded on first use) works.
import type { BulkAction } from '../protocol/commands.js';
import type { ConvError } from '../errors.js';

export interface BulkState {
  status: 'idle' | 'running' | 'done' | 'error';
  done: number;
  total: number;
  action: BulkAction | null;
  result: { matched: number; changed: number } | null;
  error: ConvError | null;
}

export const IDLE_BULK: BulkState = { status: 'idle', done: 0, total: 0, action: null, result: null, error: null };
