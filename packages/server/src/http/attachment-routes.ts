// A message's files. POST /v1/attachments uploads one (the request body is the file) for a
// message to come; GET /v1/attachments/:id gives it to a signed-in user of its workspace only (an
// id of another workspace is not found); GET /media/:id gives it to the provider, by a signed
// link that expires (media-links.ts). Served so that it can never run as a page of ours: its
// checked type (media-types.ts), nosniff, a CSP sandbox, and as a download unless it is a
// picture, audio or video whose bytes agree with its type.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EntityManager } from '@mikro-orm/sql';
import { AppError } from '../errors.js';
import { isPostgres, sqlAll } from '../db/sql.js';
import { id } from '../commands/schemas.js';
import { checkedType, isInline } from '../modules/attachments/media-types.js';
import { megabytes, UPLOAD_MAX_BYTES } from '../modules/attachments/channel-files.js';
import { mediaLinkValid } from '../modules/attachments/media-links.js';
import { uploadLinkActor } from '../modules/attachments/upload-links.js';
import { WorkspaceSchema, type Workspace } from '../modules/workspaces/workspace.entity.js';
import { insertStoredFile } from '../modules/attachments/stored-file.js';
import { cutText, storableLine } from '../text/storable.js';
import { Attachment as AttachmentSchema } from '@convkit/sdk/protocol';
import type { Keyring } from '../secrets/keyring.js';
import { bearerToken, errorResponses, verifyBearer, withBearerActor, type RestServices } from './rest.js';

export interface AttachmentRouteServices extends Pick<RestServices, 'orm' | 'limiter'> {
  keyring: Keyring;
}

interface StoredFile {
  id: string;
  name: string;
  content_type: string;
  status: string;
  error: string | null;
  /** The stored bytes' length; null while there are none. */
  size: unknown;
}

interface ServedFile extends StoredFile {
  size: number;
  /** The range asked for (null: the whole file). */
  part: { start: number; end: number } | 'unsatisfiable' | null;
  /** The bytes to send: the range's, or all of them. */
  data: Buffer;
}

