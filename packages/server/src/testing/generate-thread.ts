// One long conversation fast, straight into the tables (the thread's benchmark and its windowing
// tests): every kind of item a feed shows, of varied lengths, spread over days. Like
// generate.ts it bypasses the event log: generated history is not news for connected clients.
import type { EntityManager } from '@mikro-orm/sql';
import type { Channel } from '@convkit/sdk/protocol';
import { newId } from '../db/columns.js';
import { channelBit } from '../modules/dto.js';
import { forgetCounts } from '../modules/conversations/count-index.js';
import type { Orm } from '../db/orm.js';
import { sqlAll } from '../db/sql.js';

export interface GenerateThreadOptions {
  messages: number;
  phone: string;
  /** The newest item's time; each older one steps back `stepMs` (20 minutes). */
  now?: number;
  stepMs?: number;
}

const SENTENCE = 'The inspection found the roof sound, the gutters need clearing and the water heater is near the end of its life.';

interface Row {
  kind: 'message' | 'note' | 'activity' | 'call';
  channel: Channel | null;
  direction: 'inbound' | 'outbound' | null;
  subject: string | null;
  body: string;
  meta: Record<string, unknown>;
}

/** The n-th item of the thread: a rotation through kinds and channels, some short, some long. */
function itemAt(n: number): Row {
  const long = SENTENCE.repeat(1 + (n % 4));
  switch (n % 10) {
    case 0:
      return { kind: 'note', channel: null, direction: null, subject: null, body: `Note ${n}: call back after the appraisal.`, meta: {} };
    case 1:
      return { kind: 'activity', channel: null, direction: null, subject: null, body: `Stage changed to Offer (${n})`, meta: { link: `/opportunities/${n}` } };
    case 2:
      return { kind: 'call', channel: 'call', direction: n % 4 === 0 ? 'outbound' : 'inbound', subject: null, body: 'Incoming call', meta: { outcome: 'answered', durationSeconds: 30 + (n % 300) } };
    case 3:
      return { kind: 'message', channel: 'email', direction: 'inbound', subject: `Report ${n}`, body: long, meta: {} };
    case 4:
      return { kind: 'message', channel: 'whatsapp', direction: 'outbound', subject: null, body: `WhatsApp ${n}: see you at ten.`, meta: {} };
    default:
      return { kind: 'message', channel: 'sms', direction: n % 2 === 0 ? 'outbound' : 'inbound', subject: null, body: n % 3 === 0 ? `Message ${n}: ${long}` : `Message ${n}`, meta: {} };
  }
}

function placeholders(rows: number, columns: number): string {
  const row = `(${Array(columns).fill('?').join(', ')})`;
  return Array(rows).fill(row).join(', ');
}

/** A contact and one conversation holding `messages` items, seq 1 the oldest. Returns its id. */
export async function generateThread(orm: Orm, workspaceId: string, options: GenerateThreadOptions): Promise<string> {
  const { messages: total, phone, now = Date.now(), stepMs = 20 * 60_000 } = options;
  const em = orm.em.fork() as unknown as EntityManager;
  const contactId = newId();
  const conversationId = newId();
  const rows = Array.from({ length: total }, (_, i) => itemAt(i + 1));
  const mask = rows.reduce((bits, row) => (row.channel ? bits | channelBit(row.channel) : bits), 0);
  const last = rows.at(-1)!;
  const lastInbound = rows.findLastIndex((row) => row.direction === 'inbound');
  await em.transactional(async (tx) => {
    const t = tx as unknown as EntityManager;
    await sqlAll(t, `insert into contacts (id, workspace_id, first_name, last_name, phone, email, "group", tags, created_at) values ${placeholders(1, 9)}`, [
      contactId, workspaceId, 'Long', 'Thread', phone, null, 'client', '[]', now - total * stepMs,
    ]);
    await sqlAll(
      t,
      `insert into conversations (id, workspace_id, contact_id, status, last_message_preview, last_message_channel, last_message_kind, last_message_direction, last_message_at, last_activity_at, last_inbound_channel, channel_mask, last_seq, last_inbound_seq, version, created_at) values ${placeholders(1, 16)}`,
      [conversationId, workspaceId, contactId, 'open', last.body.slice(0, 140), last.channel, last.kind, last.direction, now, now, rows[lastInbound]?.channel ?? null, mask, total, lastInbound + 1, 0, now - total * stepMs],
    );
    const COLUMNS = 15;
    const BATCH = 200;
    for (let start = 0; start < total; start += BATCH) {
      const values: unknown[] = [];
      for (let i = start; i < Math.min(total, start + BATCH); i++) {
        const row = rows[i]!;
        const inbound = row.direction === 'inbound';
        const author = inbound ? ['contact', contactId, 'Long Thread'] : row.kind === 'activity' ? ['automation', null, 'Auto'] : ['user', null, 'Alex Rivera'];
        const status = inbound ? 'received' : 'delivered';
        values.push(newId(), workspaceId, conversationId, i + 1, row.kind, row.channel, row.direction, ...author, row.body, row.subject, status, JSON.stringify(row.meta), now - (total - 1 - i) * stepMs);
      }
      await sqlAll(
        t,
        `insert into messages (id, workspace_id, conversation_id, seq, kind, channel, direction, author_type, author_id, author_name, body, subject, status, meta, created_at) values ${placeholders(values.length / COLUMNS, COLUMNS)}`,
        values,
      );
    }
  });
  forgetCounts(orm, workspaceId);
  return conversationId;
}
