// A text from the contact that may revoke consent ("stop texting me"), and the agent's one-click
// answer: confirm the opt-out, or dismiss it. The send gate is asked again after either.
import { html } from 'lit';
import { isConvError, type Channel, type ConvClient } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';

export interface ConsentFlag {
  text: string;
  messageId: string | null;
  channel: Channel;
  contactId: string | undefined;
  client: ConvClient | undefined;
  /** Says why the answer was not recorded. */
  failed(message: string): void;
  /** Asks the send gate again. */
  refresh(): Promise<void>;
}

export function renderConsentFlag(l: Localize, flag: ConsentFlag) {
  const answer = (status: 'revoked' | 'dismissed') => async () => {
    const { client, contactId, messageId, channel } = flag;
    if (!client || !contactId) return;
    try {
      await client.request('consent.set', { contactId, channel: channel === 'whatsapp' ? 'whatsapp' : 'sms', status, ...(messageId ? { messageId } : {}) });
    } catch (error) {
      flag.failed(l.t('composerNotSent', isConvError(error) ? error.message : ''));
    }
    await flag.refresh();
  };
  return html`
    <div class="consent-flag" part="consent-flag" role="alert">
      <span>${l.t('consentFlagged', flag.text)}</span>
      <button class="button" type="button" @click=${answer('revoked')}>${l.t('consentConfirmOptOut')}</button>
      <button class="button" type="button" @click=${answer('dismissed')}>${l.t('consentDismiss')}</button>
    </div>
  `;
}
