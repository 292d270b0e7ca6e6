// The one-tag embed: the server serves the elements bundle to any origin, in every mode (the
// test server runs without demo mode), with caching a browser can revalidate.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../testing/index.js';
import { BUNDLE_PATH, CHUNKS_PATH } from './bundle-route.js';

describe('the elements bundle at a versioned URL', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ seed: 'empty' });
  });
  after(async () => t.close());

  it('is served to any origin, and checked by ETag on every load', async () => {
    const response = await fetch(`${t.url}${BUNDLE_PATH}`, { headers: { origin: 'https://crm.example.com' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    // no-cache: after an upgrade, a page never runs an old bundle that names chunks now gone.
    assert.equal(response.headers.get('cache-control'), 'public, no-cache');
    const body = await response.text();
    assert.ok(body.includes('define("conv-inbox")'), 'the bundle defines <conv-inbox>');
    assert.ok(!body.includes('define("conv-composer")'), 'the composer is defined by a lazy chunk, not by the bundle');
    const etag = response.headers.get('etag');
    assert.ok(etag);
    const again = await fetch(`${t.url}${BUNDLE_PATH}`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    const map = await fetch(`${t.url}${BUNDLE_PATH}.map`);
    assert.equal(map.status, 200);
    assert.ok(((await map.json()) as { mappings?: string }).mappings, 'a source map');
  });

  it('serves the lazy chunks the bundle names, relative to it, cached for good', async () => {
    const body = await (await fetch(`${t.url}${BUNDLE_PATH}`)).text();
    const chunks = [...new Set([...body.matchAll(/"\.\/chunks\/([\w-]+\.js)"/g)].map((m) => m[1]!))];
    assert.ok(chunks.length >= 5, `the bundle imports its chunks relative to itself, found ${chunks.join(', ')}`);
    for (const chunk of chunks) {
      const response = await fetch(`${t.url}${CHUNKS_PATH}${chunk}`, { headers: { origin: 'https://crm.example.com' } });
      assert.equal(response.status, 200, chunk);
      assert.match(response.headers.get('content-type') ?? '', /^text\/javascript/);
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.ok((await response.text()).length > 0);
    }
  });

  it('answers 404 with a code for a chunk it does not have, and for a path that leaves the chunks', async () => {
    for (const path of ['gone-Ab12.js', '..%2Fconvkit.js', '..%2F..%2Fpackage.json', 'x.txt']) {
      const response = await fetch(`${t.url}${CHUNKS_PATH}${path}`);
      assert.equal(response.status, 404, path);
      assert.equal(response.headers.get('access-control-allow-origin'), '*', `${path}: another origin sees the 404`);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(error.code, 'not_found', path);
      assert.match(error.message, /reload the page/, path);
    }
  });
});
