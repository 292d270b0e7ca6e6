// Twilio's status callbacks for what this workspace sent: the callback URL names our message
// (`?message=<id>`); one that names none (a Messaging Service's own callback) is matched by its
// MessageSid. A report only moves a message forward (modules/messages/delivery-report.ts), a
// report for a message of another workspace finds nothing, and every signed report is answered
// 200, so Twilio does not resend what changed nothing.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from '../../db/orm.js';
import { ID_PATTERN } from '../../commands/schemas.js';
import { applyDeliveryReport, type ReportOutcome } from '../../modules/messages/delivery-report.js';
import { twilioWebhookOptions, verifiedTwilioRequest, type WebhookAuthServices } from './webhook-auth.js';
import { twilioDeliveryReport } from './status.js';

/** A status callback is a few hundred bytes. */
const STATUS_BODY_LIMIT = 64 * 1024;
const MESSAGE_ID = new RegExp(ID_PATTERN);

export interface StatusWebhookServices extends WebhookAuthServices {
  orm: Orm;
  publish(workspaceId: string, events: ServerEvent[]): void;
}

export function statusWebhookRoute(app: FastifyInstance, services: StatusWebhookServices, counted: (request: FastifyRequest, outcome: ReportOutcome) => void): void {
  app.post<{ Params: { workspace: string }; Querystring: { message?: string } }>('/webhooks/twilio/:workspace/status', twilioWebhookOptions(services, STATUS_BODY_LIMIT), async (request, reply) => {
    const { workspace, params } = await verifiedTwilioRequest(request, services);
    const named = typeof request.query.message === 'string' && MESSAGE_ID.test(request.query.message) ? request.query.message : null;
    const report = twilioDeliveryReport(workspace.workspaceId, named, params);
    const outcome = report ? await applyDeliveryReport(services.orm, services.publish, report) : 'unknown';
    counted(request, outcome);
    // 200 with an empty body: the status the metrics count as accepted.
    return reply.status(200).send();
  });
}
