// An email reply's subject, above the text while the reply goes by email. Left empty, the server
// answers the contact's last email ("Re:" its subject, threaded under it), or, to a contact who
// never wrote by email, names the workspace; what the agent types replaces that.
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { Localize } from '../../i18n/localize.js';

/** The longest subject messages.send takes. */
const SUBJECT_MAX = 200;

export class EmailSubject {
  readonly #host: ReactiveControllerHost;
  value = '';

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** What messages.send gets: the subject typed, or nothing for the server's. */
  params(channel: string, note: boolean): { subject?: string } {
    const subject = this.value.trim();
    return channel === 'email' && !note && subject ? { subject } : {};
  }

  clear(): void {
    this.value = '';
  }

  render(l: Localize, channel: string, note: boolean) {
    if (channel !== 'email' || note) return nothing;
    return html`<input
      class="subject"
      part="subject"
      maxlength=${SUBJECT_MAX}
      aria-label=${l.t('composerSubject')}
      placeholder=${l.t('composerSubjectPlaceholder')}
      .value=${this.value}
      @input=${(event: Event) => {
        this.value = (event.target as HTMLInputElement).value;
        this.#host.requestUpdate();
      }}
    />`;
  }
}
