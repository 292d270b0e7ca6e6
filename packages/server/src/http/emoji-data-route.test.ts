// The composer's emoji picker reads its data from the Convkit server: every language the data
// package has, to any origin, revalidated by ETag; a language it lacks is a clear 404.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, coversStorageAgnosticTests, type TestServer } from '../testing/index.js';
import { readFileSync } from 'node:fs';
import { EMOJI_DATA_PATH } from './emoji-data-route.js';

// Its subject is not storage: it runs in the SQLite suite alone (testing/databases.ts).
if (coversStorageAgnosticTests()) {
  describe("the emoji picker's data", () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ seed: 'empty' });
    });
    after(async () => t.close());

    it('is served per language to any origin, and checked by ETag', async () => {
      for (const language of ['en', 'es']) {
        const response = await fetch(`${t.url}${EMOJI_DATA_PATH}${language}/data.json`, { headers: { origin: 'https://crm.example.com' } });
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
        assert.equal(response.headers.get('access-control-allow-origin'), '*');
        const emoji = (await response.json()) as { annotation: string; emoji: string }[];
        assert.ok(emoji.length > 1000);
        assert.ok(emoji.some((e) => e.emoji === '😀'));
        const again = await fetch(`${t.url}${EMOJI_DATA_PATH}${language}/data.json`, { headers: { 'if-none-match': response.headers.get('etag')! } });
        assert.equal(again.status, 304);
      }
      // The picker checks for a newer version with HEAD.
      assert.equal((await fetch(`${t.url}${EMOJI_DATA_PATH}en/data.json`, { method: 'HEAD' })).status, 200);
    });

    it('is where docs/embedding.md says', () => {
      const doc = readFileSync(new URL('../../../../docs/embedding.md', import.meta.url), 'utf8');
      assert.ok(doc.includes(`\`${EMOJI_DATA_PATH}<language>/data.json\``));
    });

    it('says which languages there are when asked for one it lacks, and reads no other path', async () => {
      for (const language of ['xx', 'EN', 'en-']) {
        const response = await fetch(`${t.url}${EMOJI_DATA_PATH}${language}/data.json`);
        assert.equal(response.status, 404, language);
        assert.equal(response.headers.get('access-control-allow-origin'), '*');
        const body = (await response.json()) as { error: { code: string; message: string } };
        assert.equal(body.error.code, 'not_found');
        assert.match(body.error.message, /^No emoji data for the language/);
      }
      for (const path of ['en%2F..%2F..%2Fpackage.json%3F', '%2E%2E']) {
        const traversal = await fetch(`${t.url}${EMOJI_DATA_PATH}${path}/data.json`);
        assert.equal(traversal.status, 404, path);
        assert.ok(!(await traversal.text()).includes('"devDependencies"'), 'never a file outside the data');
      }
    });
  });
}
