// Which address a per-address limit counts: the peer's, or with TRUST_PROXY the client's as the
// trusted proxies report it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clientAddressResolver, trustProxyFromEnv } from './client-address.js';
import { DEFAULT_LIMITS, limitsFromEnv } from '../limits/limits.js';

describe('client addresses and limit settings', () => {
  const forwarded = { 'x-forwarded-for': '203.0.113.9, 10.0.0.2' };

  it('reads TRUST_PROXY as nobody, everyone, a number of hops or a list of proxies', () => {
    assert.equal(trustProxyFromEnv(undefined), false);
    assert.equal(trustProxyFromEnv('true'), true);
    assert.equal(trustProxyFromEnv('2'), 2);
    assert.deepEqual(trustProxyFromEnv('10.0.0.1, loopback'), ['10.0.0.1', 'loopback']);
  });

  it('without TRUST_PROXY, counts the peer whatever X-Forwarded-For says', () => {
    assert.equal(clientAddressResolver(false)('10.0.0.1', forwarded), '10.0.0.1');
  });

  it('behind trusted proxies, counts the first address they did not vouch for', () => {
    assert.equal(clientAddressResolver(true)('10.0.0.1', forwarded), '203.0.113.9');
    assert.equal(clientAddressResolver(1)('10.0.0.1', forwarded), '10.0.0.2', 'one hop: only the peer is a proxy');
    assert.equal(clientAddressResolver(['10.0.0.0/8'])('10.0.0.1', forwarded), '203.0.113.9');
    assert.equal(clientAddressResolver(['10.0.0.0/8'])('192.0.2.1', forwarded), '192.0.2.1', 'an untrusted peer is the client');
  });

  it('groups IPv4-mapped IPv6 peers with their IPv4 address', () => {
    assert.equal(clientAddressResolver(false)('::ffff:127.0.0.1', {}), '127.0.0.1');
  });

  it('refuses CONVKIT_LIMITS that are not JSON, unknown, too small or too large, naming the key', () => {
    assert.throws(() => limitsFromEnv('{oops'), /CONVKIT_LIMITS is not JSON/);
    assert.throws(() => limitsFromEnv('{"sockets":{"burst":5}}'), /CONVKIT_LIMITS\.sockets: not a limit/);
    assert.throws(() => limitsFromEnv('{"socketCommands":{"burst":0}}'), /socketCommands\.burst: must be a number of at least 1/);
    assert.throws(() => limitsFromEnv('{"socketCommands":{"burst":1e12}}'), /socketCommands\.burst: at most 1000000000/);
    assert.deepEqual(limitsFromEnv('{"socketCommands":{"perSecond":0.5}}').socketCommands, { burst: DEFAULT_LIMITS.socketCommands.burst, perSecond: 0.5 });
  });
});
