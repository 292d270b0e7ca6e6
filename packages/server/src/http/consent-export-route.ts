// GET /v1/consent/export.csv (admins): the whole consent ledger as CSV, oldest first, streamed a
// page at a time so a large workspace costs no more memory than a small one. It is what a carrier
// or a TCPA review asks for: who agreed or revoked, on which channel and number, when, how, and
// the message that did it.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { EntityManager } from '@mikro-orm/sql';
import { AppError } from '../errors.js';
import { sqlAll } from '../db/sql.js';
import { withBearerActor, type RestServices } from './rest.js';
import { requireScope } from '../modules/api-keys/scopes.js';

const PAGE = 1000;
const COLUMNS = ['created_at', 'contact_id', 'contact_name', 'contact_phone', 'channel', 'sender', 'status', 'source', 'message_id', 'message_text', 'agent', 'note'];

interface ExportRow {
  id: string;
  created_at: number | string;
  contact_id: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  channel: string;
  sender: string;
  status: string;
  source: string;
  message_id: string | null;
  body: string | null;
  user_name: string | null;
  note: string;
}

/**
 * One CSV field: quoted when it must be, and never read as a formula by a spreadsheet (a text
 * starting with =, @, + or - gets a leading quote, unless it is a number such as +15551230000).
 */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=@\t\r]/.test(text) || (/^[+-]/.test(text) && !/^[+-][\d\s().-]*$/.test(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const line = (fields: unknown[]) => `${fields.map(csvField).join(',')}\r\n`;

export async function consentExportRoute(app: FastifyInstance, services: Pick<RestServices, 'orm' | 'limiter'>): Promise<void> {
  app.get('/v1/consent/export.csv', { schema: { hide: true } as object }, async (request, reply) => {
    const workspaceId = await withBearerActor(services, request, async ({ actor }) => {
      if (actor.role !== 'admin') throw new AppError('forbidden', 'Only admins export the consent ledger.');
      // The ledger quotes the messages that changed consent (STOP and the like): their text too.
      requireScope(actor, 'messages:read', 'export the consent ledger');
      return actor.workspaceId;
    }, 'contacts:read', 'export the consent ledger');
    const em = services.orm.em.fork() as unknown as EntityManager;
    async function* pages(): AsyncGenerator<string> {
      yield line(COLUMNS);
      let after = '';
      for (;;) {
        const rows = await sqlAll<ExportRow>(
          em,
          `select e.id, e.created_at, e.contact_id, c.first_name, c.last_name, c.phone, e.channel, e.sender, e.status, e.source, e.message_id, m.body, e.user_name, e.note
             from consent_events e join contacts c on c.id = e.contact_id left join messages m on m.id = e.message_id
            where e.workspace_id = ? and e.id > ? order by e.id limit ${PAGE}`,
          [workspaceId, after],
        );
        for (const row of rows) {
          yield line([new Date(Number(row.created_at)).toISOString(), row.contact_id, `${row.first_name} ${row.last_name}`.trim(), row.phone, row.channel, row.sender, row.status, row.source, row.message_id, row.body, row.user_name, row.note]);
        }
        if (rows.length < PAGE) return;
        after = rows.at(-1)!.id;
      }
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="consent-ledger.csv"')
      .header('cache-control', 'no-store')
      .send(Readable.from(pages()));
  });
}
