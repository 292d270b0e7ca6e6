// Many conversations fast, straight into the tables (benchmarks and bulk-action tests): one
// contact, one conversation and `messagesPer` inbound SMS each, with consistent counters.
// It bypasses the event log on purpose: generated history is not "news" for connected clients.
import type { EntityManager } from '@mikro-orm/sql';
import { newId } from '../db/columns.js';
import { forgetCounts } from '../modules/conversations/count-index.js';
import type { Orm } from '../db/orm.js';
import { sqlAll } from '../db/sql.js';

const SMS_BIT = 1;
const WORDS = ['offer', 'inspection', 'closing', 'showing', 'mortgage', 'roof', 'garage', 'kitchen', 'appraisal', 'deposit', 'listing', 'parking', 'basement', 'school', 'commute'];

export interface GenerateOptions {
  conversations: number;
  messagesPer?: number;
  /** Rows per insert statement. */
  batch?: number;
  /** Newest activity time; older conversations step back one minute each. */
  now?: number;
  phonePrefix?: string;
}

function placeholders(rows: number, columns: number): string {
  const row = `(${Array(columns).fill('?').join(', ')})`;
  return Array(rows).fill(row).join(', ');
}

export async function generateConversations(orm: Orm, workspaceId: string, options: GenerateOptions): Promise<string[]> {
  const { conversations: total, messagesPer = 1, batch = 200, now = Date.now(), phonePrefix = '+1999' } = options;
  const em = orm.em.fork() as unknown as EntityManager;
  const ids: string[] = [];
  await em.transactional(async (tx) => {
    const t = tx as unknown as EntityManager;
    for (let start = 0; start < total; start += batch) {
      const n = Math.min(batch, total - start);
      const contacts: unknown[] = [];
      const conversations: unknown[] = [];
      const messages: unknown[] = [];
      for (let i = start; i < start + n; i++) {
        const contactId = newId();
        const conversationId = newId();
        const at = now - i * 60_000;
        ids.push(conversationId);
        contacts.push(contactId, workspaceId, `First${i}`, `Last${i}`, `${phonePrefix}${String(i).padStart(7, '0')}`, `person${i}@example.net`, i % 3 === 0 ? 'client' : 'agent', '[]', at);
        const last = `${WORDS[i % WORDS.length]} question ${i}`;
        conversations.push(conversationId, workspaceId, contactId, 'open', last, 'sms', 'message', 'inbound', at, at, 'sms', SMS_BIT, messagesPer, messagesPer, 0, at);
        for (let m = 1; m <= messagesPer; m++) {
          const body = m === messagesPer ? last : `${WORDS[(i + m) % WORDS.length]} and ${WORDS[(i * 7 + m) % WORDS.length]} note ${m}`;
          messages.push(newId(), workspaceId, conversationId, m, 'message', 'sms', 'inbound', 'contact', contactId, `First${i} Last${i}`, body, 'received', '{}', at - (messagesPer - m) * 1000);
        }
      }
      await sqlAll(t, `insert into contacts (id, workspace_id, first_name, last_name, phone, email, "group", tags, created_at) values ${placeholders(n, 9)}`, contacts);
      await sqlAll(
        t,
        `insert into conversations (id, workspace_id, contact_id, status, last_message_preview, last_message_channel, last_message_kind, last_message_direction, last_message_at, last_activity_at, last_inbound_channel, channel_mask, last_seq, last_inbound_seq, version, created_at) values ${placeholders(n, 16)}`,
        conversations,
      );
      const MESSAGE_COLUMNS = 14;
      for (let m = 0; m < messages.length; m += batch * MESSAGE_COLUMNS) {
        const chunk = messages.slice(m, m + batch * MESSAGE_COLUMNS);
        await sqlAll(
          t,
          `insert into messages (id, workspace_id, conversation_id, seq, kind, channel, direction, author_type, author_id, author_name, body, status, meta, created_at) values ${placeholders(chunk.length / MESSAGE_COLUMNS, MESSAGE_COLUMNS)}`,
          chunk,
        );
      }
    }
  });
  // Written around the event log: the node's count index reloads this workspace when next asked.
  forgetCounts(orm, workspaceId);
  return ids;
}
