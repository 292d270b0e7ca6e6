// REST /v1: the same commands as the socket, for host backends and browsers (Bearer token).
// Route schemas validate input, serialise output (a field the result schema lacks is not sent)
// and feed the OpenAPI document; all of them come from the protocol's one definition.
import type { ProviderServices } from '../commands/context.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EntityManager } from '@mikro-orm/sql';
import { ErrorResponseSchema, type ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from '../db/orm.js';
import { AppError, ERROR_STATUSES } from '../errors.js';
import { signIn, userLimitKey, verifyCredentials, type Authenticated } from '../auth/authenticate.js';
import { runCommand, type RegistryCommand } from '../commands/registry.js';
import type { CommandContext } from '../commands/context.js';
import { id, paramSchemas, resultSchemas } from '../commands/schemas.js';
import type { Metrics } from '../metrics/metrics.js';
import type { RateLimiter } from '../limits/rate-limiter.js';
import type { ServerLimits } from '../limits/limits.js';
import type { Workspace } from '../modules/workspaces/workspace.entity.js';
import { isApiKey, verifyApiKey, type VerifiedApiKey } from '../modules/api-keys/api-keys.js';
import { requireCommandScope, requireScope, type ApiKeyScope } from '../modules/api-keys/scopes.js';

export interface RestServices {
  orm: Orm;
  publish(workspaceId: string, events: ServerEvent[]): void;
  kickDispatcher(): void;
  providers: ProviderServices;
  limiter: RateLimiter;
  metrics: Metrics;
}

export const errorResponses = Object.fromEntries(ERROR_STATUSES.map((status) => [status, ErrorResponseSchema]));

/** A query string's "+" reads as a space: "?phone=+447700900123" means the number with its plus. */
const phonePlus = (params: Record<string, unknown>) => (typeof params.phone === 'string' ? { ...params, phone: params.phone.replace(/^ (?=\d)/, '+') } : params);

const idParam = { type: 'object', required: ['id'], properties: { id } };
const cardParams = { type: 'object', required: ['id', 'key'], properties: { id, key: { type: 'string', minLength: 1, maxLength: 200 } } };

function pick(schema: Record<string, unknown>, keys: string[], required: string[] = []) {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  return { type: 'object', additionalProperties: false, required, properties: Object.fromEntries(keys.map((k) => [k, properties[k]])) };
}

interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  command: RegistryCommand;
  summary: string;
  tag: string;
  status?: number;
  params?: object;
  querystring?: object;
  body?: object;
  /** Builds the command's params from the request. */
  toParams(request: FastifyRequest): Record<string, unknown>;
}

const q = (r: FastifyRequest) => (r.query ?? {}) as Record<string, unknown>;
const p = (r: FastifyRequest) => (r.params ?? {}) as Record<string, string>;
const b = (r: FastifyRequest) => (r.body ?? {}) as Record<string, unknown>;