/** A Content-Disposition whose file name cannot break the header or the file system. */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const kept = cutText(name.toWellFormed(), 200) || 'file';
  const plain = kept.replace(/[^\x20-\x7e]|["\\/]/g, '_');
  return `${kind}; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(kept)}`;
}

export async function attachmentRoutes(app: FastifyInstance, services: AttachmentRouteServices): Promise<void> {
  // The file is the body, whatever its type; JSON too (a .json file is a file).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: UPLOAD_MAX_BYTES }, (_request, body, done) => done(null, body));
  app.post<{ Querystring: { name?: string } }>(
    '/v1/attachments',
    {
      bodyLimit: UPLOAD_MAX_BYTES,
      // A stranger's 25 MB is refused before it is read, not after.
      onRequest: async (request) => {
        await verifyBearer(services.orm, bearerToken(request), 'messages:write', 'upload a file');
      },
      schema: {
        summary: `Upload a file to send with a message (messages.send attachmentIds): the body is the file, Content-Type its type, ?name= its name; at most ${megabytes(UPLOAD_MAX_BYTES)}.`,
        tags: ['messages'],
        security: [{ bearer: [] }],
        querystring: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', maxLength: 1000, description: 'Kept to its first 255 characters.' } } },
        response: { 201: AttachmentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = await withBearerActor(services, request, async ({ actor }) => actor, 'messages:write', 'upload a file');
      // (The token was checked before the body was read too: see onRequest above.)
      return reply.status(201).send(await storeUpload(services, request, actor));
    },
  );

  // The same upload by a link (attachments.uploadLink) from a page of any origin: the link, not
  // the origin, is the credential, so any origin may send it, and read the answer, errors too.
  // An upload that reports its progress is preflighted: OPTIONS answers for this path alone.
  const uploadCors = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '600' };
  app.options('/v1/attachments/upload', { schema: { hide: true } as object }, async (_request, reply) => reply.headers(uploadCors).status(204).send());
  app.post<{ Querystring: UploadLinkQuery & { name?: string } }>(
    '/v1/attachments/upload',
    {
      bodyLimit: UPLOAD_MAX_BYTES,
      onRequest: async (request, reply) => {
        reply.header('access-control-allow-origin', '*');
        if (!uploadLinkActor(services.keyring, request.query)) throw new AppError('forbidden', 'This upload link is not valid, or has expired: ask for another (attachments.uploadLink).');
      },
      schema: {
        summary: `Upload a file by a link from attachments.uploadLink, without the bearer token: as POST /v1/attachments, at most ${megabytes(UPLOAD_MAX_BYTES)}.`,
        tags: ['messages'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['workspace', 'user', 'expires', 'signature'],
          properties: {
            workspace: { type: 'string', maxLength: 100 },
            user: { type: 'string', maxLength: 100 },
            expires: { type: 'string', maxLength: 12 },
            signature: { type: 'string', maxLength: 200 },
            name: { type: 'string', maxLength: 1000, description: 'Kept to its first 255 characters.' },
          },
        },
        response: { 201: AttachmentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = uploadLinkActor(services.keyring, request.query)!;
      const em = services.orm.em.fork() as unknown as EntityManager;
      const workspace = (await em.findOne(WorkspaceSchema, { id: actor.workspaceId })) as Workspace | null;
      if (!workspace) throw new AppError('forbidden', 'This upload link is not valid, or has expired: ask for another (attachments.uploadLink).');
      const limits = services.limiter.limitsFor(workspace.id, workspace.rateLimits);
      const release = services.limiter.admitUserCommand(`${workspace.id}:upload:${actor.userId}`, limits);
      try {
        return reply.status(201).send(await storeUpload(services, request, actor));
      } finally {
        release();
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/attachments/:id',
    {
      schema: {
        summary: "A message's file (a picture, a recording, a document): inline when it is a picture, audio or video whose bytes match its type, else a download.",
        tags: ['messages'],
        security: [{ bearer: [] }],
        params: { type: 'object', required: ['id'], properties: { id } },
        response: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const workspaceId = await withBearerActor(services, request, async ({ actor }) => actor.workspaceId, 'messages:read', "read a message's file");
      const file = await storedFile(services, 'a.id = ? and a.workspace_id = ?', [request.params.id, workspaceId], request.headers.range);
      return sendFile(reply, file, 'private, max-age=86400, immutable');
    },
  );

  // Twilio fetches an MMS's files here; the link is its only credential (media-links.ts).
  app.get<{ Params: { id: string }; Querystring: { expires?: string; signature?: string } }>('/media/:id', { schema: { hide: true } as object }, async (request, reply) => {
    const { expires = '', signature = '' } = request.query;
    if (!mediaLinkValid(services.keyring, request.params.id, expires, signature)) throw new AppError('forbidden', 'This media link is not valid, or has expired.');
    const file = await storedFile(services, 'a.id = ?', [request.params.id], request.headers.range);
    // Kept by the browser no longer than the link opens it, and never by a shared cache.
    return sendFile(reply, file, `private, max-age=${Math.max(0, Math.min(86_400, Number(expires) - Math.floor(Date.now() / 1000)))}`);
  });
}

interface UploadLinkQuery {
  workspace?: string;
  user?: string;
  expires?: string;
  signature?: string;
}

/** Keeps an uploaded file (the request body) for a message to come, as `actor` of their workspace. */
async function storeUpload(services: Pick<RestServices, 'orm' | 'limiter'>, request: FastifyRequest<{ Querystring: { name?: string } }>, actor: { workspaceId: string; userId: string }) {
  const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  if (bytes.length === 0) throw new AppError('invalid_params', 'body: the request body is the file, and it is empty.', { path: 'body' });
  const contentType = checkedType(request.headers['content-type'], bytes);
  const name = cutText(storableLine(request.query.name ?? '').trim(), 255) || 'file';
  const em = services.orm.em.fork() as unknown as EntityManager;
  return em.transactional(async (tx) => {
    // Files wait for their message at most a day; until then one agent (or key) holds at most
    // pendingUploadBytes of them, so a script cannot fill the database with uploads never sent.
    const most = services.limiter.server.pendingUploadBytes;
    const [{ waiting }] = (await sqlAll<{ waiting: unknown }>(tx as unknown as EntityManager, "select coalesce(sum(size), 0) as waiting from attachments where workspace_id = ? and uploaded_by = ? and status = 'uploaded' and message_id is null", [actor.workspaceId, actor.userId])) as [{ waiting: unknown }];
    if (Number(waiting) + bytes.length > most) {
      throw new AppError('too_large', `You have ${megabytes(Number(waiting))} of files uploaded and not sent yet, and at most ${megabytes(most)} may wait: send them with a message (or wait a day, when unsent ones are removed), then upload again.`, { limit: most });
    }
    return insertStoredFile(tx as unknown as EntityManager, { workspaceId: actor.workspaceId, messageId: null, position: 0, name, contentType, bytes, uploadedBy: actor.userId });
  });
}


/**
 * A file's row and the bytes asked for: all of them, or only the range a Range header names (a
 * player seeking in an hour's recording reads that part from the database, not the whole file).
 */
async function storedFile(services: Pick<RestServices, 'orm'>, where: string, params: unknown[], range: string | undefined): Promise<ServedFile> {
  const em = services.orm.em.fork() as unknown as EntityManager;
  const length = isPostgres(em) ? 'octet_length(c.data)' : 'length(c.data)';
  const [file] = await sqlAll<StoredFile>(em, `select a.id, a.name, a.content_type, a.status, a.error, ${length} as size from attachments a left join attachment_contents c on c.attachment_id = a.id where ${where}`, params);
  if (!file) throw new AppError('not_found', 'No such file in this workspace.');
  if (file.size === null) throw new AppError('not_found', file.status === 'failed' ? (file.error ?? 'The file could not be fetched.') : 'The file is still being fetched from the provider: try again in a moment.');
  const size = Number(file.size);
  const part = range === undefined ? null : byteRange(range, size);
  if (part === 'unsatisfiable') return { ...file, size, part, data: Buffer.alloc(0) };
  const slice = part ? (isPostgres(em) ? 'substring(data from ? for ?)' : 'substr(data, ?, ?)') : 'data';
  const [content] = await sqlAll<{ data: Buffer | Uint8Array }>(em, `select ${slice} as data from attachment_contents where attachment_id = ?`, part ? [part.start + 1, part.end - part.start + 1, file.id] : [file.id]);
  return { ...file, size, part, data: Buffer.from(content?.data ?? Buffer.alloc(0)) };
}

function sendFile(reply: FastifyReply, file: ServedFile, cacheControl: string) {
  const inline = isInline(file.content_type);
  const { part, size } = file;
  if (part === 'unsatisfiable') reply.status(416).header('content-range', `bytes */${size}`);
  else if (part) reply.status(206).header('content-range', `bytes ${part.start}-${part.end}/${size}`);
  reply
    .header('content-type', inline ? file.content_type : 'application/octet-stream')
    .header('content-disposition', disposition(inline ? 'inline' : 'attachment', file.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', cacheControl)
    .header('accept-ranges', 'bytes');
  if (part === 'unsatisfiable') return reply.send();
  return reply.send(file.data);
}

/**
 * The one range a Range header asks for (bytes=a-b, a-, or -n for the last n), within `size`;
 * null for a header this does not serve as a range (several ranges, another unit): the whole file.
 */
export function byteRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size) return 'unsatisfiable';
  // A range that is no range (5-2) is ignored, as RFC 9110 asks: the whole file.
  if (start > end) return null;
  return { start, end };
}
