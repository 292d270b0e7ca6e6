// Messages as CSV (seed 002's export): one thread, `GET /v1/conversations/{id}/export.csv` (any
// agent), or every thread of the workspace, `GET /v1/messages/export.csv` (admins). Streamed a
// page at a time, so a large workspace costs no more memory than a small one. Columns: message id,
// thread id, date and time (in the workspace's time zone), the contact's full name, from, to,
// status, channel, and the message.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { EntityManager } from '@mikro-orm/sql';
import { AppError, notFound } from '../errors.js';
import { parseJson, sqlAll } from '../db/sql.js';
import { csvField } from './consent-export-route.js';
import { withBearerActor, type RestServices } from './rest.js';

const PAGE = 1000;
export const MESSAGE_EXPORT_COLUMNS = ['message_id', 'thread_id', 'date', 'time', 'contact_name', 'from', 'to', 'status', 'channel', 'message'];

interface Row {
  id: string;
  conversation_id: string;
  seq: number | string;
  created_at: number | string;
  kind: string;
  channel: string | null;
  direction: string | null;
  author_name: string;
  status: string;
  body: string;
  meta: unknown;
  first_name: string;
  last_name: string;
  phone: string | null;
  email: string | null;
  whatsapp_user_id: string | null;
}

const line = (fields: unknown[]) => `${fields.map(csvField).join(',')}\r\n`;

/** Who a message is from and to, as its channel addresses them; a note or an activity card is the team's own. */
function addresses(row: Row, workspaceNumber: string | null): [string, string] {
  const meta = parseJson<Record<string, unknown>>(row.meta);
  // A number as the channel addresses it, without Twilio's "whatsapp:" or "rcs:" before it.
  const text = (value: unknown) => (typeof value === 'string' ? value.replace(/^(?:whatsapp|rcs):/, '') : '');
  const contact = row.channel === 'email' ? (row.email ?? '') : (row.phone ?? (row.channel === 'whatsapp' ? (row.whatsapp_user_id ?? '') : ''));
  if (row.kind === 'note' || row.kind === 'activity') return [row.author_name, ''];
  if (row.direction === 'inbound') return [contact, text(meta.to) || (workspaceNumber ?? '')];
  const business = row.channel === 'sms' || row.channel === 'mms' || row.channel === 'whatsapp' || row.channel === 'call' ? text(meta.from) || workspaceNumber : null;
  return [business || row.author_name, text(meta.to) || contact];
}

/** "2026-12-01" and "14:05:09" in the workspace's time zone. */
function dateAndTime(format: Intl.DateTimeFormat, at: number): [string, string] {
  const parts = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return [`${parts.year}-${parts.month}-${parts.day}`, `${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}:${parts.second}`];
}

async function* csvPages(em: EntityManager, workspaceId: string, conversationId: string | null): AsyncGenerator<string> {
  const [workspace] = await sqlAll<{ timezone: string; sms_number: string | null }>(em, 'select timezone, sms_number from workspaces where id = ?', [workspaceId]);
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: workspace?.timezone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  yield line(MESSAGE_EXPORT_COLUMNS);
  // One thread in its own order (seq); the workspace by message id, which grows with time.
  let after: string | number = conversationId ? 0 : '';
  for (;;) {
    const rows = await sqlAll<Row>(
      em,
      `select m.id, m.conversation_id, m.seq, m.created_at, m.kind, m.channel, m.direction, m.author_name, m.status, m.body, m.meta,
              c.first_name, c.last_name, c.phone, c.email, c.whatsapp_user_id
         from messages m join conversations cv on cv.id = m.conversation_id join contacts c on c.id = cv.contact_id
        where m.workspace_id = ? and ${conversationId ? 'm.conversation_id = ? and m.seq > ? order by m.seq' : 'm.id > ? order by m.id'} limit ${PAGE}`,
      conversationId ? [workspaceId, conversationId, after] : [workspaceId, after],
    );
    for (const row of rows) {
      const [from, to] = addresses(row, workspace?.sms_number ?? null);
      yield line([row.id, row.conversation_id, ...dateAndTime(format, Number(row.created_at)), `${row.first_name} ${row.last_name}`.trim() || row.phone || row.email || '', from, to, row.status, row.channel ?? row.kind, row.body]);
    }
    if (rows.length < PAGE) return;
    after = conversationId ? Number(rows.at(-1)!.seq) : rows.at(-1)!.id;
  }
}

/**
 * The exports are read with a bearer token, never a cookie, so a host page of any origin may read
 * them (the SDK's exportCsv, the row menu's Download as CSV), and its refusals too, so the page
 * learns why rather than meeting a CORS failure. The token travels in Authorization: preflighted.
 */
const EXPORT_PREFLIGHT = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET', 'access-control-allow-headers': 'authorization', 'access-control-max-age': '600' };
const EXPORT_PATHS = ['/v1/conversations/:id/export.csv', '/v1/messages/export.csv'];

export async function messageExportRoutes(app: FastifyInstance, services: Pick<RestServices, 'orm' | 'limiter'>): Promise<void> {
  const route = {
    schema: { hide: true } as object,
    onRequest: async (_request: unknown, reply: import('fastify').FastifyReply) => {
      void reply.header('access-control-allow-origin', '*');
    },
  };
  for (const path of EXPORT_PATHS) app.options(path, { schema: { hide: true } as object }, async (_request, reply) => reply.headers(EXPORT_PREFLIGHT).status(204).send());
  const send = (reply: import('fastify').FastifyReply, name: string, pages: AsyncGenerator<string>) =>
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').send(Readable.from(pages));

  app.get<{ Params: { id: string } }>(EXPORT_PATHS[0]!, route, async (request, reply) => {
    const { workspaceId, conversationId } = await withBearerActor(services, request, async ({ actor }) => {
      const em = services.orm.em.fork() as unknown as EntityManager;
      // Resolved inside the caller's workspace: another workspace's thread is simply not found.
      const [found] = await sqlAll<{ id: string }>(em, 'select id from conversations where id = ? and workspace_id = ?', [request.params.id, actor.workspaceId]);
      if (!found) throw notFound('conversation');
      return { workspaceId: actor.workspaceId, conversationId: found.id };
    }, 'messages:read', 'export a thread');
    return send(reply, `thread-${conversationId}.csv`, csvPages(services.orm.em.fork() as unknown as EntityManager, workspaceId, conversationId));
  });

  app.get(EXPORT_PATHS[1]!, route, async (request, reply) => {
    const workspaceId = await withBearerActor(services, request, async ({ actor }) => {
      if (actor.role !== 'admin') throw new AppError('forbidden', 'Only admins export every thread; any agent can export one thread (GET /v1/conversations/{id}/export.csv).');
      return actor.workspaceId;
    }, 'messages:read', 'export every thread');
    return send(reply, 'messages.csv', csvPages(services.orm.em.fork() as unknown as EntityManager, workspaceId, null));
  });
}
