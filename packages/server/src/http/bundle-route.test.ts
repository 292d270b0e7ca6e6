// The one-tag embed: the server serves the elements bundle to any origin, in every mode (the
// test server runs without demo mode), with caching a browser can revalidate.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../testing/index.js';
import { BUNDLE_PATH } from './bundle-route.js';

describe('the elements bundle at a versioned URL', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ seed: 'empty' });
  });
  after(async () => t.close());

  it('is served to any origin, cached a day, and revalidated by ETag', async () => {
    const response = await fetch(`${t.url}${BUNDLE_PATH}`, { headers: { origin: 'https://crm.example.com' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=86400');
    const body = await response.text();
    assert.match(body, /customElements/);
    assert.match(body, /conv-inbox/);
    const etag = response.headers.get('etag');
    assert.ok(etag);
    const again = await fetch(`${t.url}${BUNDLE_PATH}`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    const map = await fetch(`${t.url}${BUNDLE_PATH}.map`);
    assert.equal(map.status, 200);
    assert.ok(((await map.json()) as { mappings?: string }).mappings, 'a source map');
  });
});
