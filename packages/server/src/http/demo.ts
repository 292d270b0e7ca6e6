// Demo mode only: the host page, and routes that stand in for the host's backend (minting a user
// token) and for a phone (an SMS, or a call, through the simulator) or a mail service (an email).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Orm } from '../db/orm.js';
import { AppError } from '../errors.js';
import { mintToken } from '../auth/tokens.js';
import { findWorkspaceBySlug } from '../modules/workspaces/workspaces.service.js';
import { isWhatsAppUserId } from '../channels/twilio/whatsapp-identity.js';
import { postSimulatedSms } from '../channels/twilio/simulator.js';
import { CALL_OUTCOMES_SIMULATED, postSimulatedCall, SimulationError, type SimulatedOutcome } from '../channels/twilio/call-simulator.js';
import { DEMO_AGENTS, DEMO_WORKSPACE } from '../seed/demo-data.js';
import { demoEmailRoute, type DemoEmailServices } from './demo-email.js';
import { ensureStoryWorkspace, STORY_AGENT, STORY_WORKSPACES, type StoryWorkspace } from '../seed/story-workspaces.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface DemoServices extends DemoEmailServices {
  orm: Orm;
  publicUrl(): string;
}

export async function demoRoutes(app: FastifyInstance, services: DemoServices): Promise<void> {
  const page = join(repoRoot, 'examples', 'demo');
  // The page loads the elements from /convkit/v1/convkit.js, as any host does (http/bundle-route.ts).
  await app.register(fastifyStatic, { root: page, prefix: '/', index: ['index.html'] });

  const workspace = async () => {
    const found = await findWorkspaceBySlug(services.orm, DEMO_WORKSPACE.slug);
    if (!found) throw new AppError('not_found', 'The demo workspace is not seeded: run the server with --demo.');
    return found;
  };

  // A token for a demo agent, or for Storybook's own agent (stories never touch Alex's or Sam's
  // read state). `workspace` picks one of the story workspaces, created on first use.
  const agents = [...DEMO_AGENTS, STORY_AGENT];
  app.get<{ Querystring: { user?: string; workspace?: string } }>('/demo/session', {
    schema: {
      hide: true,
      querystring: { type: 'object', properties: { user: { type: 'string', maxLength: 64 }, workspace: { type: 'string', enum: [DEMO_WORKSPACE.slug, ...STORY_WORKSPACES] } } },
    } as object,
  }, async (request) => {
    const agent = agents.find((a) => a.externalId === (request.query.user ?? 'agent-1'));
    if (!agent) throw new AppError('not_found', `No demo agent "${request.query.user}". Try agent-1, agent-2 or ${STORY_AGENT.externalId}.`);
    const slug = request.query.workspace ?? DEMO_WORKSPACE.slug;
    // The schema's enum refuses other slugs; checked here too, since this route mints tokens.
    const story = (STORY_WORKSPACES as readonly string[]).includes(slug) ? (slug as StoryWorkspace) : null;
    if (slug !== DEMO_WORKSPACE.slug && !story) throw new AppError('invalid_params', `workspace: one of ${[DEMO_WORKSPACE.slug, ...STORY_WORKSPACES].join(', ')}.`, { path: 'workspace' });
    const ws = story ? await ensureStoryWorkspace(services.orm, story) : await workspace();
    const token = await mintToken(ws.signingSecret, { wsp: ws.slug, sub: agent.externalId, name: agent.name, email: agent.email, role: agent.role }, 3600);
    return { url: services.publicUrl(), token, agents: DEMO_AGENTS.map(({ externalId, name }) => ({ externalId, name })) };
  });

  /** A phone's request: who it is from, and what else (all required). */
  const phoneRequest = (properties: Record<string, object>) => ({
    schema: { hide: true, body: { type: 'object', required: ['from', ...Object.keys(properties)], additionalProperties: false, properties: { from: { type: 'string', minLength: 4, maxLength: 32 }, ...properties } } } as object,
  });
  /** What the simulator signs with: the demo workspace's sandbox credentials. */
  const signing = async () => {
    const ws = await workspace();
    return { ws, baseUrl: services.publicUrl(), workspaceSlug: ws.slug, accountSid: ws.twilioAccountSid!, authToken: ws.twilioAuthToken! };
  };

  type SimulatedMessage = { from: string; body: string; channel?: 'sms' | 'whatsapp'; userId?: string; name?: string };
  const messageRequest = {
    schema: {
      hide: true,
      body: {
        type: 'object',
        required: ['from', 'body'],
        additionalProperties: false,
        properties: {
          from: { type: 'string', maxLength: 32 },
          body: { type: 'string', minLength: 1, maxLength: 1600 },
          channel: { type: 'string', enum: ['sms', 'whatsapp'] },
          userId: { type: 'string', maxLength: 140 },
          name: { type: 'string', maxLength: 200 },
        },
      },
    } as object,
  };
  app.post<{ Body: SimulatedMessage }>('/demo/simulate-sms', messageRequest, async (request, reply) => {
    const { ws, ...signed } = await signing();
    const { from, body, channel = 'sms', userId = '', name = '' } = request.body;
    const whatsapp = channel === 'whatsapp';
    const sender = from.trim() || (whatsapp ? userId.trim() : '');
    if (sender.length < 4) throw new AppError('invalid_params', whatsapp ? 'from: a phone number, or leave it empty and give a WhatsApp user id.' : 'from: a phone number.', { path: 'from' });
    if (whatsapp && userId.trim() && !isWhatsAppUserId(userId.trim())) throw new AppError('invalid_params', 'userId: a WhatsApp user id is two capital letters, a dot, then letters and digits (US.13491208655302741918).', { path: 'userId' });
    const result = await postSimulatedSms({
      ...signed,
      from: sender,
      to: ws.smsNumber ?? '',
      body,
      ...(whatsapp ? { whatsapp: { ...(from.trim() && userId.trim() ? { userId: userId.trim() } : {}), ...(name.trim() ? { profileName: name.trim() } : {}) } } : {}),
    });
    if (result.status !== 200) return reply.status(result.status).type('application/json').send(result.body);
    return { messageSid: result.messageSid };
  });

  demoEmailRoute(app, services, async () => (await workspace()).id);

  app.post<{ Body: { from: string; outcome: SimulatedOutcome } }>('/demo/simulate-call', phoneRequest({ outcome: { type: 'string', enum: [...CALL_OUTCOMES_SIMULATED] } }), async (request) => {
    const { ws, ...signed } = await signing();
    try {
      const callSid = await postSimulatedCall({
        ...signed,
        from: request.body.from,
        to: ws.smsNumber ?? '',
        outcome: request.body.outcome,
        durationSeconds: request.body.outcome === 'voicemail' ? 18 : request.body.outcome === 'answered' ? 95 : 0,
      });
      return { callSid };
    } catch (error) {
      if (error instanceof SimulationError) throw new AppError('invalid_params', error.message);
      throw error;
    }
  });
}
