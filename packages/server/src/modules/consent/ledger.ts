// Reading and appending the consent ledger. Consent is per contact, channel family and sending
// number: the state is the latest pending, granted or revoked entry for that key, and a flagged
// entry newer than it is a possible revocation waiting for an agent.
import type { Channel } from '@convkit/sdk/protocol';
import { newId } from '../../db/columns.js';
import type { Sql, Write } from '../../db/sql.js';
import { cutText, storableLine } from '../../text/storable.js';
import { rowsOf } from '../messages/inbound-rows.js';
import type { CONSENT_CHANNELS, CONSENT_SOURCES, CONSENT_STATUSES } from './consent.entity.js';
import { consentIntent } from './keywords.js';
import { workspaceSenders, type Senders } from './senders.js';

export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export type ConsentSource = (typeof CONSENT_SOURCES)[number];
export type ConsentState = 'pending' | 'granted' | 'revoked';

/** The consent a channel's messages need: SMS consent covers MMS; other channels have none. */
export function consentChannel(channel: Channel | null | undefined): ConsentChannel | null {
  return channel === 'sms' || channel === 'mms' ? 'sms' : channel === 'whatsapp' ? 'whatsapp' : null;
}

/** A provider's address as the ledger keys it: "whatsapp:+1555…" is +1555…. */
export const senderKey = (address: string) => address.replace(/^whatsapp:/, '').slice(0, 32);

export interface NewConsentEntry {
  contactId: string;
  channel: ConsentChannel;
  sender: string;
  status: ConsentStatus;
  source: ConsentSource;
  messageId: string | null;
  userName: string | null;
  note: string;
}

export interface ConsentRow {
  id: string;
  contact_id: string;
  channel: ConsentChannel;
  sender: string;
  status: ConsentStatus;
  source: ConsentSource;
  message_id: string | null;
  user_name: string | null;
  note: string;
  created_at: number | string;
}

export function consentInsert(workspaceId: string, entries: NewConsentEntry[], at: number): Write | null {
  if (entries.length === 0) return null;
  const rows = entries.map((e) => [newId(), workspaceId, e.contactId, e.channel, senderKey(e.sender), e.status, e.source, e.messageId, e.userName, cutText(storableLine(e.note), 500), at]);
  return { text: `insert into consent_events (id, workspace_id, contact_id, channel, sender, status, source, message_id, user_name, note, created_at) values ${rowsOf(rows)}`, params: rows.flat() };
}

/** A query on whatever connection the caller holds (the inbound transaction's, or an EntityManager's). */
export type Query = <T>(text: string, params: unknown[]) => Promise<T[]>;

/** A contact's ledger, newest first (ids are time-ordered). */
export async function ledgerOf(all: Query, workspaceId: string, contactId: string, limit = 200): Promise<ConsentRow[]> {
  return all<ConsentRow>(`select * from consent_events where workspace_id = ? and contact_id = ? order by id desc limit ${limit}`, [workspaceId, contactId]);
}

export interface ChannelConsent {
  state: ConsentState | null;
  /** The newest entry deciding the state. */
  decided: ConsentRow | null;
  /** A text that may revoke consent, newer than the state, that no agent has dealt with yet. */
  flagged: ConsentRow | null;
}

/** The consent of one key, from a contact's ledger (newest first). */
export function consentFrom(ledger: ConsentRow[], channel: ConsentChannel, sender: string): ChannelConsent {
  const key = senderKey(sender);
  let flagged: ConsentRow | null = null;
  // A dismissal settles the flag it names and every older one; a flag that came after that one
  // (even before the dismissal) still waits for an agent. One naming no message settles all before it.
  const dismissed = new Set<string>();
  let settled = false;
  for (const entry of ledger) {
    if (entry.channel !== channel || entry.sender !== key) continue;
    if (entry.status === 'dismissed') {
      if (entry.message_id) dismissed.add(entry.message_id);
      else settled = true;
    } else if (entry.status === 'flagged') {
      if (entry.message_id && dismissed.has(entry.message_id)) settled = true;
      if (!settled) flagged ??= entry;
    } else if (entry.status === 'pending' || entry.status === 'granted' || entry.status === 'revoked') {
      return { state: entry.status, decided: entry, flagged };
    }
  }
  return { state: null, decided: null, flagged };
}

export interface InboundForConsent {
  contactId: string;
  messageId: string;
  channel: Channel;
  /** The workspace's number the contact wrote to. */
  to: string | null;
  body: string;
}

/**
 * The ledger entries inbound messages make: STOP and kin revoke, START grants, YES grants a
 * pending opt-in, and a text that reads like a revocation is flagged. Written in the inbound
 * transaction itself, so a STOP is never stored without its effect.
 */
export async function inboundConsent(sql: Sql, workspaceId: string, items: InboundForConsent[], at: number): Promise<Write | null> {
  const entries: NewConsentEntry[] = [];
  let senders: Senders | undefined;
  /** What this batch has decided so far, per key: a STOP then a YES in one batch is not a grant. */
  const decided = new Map<string, ConsentState>();
  for (const item of items) {
    const channel = consentChannel(item.channel);
    if (!channel || !item.to) continue;
    const intent = consentIntent(item.body);
    if (!intent || intent === 'help') continue;
    // Texts to a Messaging Service's numbers (or its RCS sender) share its consent, and a text
    // over RCS counts on the workspace's SMS sender: keyed as the gate keys them.
    if (channel === 'sms') senders ??= await workspaceSenders((text, params) => sql.all(text, params), workspaceId);
    const shared = channel === 'sms' && senders?.sms && (senders.service || item.to.startsWith('rcs:'));
    const sender = shared ? senders!.sms! : item.to;
    const key = `${item.contactId} ${channel} ${senderKey(sender)}`;
    const base = { contactId: item.contactId, channel, sender, messageId: item.messageId, userName: null };
    const record = (status: ConsentStatus, source: ConsentSource, note: string) => {
      entries.push({ ...base, status, source, note });
      if (status === 'pending' || status === 'granted' || status === 'revoked') decided.set(key, status);
    };
    if (intent === 'revoke') record('revoked', 'keyword', item.body.trim());
    else if (intent === 'grant') record('granted', 'keyword', item.body.trim());
    else if (intent === 'maybe_revoke') record('flagged', 'inbound_text', item.body);
    else if ((decided.get(key) ?? consentFrom(await ledgerOf((text, params) => sql.all(text, params), workspaceId, item.contactId, 50), channel, sender).state) === 'pending') {
      // YES means something only as the answer to a confirmation request.
      record('granted', 'keyword', item.body.trim());
    }
  }
  return consentInsert(workspaceId, entries, at);
}
