// Which adapter a workspace's send goes through. A workspace with its own Twilio account sends
// SMS, MMS and WhatsApp through it; every other send goes through the server's registry (the
// sandbox, unless a channel was given an adapter). The account is read at each send (one row by
// its key), so saved settings apply to the next send on every node; the adapter built from them
// is kept until they change.
import type { EntityManager } from '@mikro-orm/sql';
import type { Channel } from '@convkit/sdk/protocol';
import type { Keyring } from '../secrets/keyring.js';
import type { Workspace } from '../modules/workspaces/workspace.entity.js';
import type { ChannelAdapter } from './channel.js';
import type { ChannelRegistry } from './registry.js';
import { TwilioAdapter } from './twilio/adapter.js';
import { loadTwilioAccount, restCredentials } from './twilio/settings.js';
import { TWILIO_TIMEOUT_MS } from './twilio/client.js';
import { statusCallbackUrl } from './twilio/paths.js';
import { mediaLink } from '../modules/attachments/media-links.js';

const TWILIO_CHANNELS = new Set<Channel>(['sms', 'mms', 'whatsapp']);

export interface Route {
  adapter: ChannelAdapter;
  /** The number the message goes from. */
  from: string | null;
  /** Where the provider reports on the message. */
  statusCallback: string;
  /** A link the provider fetches one of the message's files from. */
  mediaLink(attachmentId: string): string;
}

export class WorkspaceChannels {
  readonly #keyring: Keyring;
  readonly #registry: ChannelRegistry;
  readonly #twilioApiUrl: string | null;
  readonly #publicUrl: () => string;
  readonly #timeoutMs: number;
  readonly #adapters = new Map<string, { updatedAt: number; adapter: TwilioAdapter }>();

  /**
   * `leaseMs` is how long a claimed send is this node's (the outbox lease): a request to Twilio
   * gives up within half of it, so its outcome (or its reconciliation) is recorded while the send
   * is still this node's, never while another node has claimed it again and is sending it too.
   */
  constructor(keyring: Keyring, registry: ChannelRegistry, options: { twilioApiUrl: string | null; publicUrl: () => string; leaseMs: number }) {
    this.#keyring = keyring;
    this.#registry = registry;
    this.#twilioApiUrl = options.twilioApiUrl;
    this.#publicUrl = options.publicUrl;
    this.#timeoutMs = Math.min(TWILIO_TIMEOUT_MS, Math.floor(options.leaseMs / 2));
  }

  async route(em: EntityManager, workspace: Workspace, channel: Channel, messageId: string): Promise<Route> {
    const account = TWILIO_CHANNELS.has(channel) ? await loadTwilioAccount(em, this.#keyring, workspace.id) : null;
    const publicUrl = account?.publicUrl ?? this.#publicUrl();
    const statusCallback = statusCallbackUrl(publicUrl, workspace.slug, messageId);
    const links = (attachmentId: string) => mediaLink(this.#keyring, publicUrl, attachmentId);
    if (!account) return { adapter: this.#registry.adapterFor(channel), from: workspace.smsNumber ?? null, statusCallback, mediaLink: links };
    let kept = this.#adapters.get(workspace.id);
    if (!kept || kept.updatedAt !== account.updatedAt) {
      const credentials = restCredentials(account);
      kept = {
        updatedAt: account.updatedAt,
        adapter: new TwilioAdapter({
          accountSid: account.accountSid,
          secret: credentials?.secret ?? '',
          apiKeySid: credentials?.apiKeySid ?? undefined,
          messagingServiceSid: account.messagingServiceSid ?? undefined,
          whatsappFrom: account.whatsappNumber ?? undefined,
          apiUrl: this.#twilioApiUrl,
          timeoutMs: this.#timeoutMs,
        }),
      };
      this.#adapters.set(workspace.id, kept);
    }
    return { adapter: kept.adapter, from: account.messagingNumbers[0] ?? null, statusCallback, mediaLink: links };
  }
}