const routes: RouteSpec[] = [
  { method: 'GET', url: '/v1/conversations', command: 'conversations.list', tag: 'conversations', summary: 'List conversations, newest activity first (keyset pagination).', querystring: paramSchemas['conversations.list'], toParams: q },
  { method: 'GET', url: '/v1/conversations/:id', command: 'conversations.get', tag: 'conversations', summary: 'Get one conversation with your read state.', params: idParam, toParams: (r) => ({ id: p(r).id }) },
  { method: 'POST', url: '/v1/conversations/:id/read', command: 'conversations.markRead', tag: 'conversations', summary: 'Mark a conversation read for you.', params: idParam, body: pick(paramSchemas['conversations.markRead'], ['seq']), toParams: (r) => ({ ...b(r), id: p(r).id }) },
  { method: 'GET', url: '/v1/conversations/:id/messages', command: 'messages.list', tag: 'messages', summary: 'List a thread by seq (before/after).', params: idParam, querystring: pick(paramSchemas['messages.list'], ['before', 'after', 'limit']), toParams: (r) => ({ ...q(r), conversationId: p(r).id }) },
  { method: 'POST', url: '/v1/conversations/:id/messages', command: 'messages.send', tag: 'messages', status: 201, summary: 'Send a message, a WhatsApp template or an internal note (idempotent on clientId).', params: idParam, body: pick(paramSchemas['messages.send'], ['clientId', 'body', 'channel', 'kind', 'mentions', 'sendAt', 'attachmentIds', 'template', 'subject', 'automated'], ['clientId', 'body']), toParams: (r) => ({ ...b(r), conversationId: p(r).id }) },
  { method: 'PATCH', url: '/v1/messages/:id', command: 'messages.reschedule', tag: 'messages', summary: 'Edit a scheduled message before it goes: its text, its time, or both.', params: idParam, body: pick(paramSchemas['messages.reschedule'], ['body', 'sendAt']), toParams: (r) => ({ ...b(r), id: p(r).id }) },
  { method: 'POST', url: '/v1/messages/:id/cancel', command: 'messages.cancel', tag: 'messages', summary: 'Cancel a scheduled message that has not gone yet.', params: idParam, toParams: (r) => ({ id: p(r).id }) },
  { method: 'GET', url: '/v1/messages/:id/html', command: 'messages.html', tag: 'messages', summary: "An email's HTML body, as it came (sanitize it before showing it).", params: idParam, toParams: (r) => ({ id: p(r).id }) },
  { method: 'POST', url: '/v1/messages/:id/retry', command: 'messages.retry', tag: 'messages', summary: 'Send a message that failed or was not delivered again, as the same message.', params: idParam, toParams: (r) => ({ id: p(r).id }) },
  { method: 'GET', url: '/v1/conversations/counts', command: 'conversations.counts', tag: 'conversations', summary: 'How many conversations each view holds under a filter.', querystring: paramSchemas['conversations.counts'], toParams: q },
  { method: 'PATCH', url: '/v1/conversations/:id', command: 'conversations.update', tag: 'conversations', summary: 'Archive or reopen, assign, add or remove labels.', params: idParam, body: pick(paramSchemas['conversations.update'], ['status', 'assigneeId', 'addLabelIds', 'removeLabelIds']), toParams: (r) => ({ ...b(r), id: p(r).id }) },
  { method: 'POST', url: '/v1/conversations/:id/mark', command: 'conversations.mark', tag: 'conversations', summary: 'Your own marks: unread by hand, starred.', params: idParam, body: pick(paramSchemas['conversations.mark'], ['unread', 'starred']), toParams: (r) => ({ ...b(r), id: p(r).id }) },
  { method: 'DELETE', url: '/v1/conversations/:id', command: 'conversations.delete', tag: 'conversations', summary: 'Delete a conversation and its messages for good (admins).', params: idParam, toParams: (r) => ({ id: p(r).id }) },
  { method: 'POST', url: '/v1/conversations/bulk', command: 'conversations.bulk', tag: 'conversations', summary: 'One action on many conversations, in one transaction.', body: paramSchemas['conversations.bulk'], toParams: b },
  { method: 'GET', url: '/v1/labels', command: 'labels.list', tag: 'labels', summary: "The workspace's labels.", toParams: () => ({}) },
  { method: 'POST', url: '/v1/labels', command: 'labels.create', tag: 'labels', status: 201, summary: 'Create a label (admins).', body: paramSchemas['labels.create'], toParams: b },
  { method: 'PATCH', url: '/v1/workspace', command: 'workspace.update', tag: 'workspace', summary: 'Workspace settings (admins): the Recents window, time zone, quiet hours, consent policy, HELP answer, calls.', body: paramSchemas['workspace.update'], toParams: b },
  { method: 'GET', url: '/v1/snippets', command: 'snippets.list', tag: 'snippets', summary: "The workspace's saved replies, by title.", toParams: () => ({}) },
  { method: 'POST', url: '/v1/snippets', command: 'snippets.save', tag: 'snippets', status: 201, summary: 'Save a new reply for the team (admins).', body: pick(paramSchemas['snippets.save'], ['title', 'shortcut', 'body'], ['title', 'body']), toParams: b },
  { method: 'PATCH', url: '/v1/snippets/:id', command: 'snippets.save', tag: 'snippets', summary: "Change a saved reply: its title and text, and its shortcut when given (null removes it) (admins).", params: idParam, body: pick(paramSchemas['snippets.save'], ['title', 'shortcut', 'body'], ['title', 'body']), toParams: (r) => ({ ...b(r), id: p(r).id }) },
  { method: 'GET', url: '/v1/templates', command: 'templates.list', tag: 'templates', summary: "The workspace's WhatsApp templates, approved ones first: what may be sent outside the 24-hour window (messages.send with `template`).", toParams: () => ({}) },
  { method: 'DELETE', url: '/v1/snippets/:id', command: 'snippets.delete', tag: 'snippets', summary: 'Remove a saved reply (admins).', params: idParam, toParams: (r) => ({ id: p(r).id }) },
  { method: 'GET', url: '/v1/users', command: 'users.list', tag: 'users', summary: "The workspace's agents.", toParams: () => ({}) },
  { method: 'PATCH', url: '/v1/contacts/:id', command: 'contacts.update', tag: 'contacts', summary: 'Name a contact (Create lead), set its email and do-not-disturb channels.', params: idParam, body: pick(paramSchemas['contacts.update'], ['firstName', 'lastName', 'email', 'dnd', 'timezone', 'custom']), toParams: (r) => ({ ...b(r), id: p(r).id }) },
  { method: 'GET', url: '/v1/contacts/:id/reachability', command: 'contacts.reachability', tag: 'contacts', summary: 'Whether each channel can reach the contact now, and why not.', params: idParam, toParams: (r) => ({ id: p(r).id }) },
  { method: 'GET', url: '/v1/contacts/:id/consent', command: 'consent.list', tag: 'contacts', summary: "The contact's consent ledger, newest first.", params: idParam, toParams: (r) => ({ contactId: p(r).id }) },
  { method: 'POST', url: '/v1/contacts/:id/consent', command: 'consent.set', tag: 'contacts', status: 201, summary: 'Record a consent change (pending starts a double opt-in: the confirmation text is sent).', params: idParam, body: pick(paramSchemas['consent.set'], ['channel', 'status', 'messageId'], ['channel', 'status']), toParams: (r) => ({ ...b(r), contactId: p(r).id }) },
  { method: 'POST', url: '/v1/conversations/:id/activities', command: 'activities.post', tag: 'messages', status: 201, summary: "Post an activity card from the host into the thread (idempotent on clientId).", params: idParam, body: pick(paramSchemas['activities.post'], ['clientId', 'title', 'body', 'status', 'link', 'linkLabel', 'actor'], ['clientId', 'title']), toParams: (r) => ({ ...b(r), conversationId: p(r).id }) },
  { method: 'GET', url: '/v1/contacts/:id/cards', command: 'contactCards.list', tag: 'contacts', summary: "The host's cards about the contact (deals, appointments, inspections, invoices).", params: idParam, toParams: (r) => ({ contactId: p(r).id }) },
  { method: 'PUT', url: '/v1/contacts/:id/cards/:key', command: 'contactCards.save', tag: 'contacts', summary: "Create or replace one of the host's cards about the contact, by the host's key for its record.", params: cardParams, body: pick(paramSchemas['contactCards.save'], ['kind', 'title', 'subtitle', 'status', 'amount', 'link', 'actions', 'position'], ['kind', 'title']), toParams: (r) => ({ ...b(r), contactId: p(r).id, key: p(r).key }) },
  { method: 'DELETE', url: '/v1/contacts/:id/cards/:key', command: 'contactCards.delete', tag: 'contacts', summary: "Remove one of the host's cards about the contact.", params: cardParams, toParams: (r) => ({ contactId: p(r).id, key: p(r).key }) },
  { method: 'POST', url: '/v1/contacts', command: 'contacts.upsert', tag: 'contacts', summary: "Create or update a contact by the host's external id or its phone (contact sync).", body: pick(paramSchemas['contacts.upsert'], ['externalId', 'phone', 'firstName', 'lastName', 'email', 'group', 'tags', 'timezone', 'custom']), toParams: b },
  { method: 'GET', url: '/v1/contacts/lookup', command: 'contacts.find', tag: 'contacts', summary: "Find a contact by the host's external id or its phone, with its conversation's id.", querystring: pick(paramSchemas['contacts.find'], ['externalId', 'phone']), toParams: (r) => phonePlus(q(r)) },
  { method: 'POST', url: '/v1/contacts/:id/conversation', command: 'conversations.start', tag: 'contacts', summary: "The contact's conversation, started when it has none yet.", params: idParam, toParams: (r) => ({ contactId: p(r).id }) },
  { method: 'GET', url: '/v1/contacts/:id', command: 'contacts.get', tag: 'contacts', summary: 'Get one contact.', params: idParam, toParams: (r) => ({ id: p(r).id }) },
  { method: 'POST', url: '/v1/conversations/:id/calls', command: 'calls.start', tag: 'calls', status: 201, summary: "Click to call: ring your phone, then the contact's, and join them; logged in the thread.", params: idParam, body: pick(paramSchemas['calls.start'], ['agentPhone']), toParams: (r) => ({ ...b(r), conversationId: p(r).id }) },
  { method: 'POST', url: '/v1/attachments/:id/link', command: 'attachments.link', tag: 'messages', summary: 'A link that opens one file for 10 minutes (for an <audio> or <img> that cannot send the token).', params: idParam, toParams: (r) => ({ id: p(r).id }) },
  { method: 'POST', url: '/v1/attachments/upload-link', command: 'attachments.uploadLink', tag: 'messages', summary: 'A link that uploads files as you for 10 minutes, without the bearer token, from a page of any origin (for an upload that shows its progress).', toParams: () => ({}) },
  { method: 'GET', url: '/v1/events', command: 'events.since', tag: 'events', summary: 'Events after a seq, oldest first.', querystring: paramSchemas['events.since'], toParams: q },
];

