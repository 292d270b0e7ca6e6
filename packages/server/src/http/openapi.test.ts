import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../testing/index.js';

describe('the OpenAPI document', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ seed: 'empty' });
  });
  after(async () => t.close());

  it('describes every REST operation with its parameters and the bearer scheme', async () => {
    const response = await fetch(`${t.url}/docs/openapi.json`);
    assert.equal(response.status, 200);
    const doc = await response.json();
    assert.match(doc.openapi, /^3\./);
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/v1/contacts/{id}',
      '/v1/conversations',
      '/v1/conversations/bulk',
      '/v1/conversations/counts',
      '/v1/conversations/{id}',
      '/v1/conversations/{id}/mark',
      '/v1/conversations/{id}/messages',
      '/v1/conversations/{id}/read',
      '/v1/events',
      '/v1/labels',
      '/v1/users',
      '/v1/workspace',
    ]);
    const send = doc.paths['/v1/conversations/{id}/messages'].post;
    assert.deepEqual(send.requestBody.content['application/json'].schema.required, ['clientId', 'body']);
    assert.equal(doc.components.securitySchemes.bearer.scheme, 'bearer');
    assert.ok(!JSON.stringify(doc.paths).includes('/demo/'), 'demo routes stay out of the public API');
  });
});
