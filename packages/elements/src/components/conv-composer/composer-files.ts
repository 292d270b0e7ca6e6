// The files a reply carries: picked or dropped, checked against what the channel carries (the
// protocol's refuseFiles, the table the server checks again on send), uploaded at once by a link
// (attachments.uploadLink) so the agent sees each one's progress, and sent by their ids.
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { refuseFiles, isConvError, type Channel, type ConvClient, type FileRefusal } from '@convkit/sdk';
import type { Localize } from '../../i18n/localize.js';
import { channelLabel } from '../../internal/channels.js';

export interface PendingFile {
  key: number;
  file: File;
  /** Sent so far, 0 to 1. */
  progress: number;
  state: 'uploading' | 'ready' | 'failed';
  /** The upload's id once it is done. */
  id?: string;
  error?: string;
  request?: XMLHttpRequest;
}

/** A link is asked for again this long before it expires. */
const LINK_MARGIN_MS = 60_000;

let nextKey = 1;

/** A file name with any lone surrogate replaced, which encodeURIComponent would throw on. */
const wellFormed = (name: string) => name.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** The type a file is checked and sent as (what the browser says, else bytes). */
const typeOf = (file: File) => file.type || 'application/octet-stream';

export class ComposerFiles implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #client: () => ConvClient | undefined;
  files: PendingFile[] = [];
  #link: { url: string; expiresAt: number; client: ConvClient } | null = null;

  constructor(host: ReactiveControllerHost, client: () => ConvClient | undefined) {
    this.#host = host;
    this.#client = client;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.clear();
  }

  /** Why the files, with `more` added, cannot go on `channel` (or as a note); null when they can. */
  refusal(channel: Channel, note: boolean, more: readonly File[] = []): FileRefusal | null {
    const files = [...this.files.map((f) => f.file), ...more].map((file) => ({ name: file.name, type: typeOf(file), size: file.size }));
    return refuseFiles(note ? null : channel, note ? 'note' : 'message', files);
  }

  /** Every file is uploaded: the reply can go. */
  get ready(): boolean {
    return this.files.every((f) => f.state === 'ready');
  }

  get ids(): string[] {
    return this.files.map((f) => f.id!).filter(Boolean);
  }

  /** Starts uploading `files`; the caller has checked them against the channel. */
  add(files: readonly File[]): void {
    for (const file of files) {
      const item: PendingFile = { key: nextKey++, file, progress: 0, state: 'uploading' };
      this.files = [...this.files, item];
      void this.#upload(item);
    }
    this.#host.requestUpdate();
  }

  remove(key: number): void {
    this.files.find((f) => f.key === key)?.request?.abort();
    this.files = this.files.filter((f) => f.key !== key);
    this.#host.requestUpdate();
  }

  /** Forgets every file (sent, or the composer left), stopping uploads still going. */
  clear(): void {
    for (const f of this.files) f.request?.abort();
    this.files = [];
    this.#host.requestUpdate();
  }

  retry(key: number): void {
    const item = this.files.find((f) => f.key === key);
    if (!item || item.state !== 'failed') return;
    Object.assign(item, { state: 'uploading', progress: 0, error: undefined });
    void this.#upload(item);
    this.#host.requestUpdate();
  }

  async #uploadLink(client: ConvClient): Promise<string> {
    if (this.#link && this.#link.client === client && this.#link.expiresAt - Date.now() > LINK_MARGIN_MS) return this.#link.url;
    const { url, expiresAt } = await client.request('attachments.uploadLink', {});
    this.#link = { url, expiresAt: Date.parse(expiresAt), client };
    return url;
  }

  async #upload(item: PendingFile): Promise<void> {
    const client = this.#client();
    const update = (change: Partial<PendingFile>) => {
      Object.assign(item, change);
      this.#host.requestUpdate();
    };
    if (!client) return update({ state: 'failed', error: '' });
    let url: string;
    try {
      url = await this.#uploadLink(client);
    } catch (error) {
      return update({ state: 'failed', error: isConvError(error) ? error.message : '' });
    }
    if (!this.files.includes(item)) return;
    const request = new XMLHttpRequest();
    item.request = request;
    request.open('POST', `${url}&name=${encodeURIComponent(wellFormed(item.file.name))}`);
    request.setRequestHeader('content-type', typeOf(item.file));
    request.upload.onprogress = (event) => event.lengthComputable && update({ progress: event.loaded / event.total });
    request.onload = () => {
      let answer: { id?: string; error?: { message?: string } } = {};
      try {
        answer = JSON.parse(request.responseText) as typeof answer;
      } catch {
        // Not ours (a proxy's page): said as the status below.
      }
      if (request.status === 201 && answer.id) update({ state: 'ready', progress: 1, id: answer.id, request: undefined });
      else update({ state: 'failed', error: answer.error?.message ?? `HTTP ${request.status}`, request: undefined });
    };
    request.onerror = () => update({ state: 'failed', error: '', request: undefined });
    request.send(item.file);
  }
}

/** What the Attach input and a drop on the composer hand over: their files, to `add`. */
export function fileEvents(add: (files: File[]) => void) {
  return {
    pick(event: Event): void {
      const input = event.target as HTMLInputElement;
      add(Array.from(input.files ?? []));
      input.value = '';
    },
    dragOver(event: DragEvent): void {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    },
    drop(event: DragEvent): void {
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (files.length === 0) return;
      event.preventDefault();
      add(files);
    },
  };
}

/** A refusal in the agent's language: what the channel takes, and what these files are. */
export function refusalText(l: Localize, refusal: FileRefusal, channel: Channel, note: boolean): string {
  const name = note ? l.t('composerNoteName') : channelLabel(l, channel === 'sms' ? 'mms' : channel);
  switch (refusal.code) {
    case 'too_long':
      return l.t('composerFilesTooMany', name, refusal.limit);
    case 'too_large':
      return l.t('composerFilesTooLarge', name, fileSize(l, refusal.limit), fileSize(l, refusal.total));
    default:
      return refusal.file ? l.t('composerFileType', name, refusal.file) : l.t('composerNoFiles', name);
  }
}

export function fileSize(l: Localize, bytes: number): string {
  const mb = bytes >= 1024 * 1024;
  return l.number(mb ? bytes / (1024 * 1024) : Math.max(1, Math.round(bytes / 1024)), { style: 'unit', unit: mb ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 });
}

/** The files being sent: each with its size, its upload's progress or why it failed, and Remove. */
export function renderFiles(l: Localize, files: ComposerFiles) {
  if (files.files.length === 0) return nothing;
  return html`<ul class="files" part="attachments" aria-label=${l.t('composerFiles')}>
    ${files.files.map(
      (f) => html`<li class="file" part="attachment" data-state=${f.state}>
        <span class="file-name">${f.file.name}</span>
        <span class="hint">${fileSize(l, f.file.size)}</span>
        ${f.state === 'uploading'
          ? html`<progress part="attachment-progress" max="1" .value=${f.progress} aria-label=${l.t('composerUploading', f.file.name)}></progress>`
          : f.state === 'failed'
            ? html`<span class="file-error" role="alert">${l.t('composerUploadFailed', f.error ?? '')}</span>
                <button class="button" type="button" part="attachment-retry" @click=${() => files.retry(f.key)}>${l.t('retry')}</button>`
            : nothing}
        <button class="button icon" type="button" part="attachment-remove" aria-label=${l.t('composerRemoveFile', f.file.name)} @click=${() => files.remove(f.key)}>×</button>
      </li>`,
    )}
  </ul>`;
}