export async function restRoutes(app: FastifyInstance, services: RestServices): Promise<void> {
  for (const spec of routes) {
    app.route({
      method: spec.method,
      url: spec.url,
      schema: {
        summary: spec.summary,
        tags: [spec.tag],
        security: [{ bearer: [] }],
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.querystring ? { querystring: spec.querystring } : {}),
        ...(spec.body ? { body: spec.body } : {}),
        response: { [spec.status ?? 200]: resultSchemas[spec.command], ...errorResponses },
      },
      // A POST with no body is an empty object (POST /read needs nothing but the id).
      preValidation: async (request) => {
        if (spec.body && request.body === undefined) request.body = {};
      },
      handler: async (request, reply) => withBearerActor(services, request, (authenticated, limits) => runFor(request, reply, spec, authenticated, limits), 'per command'),
    });
  }

  /** Runs the route's command for a signed-in actor. */
  async function runFor(request: FastifyRequest, reply: FastifyReply, spec: RouteSpec, { actor }: Authenticated, limits: ServerLimits) {
    requireCommandScope(actor, spec.command);
    const ctx: CommandContext = {
      actor,
      // A backend reading the event log over REST pages through all of it: it has no views to
      // reload, so it is never told to resync.
      limits: { ...limits, catchUpEvents: Number.MAX_SAFE_INTEGER },
      em: services.orm.em.fork() as unknown as EntityManager,
      orm: services.orm,
      publish: (events) => services.publish(actor.workspaceId, events),
      kickDispatcher: services.kickDispatcher,
      providers: services.providers,
    };
    const data = await services.metrics.command(spec.command, () => runCommand(ctx, spec.command, spec.toParams(request)));
    return reply.status(spec.status ?? 200).send(data);
  }
}

