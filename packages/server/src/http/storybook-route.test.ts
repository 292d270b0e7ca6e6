// /storybook/: the built site with sensible caching, a 404 that says what to do before the
// build exists, and nothing outside the site's folder. The route runs on a real Fastify over a
// real folder written here, so each case controls whether "the build" exists.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { startTestServer, type TestServer } from '../testing/index.js';
import { storybookRoutes } from './storybook-route.js';

async function serve(dir: string): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  await app.register(async (scope) => storybookRoutes(scope, dir));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

describe('Storybook at /storybook/', () => {
  const root = mkdtempSync(join(tmpdir(), 'convkit-storybook-route-'));
  const site = join(root, 'storybook-static');
  let server: { app: FastifyInstance; url: string };
  before(async () => {
    server = await serve(site);
  });
  after(async () => {
    await server.app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers 404 with what to run while the site is not built', async () => {
    for (const path of ['/storybook/', '/storybook/index.json', '/storybook/iframe.html']) {
      const response = await fetch(`${server.url}${path}`);
      assert.equal(response.status, 404, path);
      const body = (await response.json()) as { error: { message: string } };
      assert.match(body.error.message, /npm run build/, path);
    }
  });

  it('serves the site once built, without a restart: HTML revalidated, hashed assets kept', async () => {
    mkdirSync(join(site, 'assets'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>Convkit Storybook</title>');
    writeFileSync(join(site, 'iframe.html'), '<!doctype html><title>iframe</title>');
    writeFileSync(join(site, 'assets', 'iframe-Ab12Cd.js'), 'export {};');
    const index = await fetch(`${server.url}/storybook/`);
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(index.headers.get('cache-control'), 'public, no-cache');
    assert.match(await index.text(), /Convkit Storybook/);
    const iframe = await fetch(`${server.url}/storybook/iframe.html?id=elements-conv-list--default&viewMode=story`);
    assert.equal(iframe.status, 200);
    assert.equal(iframe.headers.get('cache-control'), 'public, no-cache');
    const asset = await fetch(`${server.url}/storybook/assets/iframe-Ab12Cd.js`);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('content-type') ?? '', /javascript/);
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const bare = await fetch(`${server.url}/storybook`, { redirect: 'manual' });
    assert.equal(bare.status, 302);
    assert.equal(bare.headers.get('location'), '/storybook/');
  });

  it('serves nothing outside the site folder', async () => {
    writeFileSync(join(root, 'secret.txt'), 'outside the site');
    writeFileSync(join(site, '.env'), 'SECRET=1');
    for (const path of ['/storybook/../secret.txt', '/storybook/%2e%2e/secret.txt', '/storybook/..%2Fsecret.txt', '/storybook/assets/..%2F..%2Fsecret.txt', '/storybook/.env']) {
      const response = await fetch(`${server.url}${path}`);
      const body = await response.text();
      assert.ok(!body.includes('outside the site') && !body.includes('SECRET'), `${path} answered ${response.status}: ${body.slice(0, 80)}`);
      assert.ok(response.status >= 400 || /Convkit Storybook/.test(body), `${path}: an error or the site's own index, got ${response.status}`);
    }
  });
});

describe('the Convkit server', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ seed: 'empty' });
  });
  after(async () => t.close());

  it('has the Storybook route in every mode (the test server runs without demo mode)', async () => {
    const response = await fetch(`${t.url}/storybook`, { redirect: 'manual' });
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('location'), '/storybook/');
  });
});
