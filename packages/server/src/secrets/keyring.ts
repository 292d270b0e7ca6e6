// Workspace secrets (a provider's auth token, an API key's secret) are sealed with AES-256-GCM
// under a server key before they reach the database, so a copy of the database alone reveals
// none of them. Each sealed value names the key it was sealed with (its first 8 hex digits of
// SHA-256), and is bound to its workspace and field: a value copied into another workspace's row
// does not open there.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const FORMAT = 'ck1';
const IV_BYTES = 12;

export interface SecretKeySource {
  /** CONVKIT_SECRET_KEY: 32 bytes as base64 or hex. Every node of a deployment must share it. */
  key?: string | undefined;
  /** Where a single node keeps a generated key when CONVKIT_SECRET_KEY is unset. */
  file: string;
  /** CONVKIT_SECRET_KEY_PREVIOUS: a retired key that still opens what it sealed (rotation). */
  previous?: string | undefined;
}

/** 32 key bytes from base64 (44 characters) or hex (64); anything else is refused with why. */
export function parseSecretKey(name: string, text: string): Buffer {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (bytes.length !== 32) throw new Error(`${name}: expected 32 bytes as base64 or hex (generate one with: convkit secret-key)`);
  return bytes;
}

export function generateSecretKey(): string {
  return randomBytes(32).toString('base64');
}

const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);
const aad = (workspaceId: string, field: string) => Buffer.from(`${workspaceId}\u0000${field}`);

export class Keyring {
  readonly #current: Buffer;
  readonly #currentId: string;
  readonly #byId: Map<string, Buffer>;

  constructor(current: Buffer, previous: Buffer[] = []) {
    this.#current = current;
    this.#currentId = keyIdOf(current);
    this.#byId = new Map([current, ...previous].map((key) => [keyIdOf(key), key]));
  }

  /**
   * The server's key: CONVKIT_SECRET_KEY when set; otherwise the one in `file`, generated (and
   * readable by this user only) the first time. A generated key serves one node: a deployment
   * of several must give them all the same CONVKIT_SECRET_KEY.
   */
  static load(source: SecretKeySource): Keyring {
    const previous = source.previous ? [parseSecretKey('CONVKIT_SECRET_KEY_PREVIOUS', source.previous)] : [];
    if (source.key) return new Keyring(parseSecretKey('CONVKIT_SECRET_KEY', source.key), previous);
    let text: string;
    try {
      text = readFileSync(source.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      text = generateSecretKey();
      mkdirSync(dirname(source.file), { recursive: true });
      // 'wx': two processes starting at once must not each write a different key.
      try {
        writeFileSync(source.file, `${text}\n`, { flag: 'wx', mode: 0o600 });
      } catch (raced) {
        if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
        text = readFileSync(source.file, 'utf8');
      }
      chmodSync(source.file, 0o600);
    }
    return new Keyring(parseSecretKey(source.file, text), previous);
  }

  seal(workspaceId: string, field: string, plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#current, iv);
    cipher.setAAD(aad(workspaceId, field));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.#currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
  }

  /** The plaintext, or an error that says which key is missing (never what the value was). */
  open(workspaceId: string, field: string, value: string): string {
    const [format, keyId, iv, tag, sealed] = value.split('.');
    if (format !== FORMAT || !keyId || !iv || !tag || sealed === undefined) throw new SecretError(`${field} is not a sealed value.`);
    const key = this.#byId.get(keyId);
    if (!key) throw new SecretError(`${field} was sealed with key ${keyId}, which this server does not have: set CONVKIT_SECRET_KEY (or CONVKIT_SECRET_KEY_PREVIOUS) to that key.`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(aad(workspaceId, field));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretError(`${field} does not open with key ${keyId}: it was altered, or belongs to another workspace.`);
    }
  }

  /** A MAC of `data` for one purpose (e.g. links to media), under a key derived from the server's: base64url. */
  sign(purpose: string, data: string): string {
    return mac(this.#current, purpose, data);
  }

  /** Whether `signature` is `data`'s MAC for `purpose` under the current or a previous key. */
  verify(purpose: string, data: string, signature: string): boolean {
    const given = Buffer.from(signature, 'base64url');
    return [...this.#byId.values()].some((key) => {
      const expected = Buffer.from(mac(key, purpose, data), 'base64url');
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
  }
}

function mac(key: Buffer, purpose: string, data: string): string {
  const derived = Buffer.from(hkdfSync('sha256', key, '', `convkit ${purpose}`, 32));
  return createHmac('sha256', derived).update(data).digest('base64url');
}

export class SecretError extends Error {
  override name = 'SecretError';
}