/**
 * Runs `work` for the bearer of the request's token, signed in, within the same budget as the
 * user's sockets (taken before anything is written: REST is no way around the socket's limits).
 * The bearer is an agent's token or an API key; a key must hold `scope` (null: keys are refused;
 * 'per command': the command table's scope is checked by the caller, in runFor).
 */
export async function withBearerActor<T>(
  services: Pick<RestServices, 'orm' | 'limiter'>,
  request: FastifyRequest,
  work: (authenticated: Authenticated, limits: ServerLimits) => Promise<T>,
  scope: ApiKeyScope | null | 'per command' = null,
  what = 'use this route',
): Promise<T> {
  const token = bearerToken(request);
  if (isApiKey(token)) {
    const key = await verifyApiKey(services.orm, token);
    const authenticated = serviceActor(key);
    if (scope !== 'per command') requireScope(authenticated.actor, scope, what);
    return withinBudget(services, key.workspace, `api-key:${key.keyId}`, (limits) => work(authenticated, limits));
  }
  const credentials = await verifyCredentials(services.orm, token);
  return withinBudget(services, credentials.workspace, credentials.claims.sub, async (limits) => work(await signIn(services.orm, credentials), limits));
}

/** Checks a bearer (a token, or an API key holding `scope`) without signing anyone in: for refusing a stranger's upload before its body is read. */
export async function verifyBearer(orm: Orm, token: string, scope: ApiKeyScope, what: string): Promise<void> {
  if (!isApiKey(token)) {
    await verifyCredentials(orm, token);
    return;
  }
  const key = await verifyApiKey(orm, token);
  requireScope(serviceActor(key).actor, scope, what);
}

export function bearerToken(request: FastifyRequest): string {
  const match = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '');
  if (!match) throw new AppError('unauthenticated', 'Send the token or API key as "Authorization: Bearer <token>".');
  return match[1]!;
}

async function withinBudget<T>(services: Pick<RestServices, 'limiter'>, workspace: Workspace, who: string, work: (limits: ServerLimits) => Promise<T>): Promise<T> {
  const limits = services.limiter.limitsFor(workspace.id, workspace.rateLimits);
  const release = services.limiter.admitUserCommand(userLimitKey(workspace.id, who), limits);
  try {
    return await work(limits);
  } finally {
    release();
  }
}

export function serviceActor({ workspace, user, keyId, scopes }: VerifiedApiKey): Authenticated {
  return {
    actor: { workspaceId: workspace.id, userId: user.id, userName: user.name, role: 'admin', service: { keyId, scopes } },
    user,
    workspace,
    // A key lives until it is revoked; each request checks it again.
    expiresAt: Number.MAX_SAFE_INTEGER,
    signedWith: `api-key:${keyId}`,
  };
}
