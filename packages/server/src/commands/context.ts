import type { EntityManager } from '@mikro-orm/sql';
import type { Role, ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from '../db/orm.js';
import type { ServerLimits } from '../limits/limits.js';
import type { Keyring } from '../secrets/keyring.js';
import type { SandboxCalls } from '../modules/calls/sandbox-calls.js';

/** What commands that reach a provider, or hand out links, need besides the database. */
export interface ProviderServices {
  /** Opens a workspace's Twilio secrets, and signs links. */
  keyring: Keyring;
  /** CONVKIT_TWILIO_API_URL: a stand-in for Twilio's API; null for Twilio itself. */
  twilioApiUrl: string | null;
  /** The server's PUBLIC_URL, as providers and browsers reach it. */
  publicUrl(): string;
  /** Click to call in a workspace with no Twilio account. */
  sandboxCalls: SandboxCalls;
}

/** Who is asking: resolved from a verified token, never from anything the client sends. */
export interface Actor {
  workspaceId: string;
  userId: string;
  userName: string;
  role: Role;
  /**
   * Set when an API key of the host's backend is asking: its own service user (never an agent:
   * no read state, not listed), limited to the key's scopes.
   */
  service?: { keyId: string; scopes: readonly string[] };
}

/** What every command handler gets: its own EntityManager fork, the actor, and the app's services. */
export interface CommandContext {
  actor: Actor;
  em: EntityManager;
  orm: Orm;
  /** The limits the caller is held to (catchUpEvents bounds events.since). */
  limits: ServerLimits;
  /** Sends committed events to the workspace's sockets. */
  publish(events: ServerEvent[]): void;
  providers: ProviderServices;
  /** Wakes the outbound dispatcher after a send was committed. */
  kickDispatcher(): void;
  /** Tells the caller how far a long operation got (a socket hears it; REST does not). */
  reportProgress?(progress: { operationId: string; done: number; total: number }): void;
}
