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
      '/v1/admin/workspaces',
      '/v1/admin/workspaces/{slug}',
      '/v1/admin/workspaces/{slug}/agents',
      '/v1/admin/workspaces/{slug}/agents/{id}/activate',
      '/v1/admin/workspaces/{slug}/agents/{id}/deactivate',
      '/v1/admin/workspaces/{slug}/api-keys',
      '/v1/admin/workspaces/{slug}/api-keys/{id}',
      '/v1/admin/workspaces/{slug}/signing-secret',
      '/v1/admin/workspaces/{slug}/signing-secret/rotate',
      '/v1/admin/workspaces/{slug}/twilio',
      '/v1/attachments',
      '/v1/attachments/upload',
      '/v1/attachments/upload-link',
      '/v1/attachments/{id}',
      '/v1/attachments/{id}/link',
      '/v1/contacts',
      '/v1/contacts/lookup',
      '/v1/contacts/{id}',
      '/v1/contacts/{id}/cards',
      '/v1/contacts/{id}/cards/{key}',
      '/v1/contacts/{id}/consent',
      '/v1/contacts/{id}/conversation',
      '/v1/contacts/{id}/reachability',
      '/v1/conversations',
      '/v1/conversations/bulk',
      '/v1/conversations/counts',
      '/v1/conversations/{id}',
      '/v1/conversations/{id}/activities',
      '/v1/conversations/{id}/calls',
      '/v1/conversations/{id}/mark',
      '/v1/conversations/{id}/messages',
      '/v1/conversations/{id}/read',
      '/v1/events',
      '/v1/labels',
      '/v1/messages/{id}',
      '/v1/messages/{id}/cancel',
      '/v1/messages/{id}/html',
      '/v1/messages/{id}/retry',
      '/v1/snippets',
      '/v1/snippets/{id}',
      '/v1/templates',
      '/v1/users',
      '/v1/webhooks',
      '/v1/webhooks/{id}',
      '/v1/webhooks/{id}/deliveries',
      '/v1/workspace',
      '/v1/workspace/twilio',
    ]);
    const send = doc.paths['/v1/conversations/{id}/messages'].post;
    assert.deepEqual(send.requestBody.content['application/json'].schema.required, ['clientId', 'body']);
    assert.equal(doc.components.securitySchemes.bearer.scheme, 'bearer');
    // The operator's routes name the admin key, every other route the bearer (a token or an API key).
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, { security: Record<string, unknown>[] }>>)) {
      // (An upload by link carries its own signed query instead.)
      const expected = path.startsWith('/v1/admin/') ? ['adminKey'] : path === '/v1/attachments/upload' ? [] : ['bearer'];
      for (const operation of Object.values(methods)) assert.deepEqual(Object.keys(operation.security?.[0] ?? {}), expected, path);
    }
    assert.ok(!JSON.stringify(doc.paths).includes('/demo/'), 'demo routes stay out of the public API');
  });

  it('documents a schema for every response of every operation, success and errors', async () => {
    const doc = await (await fetch(`${t.url}/docs/openapi.json`)).json();
    let operations = 0;
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }> }>>)) {
      for (const [method, operation] of Object.entries(methods)) {
        operations++;
        const statuses = Object.keys(operation.responses);
        assert.ok(statuses.some((status) => /^20\d$/.test(status)), `${method} ${path}: a success response`);
        for (const status of ['400', '401', '403', '404', '429', '500']) assert.ok(statuses.includes(status), `${method} ${path}: ${status}`);
        for (const [status, response] of Object.entries(operation.responses)) {
          // JSON, but for a file's download, which is the file's bytes.
          const type = path === '/v1/attachments/{id}' && status === '200' ? 'application/octet-stream' : 'application/json';
          const schema = response.content?.[type]?.schema;
          assert.ok(schema && Object.keys(schema).length > 0, `${method} ${path} ${status}: a response schema`);
        }
      }
    }
    assert.equal(operations, 64);
    // The success schema is the protocol's: a conversation is closed to fields it does not name.
    const get = doc.paths['/v1/conversations/{id}'].get.responses['200'].content['application/json'].schema;
    assert.equal(get.properties.conversation.additionalProperties, false);
    assert.ok(get.properties.conversation.required.includes('version'));
  });
});
