import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateSecretKey, Keyring, parseSecretKey } from './keyring.js';

describe('the keyring workspace secrets are sealed with', () => {
  const ring = new Keyring(randomBytes(32));

  it('opens what it sealed, and the sealed text shows nothing of it', () => {
    const sealed = ring.seal('w1', 'field', 'the auth token');
    assert.ok(!sealed.includes('the auth token'));
    assert.ok(!sealed.includes(Buffer.from('the auth token').toString('base64url')));
    assert.notEqual(ring.seal('w1', 'field', 'the auth token'), sealed, 'a fresh IV each time');
    assert.equal(ring.open('w1', 'field', sealed), 'the auth token');
  });

  it('refuses a value moved to another workspace or field, or altered', () => {
    const sealed = ring.seal('w1', 'field', 'secret');
    assert.throws(() => ring.open('w2', 'field', sealed), /belongs to another workspace/);
    assert.throws(() => ring.open('w1', 'other', sealed), /belongs to another workspace/);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('SECRET').toString('base64url');
    assert.throws(() => ring.open('w1', 'field', parts.join('.')), /altered/);
    assert.throws(() => ring.open('w1', 'field', 'plain text'), /not a sealed value/);
  });

  it('names the key a value needs, and opens it with that key as the previous one', () => {
    const old = randomBytes(32);
    const sealed = new Keyring(old).seal('w1', 'field', 'secret');
    const rotated = new Keyring(randomBytes(32));
    assert.throws(() => rotated.open('w1', 'field', sealed), /sealed with key [0-9a-f]{8}, which this server does not have: set CONVKIT_SECRET_KEY/);
    assert.equal(new Keyring(randomBytes(32), [old]).open('w1', 'field', sealed), 'secret');
  });

  it('reads a key as base64 or hex, and refuses anything else with how to make one', () => {
    const key = randomBytes(32);
    assert.deepEqual(parseSecretKey('K', key.toString('base64')), key);
    assert.deepEqual(parseSecretKey('K', key.toString('hex')), key);
    assert.throws(() => parseSecretKey('CONVKIT_SECRET_KEY', 'too short'), /CONVKIT_SECRET_KEY: expected 32 bytes as base64 or hex \(generate one with: convkit secret-key\)/);
  });

  it('without CONVKIT_SECRET_KEY, makes a key file readable by its owner only, and keeps using it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-key-'));
    try {
      const file = join(dir, 'data', 'secret.key');
      const sealed = Keyring.load({ file }).seal('w1', 'f', 'kept');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(Keyring.load({ file }).open('w1', 'f', sealed), 'kept');
      assert.equal(Keyring.load({ file, key: generateSecretKey() }).seal('w1', 'f', 'x').split('.')[1] === sealed.split('.')[1], false, 'CONVKIT_SECRET_KEY wins over the file');
      assert.equal(readFileSync(file, 'utf8').trim().length, 44);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
