// Settings from the environment: a value that makes no sense stops the start with its name.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configFromEnv } from './config.js';

describe('configuration from the environment', () => {
  it('CONVKIT_OUTBOX_LEASE_MS: milliseconds, at least one second, 60 s when unset', () => {
    assert.equal(configFromEnv({}).outboxLeaseMs, 60_000);
    assert.equal(configFromEnv({ CONVKIT_OUTBOX_LEASE_MS: '2000' }).outboxLeaseMs, 2000);
    for (const bad of ['5', 'soon', '1500.5', '-1000']) {
      assert.throws(() => configFromEnv({ CONVKIT_OUTBOX_LEASE_MS: bad }), /CONVKIT_OUTBOX_LEASE_MS: expected milliseconds, at least 1000/);
    }
  });

  it('CONVKIT_OUTBOX_RETRY_MS: milliseconds, at least one, 2 s when unset', () => {
    assert.equal(configFromEnv({}).outboxRetryMs, 2_000);
    assert.equal(configFromEnv({ CONVKIT_OUTBOX_RETRY_MS: '250' }).outboxRetryMs, 250);
    for (const bad of ['0', 'later', '2.5', '-5']) {
      assert.throws(() => configFromEnv({ CONVKIT_OUTBOX_RETRY_MS: bad }), /CONVKIT_OUTBOX_RETRY_MS: expected milliseconds, at least 1 /);
    }
  });

  it('CONVKIT_METRICS_TOKEN: unset or empty leaves /metrics open', () => {
    assert.equal(configFromEnv({}).metricsToken, null);
    assert.equal(configFromEnv({ CONVKIT_METRICS_TOKEN: '' }).metricsToken, null);
    assert.equal(configFromEnv({ CONVKIT_METRICS_TOKEN: 'scrape-secret' }).metricsToken, 'scrape-secret');
  });

  it('REDIS_URL: unset or empty means one node without Redis', () => {
    assert.equal(configFromEnv({}).redisUrl, null);
    assert.equal(configFromEnv({ REDIS_URL: '' }).redisUrl, null);
    assert.equal(configFromEnv({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl, 'redis://127.0.0.1:6379');
  });
});
