// A message the host's automation sends (seed 004: "Thanks for visiting 22 Birch Ave!"), as
// opposed to an agent's reply: the thread shows it as sent by "Auto" (or the name given) with a
// link to the record it was sent for, the send gate asks for the contact's consent, and the
// outbox holds it through quiet hours (dispatch/dispatcher.ts: purposeOf).
import type { CommandParams } from '@convkit/sdk/protocol';
import { AppError } from '../../errors.js';
import { storableLine } from '../../text/storable.js';
import { hostLink } from '../host-links.js';

export interface AutomatedSender {
  name: string;
  meta: { automated: true; link?: string; linkLabel?: string };
}

export function automatedSender(params: CommandParams<'messages.send'>): AutomatedSender | null {
  const automated = params.automated;
  if (!automated) return null;
  if (params.kind === 'note') throw new AppError('invalid_params', 'automated: an internal note is the team\'s, never automation\'s.', { path: 'automated' });
  const name = automated.name === undefined ? 'Auto' : storableLine(automated.name).trim() || 'Auto';
  const linkLabel = automated.linkLabel === undefined ? '' : storableLine(automated.linkLabel).trim();
  return {
    name,
    meta: { automated: true, ...(automated.link ? { link: hostLink('automated.link', automated.link) } : {}), ...(linkLabel ? { linkLabel } : {}) },
  };
}
