// The OpenAPI document, generated from the route schemas at /docs/openapi.json.
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Convkit REST API', version: '1', description: 'The operations of the Socket.IO protocol, for host backends and browsers.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: "An agent's token (a JWT the host's backend signs with the workspace's secret), or an API key (ck_…) of the host's backend, limited to its scopes." },
          adminKey: { type: 'http', scheme: 'bearer', description: "The server's admin key (CONVKIT_ADMIN_KEY): /v1/admin only, never in a browser." },
        },
      },
    },
  });
}

export function openApiRoute(app: FastifyInstance): void {
  app.get('/docs/openapi.json', { schema: { hide: true } as object }, async () => app.swagger());
}
