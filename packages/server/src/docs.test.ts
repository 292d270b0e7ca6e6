// The documents are promises: the limits they list are the ones the server enforces.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { paramSchemas } from './commands/schemas.js';
import { fieldLimits } from './commands/field-limits.js';
import { DEFAULT_LIMITS, LIMIT_CEILINGS, limitsFromEnv, workspaceLimits } from './limits/limits.js';
import { CLAIM_LIMITS } from './auth/claims.js';
import { INBOUND_BODY_MAX } from './modules/messages/inbound.js';
import { Metrics, processMetrics } from './metrics/metrics.js';
import { POSTGRES_POOL_MAX, type Orm } from './db/orm.js';
import { MEDIA_FETCH_ATTEMPTS } from './modules/attachments/media-fetcher.js';
import { RING_SECONDS } from './channels/twilio/voice-twiml.js';
import { AGENT_RING_SECONDS } from './modules/calls/click-to-call.js';
import { PIPELINED_POOL_MAX } from './db/pipelined-pool.js';
import { PUSH_DELAY_MS, WATCHED_PER_SOCKET } from './realtime/count-push.js';
import { MAX_RETRY_MS, MAX_SEND_ATTEMPTS } from './dispatch/dispatcher.js';
import { configFromEnv } from './config.js';

const doc = (name: string) => readFileSync(fileURLToPath(new URL(`../../../docs/${name}`, import.meta.url)), 'utf8');

describe('the docs state the limits the server enforces', () => {
  it('docs/protocol.md lists every field maximum, and no other', () => {
    const text = doc('protocol.md');
    const rows = [...text.matchAll(/^\| `([\w.]+)` \| `([\w.[\]]+)` \| (\d+) (characters|items) \|$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]} ${m[4]}`);
    const enforced = fieldLimits(paramSchemas).map((l) => `${l.command} ${l.field} ${l.limit} ${l.unit}`);
    assert.deepEqual(rows.sort(), enforced.sort());
    assert.match(text, new RegExp(`stored whole up to ${INBOUND_BODY_MAX.toLocaleString('en-US')} characters`));
  });

  it('docs/server.md lists every limit with its default', () => {
    const text = doc('server.md');
    for (const [key, value] of Object.entries(DEFAULT_LIMITS)) {
      const shown = typeof value === 'number' ? String(value) : `${value.burst} at once, then ${value.perSecond}/s`;
      assert.ok(text.includes(`| \`${key}\` | ${shown} |`), `${key}: ${shown}`);
    }
    const c = LIMIT_CEILINGS;
    assert.ok(text.includes(`at most\n${c.socketCommands.burst} at once and ${c.socketCommands.perSecond}/s per socket, ${c.userCommands.burst} at once and ${c.userCommands.perSecond}/s per agent, ${c.inFlightPerSocket} in flight per socket\nand ${c.inFlightPerUser} per agent`));
  });

  it('docs/protocol.md states how often counts are pushed and how many filters a socket keeps', () => {
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen'];
    const text = doc('protocol.md').replace(/\s+/g, ' ');
    assert.ok(text.includes(`at most about ${words[1000 / PUSH_DELAY_MS]} times a second per workspace`));
    assert.ok(text.includes(`keeps the last ${words[WATCHED_PER_SOCKET]} filters it counted`));
    assert.ok(doc('server.md').replace(/\s+/g, ' ').includes(`at most about ${words[1000 / PUSH_DELAY_MS]} rounds a second per workspace`));
  });

  it('docs/server.md states how often a provider\'s file is fetched, and how long a voicemail or ring lasts', () => {
    const text = doc('server.md').replace(/\s+/g, ' ');
    assert.ok(text.includes(`tried again (${MEDIA_FETCH_ATTEMPTS} attempts`));
    const protocol = doc('protocol.md').replace(/\s+/g, ' ');
    assert.ok(protocol.includes(`unanswered after ${RING_SECONDS} seconds, it goes to voicemail`));
    assert.ok(protocol.includes(`The agent's phone rings for ${AGENT_RING_SECONDS} seconds at most`));
  });

  it('docs/server.md states how many PostgreSQL connections a node opens', () => {
    assert.match(doc('server.md'), new RegExp(`at most ${POSTGRES_POOL_MAX} connections for MikroORM and ${PIPELINED_POOL_MAX} for inbound\\s+batches`));
  });

  it('docs/server.md\'s limit commands take the JSON they show', () => {
    const text = doc('server.md');
    const env = /CONVKIT_LIMITS='([^']+)' npx convkit start/.exec(text)?.[1];
    const set = /npx convkit limits --workspace demo --set '([^']+)'/.exec(text)?.[1];
    assert.ok(env && set);
    const limits = limitsFromEnv(env);
    assert.equal(limits.restPerIpPerMinute, 12000);
    assert.deepEqual(limits.handshakes, { burst: 600, perSecond: DEFAULT_LIMITS.handshakes.perSecond });
    assert.deepEqual(workspaceLimits(DEFAULT_LIMITS, JSON.parse(set)).socketCommands, { burst: 400, perSecond: 100 });
  });

  it('docs/auth.md states the claim limits', () => {
    const text = doc('auth.md');
    assert.match(text, new RegExp(`\`sub\` \\| yes \\| your id for the user, at most ${CLAIM_LIMITS.sub} characters`));
    assert.match(text, new RegExp(`at most ${CLAIM_LIMITS.name} and ${CLAIM_LIMITS.email} characters`));
  });

  it('docs/server.md lists every environment variable the server reads', () => {
    const source = readFileSync(fileURLToPath(new URL('../src/config.ts', import.meta.url)), 'utf8');
    const read = new Set([...source.matchAll(/env\.([A-Z_]+)/g)].map((m) => m[1]!));
    read.delete('CONVKIT_DEMO'); // set by `convkit start --demo`, documented with the CLI
    const documented = new Set([...doc('server.md').matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]!));
    for (const name of read) assert.ok(documented.has(name), `${name} is documented`);
  });

  it('docs/server.md lists every metric /metrics serves, and no other', () => {
    const metrics = new Metrics({ orm: null as unknown as Orm, sockets: () => 0, writeQueue: () => 0 });
    const served = metrics.registry.getMetricsAsArray().map((m) => m.name).filter((name) => !/^convkit_(process|nodejs)_/.test(name));
    const documented = [...doc('server.md').matchAll(/^\| `(convkit_[a-z_]+)` \|/gm)].map((m) => m[1]!);
    assert.deepEqual(documented.sort(), served.sort());
    const processNames = processMetrics().getMetricsAsArray().map((m) => m.name);
    assert.ok(processNames.length > 0 && processNames.every((name) => /^convkit_(process|nodejs)_/.test(name)), 'process metrics are served under convkit_process_ and convkit_nodejs_');
  });

  it('docs/server.md gives the outbox its attempts, its pauses and its default, as the server has them', () => {
    const text = doc('server.md');
    assert.match(text, new RegExp(`Each send gets at most ${MAX_SEND_ATTEMPTS} attempts`));
    assert.match(text, new RegExp(`After its ${['first', 'second', 'third', 'fourth', 'fifth'][MAX_SEND_ATTEMPTS - 1]} attempt it fails as \`unconfirmed\``));
    assert.match(text, new RegExp(`\\| \`CONVKIT_OUTBOX_RETRY_MS\` \\| ${configFromEnv({}).outboxRetryMs} \\|.*at most ${MAX_RETRY_MS / 60_000} minutes\\). A send fails after ${MAX_SEND_ATTEMPTS} attempts`));
  });
});
