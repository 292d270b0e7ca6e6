// One answer to "can this workspace send on this channel to this contact, now?", asked by every
// send path (an agent's send, the dispatcher before it calls the provider, the composer before
// the agent types). It weighs the contact's address, do-not-disturb, consent and opt-out on the
// sending number, and WhatsApp's 24-hour window. A refusal has a stable reason and a sentence
// the composer shows as it is.
import { workspaceSenders } from './senders.js';
import type { EntityManager } from '@mikro-orm/sql';
import type { Channel } from '@convkit/sdk/protocol';
import { sqlAll } from '../../db/sql.js';
import { channelCanReach } from '../../channels/registry.js';
import type { Contact } from '../contacts/contact.entity.js';
import type { Workspace } from '../workspaces/workspace.entity.js';
import { contactName } from '../dto.js';
import { consentChannel, consentFrom, ledgerOf, type ConsentRow, type ConsentState } from './ledger.js';

/** Why a channel cannot be used now; stable, for code to switch on. */
export type ReachReason = 'no_address' | 'dnd' | 'opted_out' | 'consent_pending' | 'no_consent' | 'whatsapp_window';

/**
 * Who a send is for, which decides what consent it needs. An agent's reply, sent now or
 * scheduled, needs no opt-out (and granted consent where the workspace requires it); automated
 * sends need granted consent; a compliance text (a confirmation request) needs none given,
 * but never goes to a contact who opted out or is set to do-not-disturb.
 */
export type SendPurpose = 'agent' | 'automated' | 'scheduled' | 'compliance';

export interface Reach {
  channel: Channel;
  ok: boolean;
  reason: ReachReason | null;
  /** What the composer shows when the channel cannot be used. */
  message: string | null;
  /** The number the workspace sends this channel from, and the contact's consent for it. */
  sender: string | null;
  consent: ConsentState | null;
  /** An inbound text that may revoke consent, waiting for an agent to confirm or dismiss it. */
  flagged: { messageId: string | null; text: string; at: string } | null;
}

/** The channels a composer offers. */
export const REACHABLE_CHANNELS: Channel[] = ['sms', 'mms', 'whatsapp', 'email'];
const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

async function lastWhatsAppFrom(em: EntityManager, workspaceId: string, contactId: string): Promise<number | null> {
  const [row] = await sqlAll<{ at: unknown }>(
    em,
    "select max(m.created_at) as at from messages m join conversations c on c.id = m.conversation_id where c.workspace_id = ? and c.contact_id = ? and m.direction = 'inbound' and m.channel = 'whatsapp'",
    [workspaceId, contactId],
  );
  return row?.at == null ? null : Number(row.at);
}

const dateOf = (row: ConsentRow) => new Date(Number(row.created_at)).toISOString().slice(0, 10);

/** Each channel's answer for one contact. */
export async function reachability(em: EntityManager, workspace: Workspace, contact: Contact, purpose: SendPurpose, channels: Channel[] = REACHABLE_CHANNELS, now = Date.now()): Promise<Reach[]> {
  const numbers = await workspaceSenders((text, params) => sqlAll(em, text, params), workspace.id);
  const ledger = channels.some((c) => consentChannel(c)) ? await ledgerOf((text, params) => sqlAll(em, text, params), workspace.id, contact.id) : [];
  const whatsappAt = channels.includes('whatsapp') ? await lastWhatsAppFrom(em, workspace.id, contact.id) : null;
  const name = contactName(contact) || contact.phone || 'This contact';
  const dnd = new Set(Array.isArray(contact.dnd) ? contact.dnd : []);
  return channels.map((channel): Reach => {
    const family = consentChannel(channel);
    const sender = family === 'sms' ? numbers.sms : family === 'whatsapp' ? numbers.whatsapp : null;
    const consent = family && sender ? consentFrom(ledger, family, sender) : { state: null, decided: null, flagged: null };
    const flagged = consent.flagged ? { messageId: consent.flagged.message_id, text: consent.flagged.note, at: new Date(Number(consent.flagged.created_at)).toISOString() } : null;
    const answer = (reason: ReachReason | null, message: string | null): Reach => ({ channel, ok: reason === null, reason, message, sender, consent: consent.state, flagged });
    const unreachable = channelCanReach(channel, contact);
    if (unreachable) return answer('no_address', unreachable);
    // Do-not-disturb on SMS covers MMS, as SMS consent does.
    if (dnd.has(channel) || dnd.has('all') || (channel === 'mms' && dnd.has('sms'))) return answer('dnd', `${name} is set to Do Not Disturb for ${channel === 'email' ? 'email' : channel.toUpperCase()}: turn it off in their contact details to send.`);
    if (!family) return answer(null, null);
    if (consent.state === 'revoked') {
      return answer('opted_out', `${name} opted out of messages from ${sender} (${consent.decided!.source === 'keyword' ? `they replied ${consent.decided!.note.toUpperCase()}` : `recorded by ${consent.decided!.user_name ?? 'the host'}`} on ${dateOf(consent.decided!)}). They can opt back in by texting START.`);
    }
    // A HELP answer or a confirmation request needs no consent given, but never goes to a contact who opted out.
    if (purpose === 'compliance') return answer(null, null);
    if (consent.state === 'pending') return answer('consent_pending', `${name} has not confirmed yet: they must reply YES to the confirmation text before anything else can be sent.`);
    // Automated sends need consent given; an agent's reply (now or scheduled) only where the workspace requires it.
    if (consent.state !== 'granted' && (purpose === 'automated' || workspace.consentRequired)) {
      return answer('no_consent', `${name} has not agreed to receive messages from ${sender}: ask them to text START, or send a confirmation request.`);
    }
    if (channel === 'whatsapp' && (whatsappAt === null || now - whatsappAt > WHATSAPP_WINDOW_MS)) {
      return answer('whatsapp_window', `${name} has not written on WhatsApp in the last 24 hours: WhatsApp allows only an approved template until they write again.`);
    }
    return answer(null, null);
  });
}

/** One channel's answer. */
export async function gate(em: EntityManager, workspace: Workspace, contact: Contact, channel: Channel, purpose: SendPurpose): Promise<Reach> {
  return (await reachability(em, workspace, contact, purpose, [channel]))[0]!;
}
