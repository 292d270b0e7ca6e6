// Demo mode only: an email to the demo workspace, as a mail service would forward one. The page's
// form gives its sender, subject and text; the server builds the MIME message with nodemailer's
// MailComposer and files it through the inbound email path (channels/email/inbound-email.ts),
// the one the webhook takes once its password is checked.
import type { FastifyInstance } from 'fastify';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from '../db/orm.js';
import { receiveEmail } from '../channels/email/inbound-email.js';

export interface DemoEmailServices {
  orm: Orm;
  publish(workspaceId: string, events: ServerEvent[]): void;
}

export function demoEmailRoute(app: FastifyInstance, services: DemoEmailServices, workspaceId: () => Promise<string>): void {
  app.post<{ Body: { from: string; name?: string; subject: string; text: string } }>(
    '/demo/simulate-email',
    {
      schema: {
        hide: true,
        body: {
          type: 'object',
          required: ['from', 'subject', 'text'],
          additionalProperties: false,
          properties: {
            from: { type: 'string', format: 'email', maxLength: 320 },
            name: { type: 'string', maxLength: 200 },
            subject: { type: 'string', minLength: 1, maxLength: 200 },
            text: { type: 'string', minLength: 1, maxLength: 10_000 },
          },
        },
      } as object,
    },
    async (request) => {
      const { from, name, subject, text } = request.body;
      const raw = await new MailComposer({ from: name ? { name, address: from } : from, to: 'demo@inbound.convkit.test', subject, text }).compile().build();
      const id = await workspaceId();
      const received = await receiveEmail(services.orm, id, raw);
      services.publish(id, received.events);
      return { messageId: received.message?.id ?? null };
    },
  );
}
