// What an API key may do. A key is given scopes when it is created; every command (and every
// REST route outside the command table) names the one scope it needs, and a key without it is
// refused before anything runs. A write scope includes reading the same things.
import type { RegistryCommand } from '../../commands/registry.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../commands/context.js';

export const API_KEY_SCOPES = [
  'conversations:read',
  'conversations:write',
  'messages:read',
  'messages:write',
  'contacts:read',
  'contacts:write',
  'events:read',
  'settings:read',
  'settings:write',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * A service identity has no read state and no phone: what only a person does is refused for
 * keys whatever their scopes, with the reason.
 */
const PEOPLE_ONLY = { reason: 'it is a person\'s own' } as const;

const COMMAND_SCOPES: { [N in RegistryCommand]: ApiKeyScope | typeof PEOPLE_ONLY } = {
  'conversations.list': 'conversations:read',
  'conversations.counts': 'conversations:read',
  'conversations.get': 'conversations:read',
  'conversations.markRead': PEOPLE_ONLY,
  'conversations.mark': PEOPLE_ONLY,
  'conversations.update': 'conversations:write',
  'conversations.delete': 'conversations:write',
  'conversations.bulk': 'conversations:write',
  'conversations.start': 'conversations:write',
  'labels.list': 'conversations:read',
  'labels.create': 'settings:write',
  'users.list': 'settings:read',
  'workspace.update': 'settings:write',
  'snippets.list': 'settings:read',
  'snippets.save': 'settings:write',
  'snippets.delete': 'settings:write',
  'messages.list': 'messages:read',
  'messages.html': 'messages:read',
  'templates.list': 'messages:read',
  'attachments.link': 'messages:read',
  'messages.send': 'messages:write',
  'messages.retry': 'messages:write',
  'messages.cancel': 'messages:write',
  'messages.reschedule': 'messages:write',
  'activities.post': 'messages:write',
  'attachments.uploadLink': 'messages:write',
  'calls.start': PEOPLE_ONLY,
  'contacts.get': 'contacts:read',
  'contacts.find': 'contacts:read',
  'contacts.reachability': 'contacts:read',
  'consent.list': 'contacts:read',
  'contactCards.list': 'contacts:read',
  'contacts.update': 'contacts:write',
  'contacts.upsert': 'contacts:write',
  'consent.set': 'contacts:write',
  'contactCards.save': 'contacts:write',
  'contactCards.delete': 'contacts:write',
  'events.since': 'events:read',
};

export function isApiKeyScope(value: unknown): value is ApiKeyScope {
  return typeof value === 'string' && (API_KEY_SCOPES as readonly string[]).includes(value);
}

function grants(scopes: readonly string[], needed: ApiKeyScope): boolean {
  if (scopes.includes(needed)) return true;
  return needed.endsWith(':read') && scopes.includes(needed.replace(/:read$/, ':write'));
}

/**
 * Refuses a service actor whose key lacks `needed` (null: no key may do it). People pass: their
 * role decides, in the command itself.
 */
export function requireScope(actor: Actor, needed: ApiKeyScope | null, what: string): void {
  if (!actor.service) return;
  if (needed === null) throw new AppError('forbidden', `An API key cannot ${what}: use an agent's token.`);
  if (!grants(actor.service.scopes, needed)) {
    throw new AppError('forbidden', `This API key lacks the "${needed}" scope needed to ${what}. Create a key with it (POST /v1/admin/workspaces/{slug}/api-keys).`);
  }
}

export function requireCommandScope(actor: Actor, command: RegistryCommand): void {
  const needed = COMMAND_SCOPES[command];
  requireScope(actor, typeof needed === 'string' ? needed : null, typeof needed === 'string' ? `run ${command}` : `run ${command}: ${needed.reason}`);
}
