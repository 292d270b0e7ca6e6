// Twilio Voice for a workspace. A contact's call to the voice number (its Voice URL, `/voice`)
// becomes a call entry in the contact's thread, then rings the conversation's assignee (or the
// workspace's forwarding number) and goes to voicemail unanswered. Click to call
// (modules/calls/click-to-call.ts) comes back to `/voice/bridge` once the agent answers. Every
// later step names the entry (`?message=`); the voice number's own status callback, which names
// none, finds it by CallSid. Steps update the entry through modules/calls/call-entry.ts: forward
// only, within the workspace whose token signed the request.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EntityManager } from '@mikro-orm/sql';
import type { ServerEvent } from '@convkit/sdk/protocol';
import type { Orm } from '../../db/orm.js';
import { sqlAll } from '../../db/sql.js';
import { ID_PATTERN } from '../../commands/schemas.js';
import { storableLine } from '../../text/storable.js';
import type { InboundWriter } from '../../modules/messages/inbound-writer.js';
import { applyCallProgress, findCallEntry, type CallProgress } from '../../modules/calls/call-entry.js';
import { disclosureOf, greetingOf, voiceSettingsOf } from '../../modules/calls/voice-settings.js';
import { WorkspaceSchema, type Workspace } from '../../modules/workspaces/workspace.entity.js';
import { twilioWebhookOptions, verifiedTwilioRequest, type WebhookAuthServices } from './webhook-auth.js';
import type { WebhookCredentials } from './webhook-credentials.js';
import { voiceStepUrl, type VoiceStep } from './paths.js';
import { senderOf } from './sender.js';
import { sidOrDerived, validSid } from './sid.js';
import { bridgeTwiml, inboundCallTwiml, sayAndHangUpTwiml, sayTwiml, voicemailTwiml } from './voice-twiml.js';
import { agentLegProgress, ENDED } from './call-status.js';

/** A voice callback is a few hundred bytes. */
const VOICE_BODY_LIMIT = 64 * 1024;
const MESSAGE_ID = new RegExp(ID_PATTERN);
const RECORDING_URL_MAX = 2048;

export interface VoiceWebhookServices extends WebhookAuthServices {
  orm: Orm;
  inbound: InboundWriter;
  publish(workspaceId: string, events: ServerEvent[]): void;
  kickMediaFetcher(): void;
}

interface CallEntry {
  id: string;
  direction: 'inbound' | 'outbound';
  meta: Record<string, unknown>;
}

/** A verified step of a call: its fields, and the entry it is about (null: none of this workspace). */
interface CallStep {
  workspace: WebhookCredentials;
  params: Record<string, string>;
  callSid: string | null;
  entry: CallEntry | null;
  /** This call's step URLs. */
  url(step: VoiceStep, extra?: string): string;
}

type Counted = (request: FastifyRequest, outcome: string) => void;

const twiml = (reply: FastifyReply, xml: string) => reply.type('text/xml').send(xml);
const fork = (orm: Orm) => orm.em.fork() as unknown as EntityManager;

export function voiceWebhookRoutes(app: FastifyInstance, services: VoiceWebhookServices, counted: Counted): void {
  const options = twilioWebhookOptions(services, VOICE_BODY_LIMIT);
  type StepRequest = { Params: { workspace: string }; Querystring: { message?: string; voicemail?: string; leg?: string } };
  const apply = async (step: CallStep, progress: Omit<CallProgress, 'callSid'>) => {
    const result = await applyCallProgress(services.orm, services.publish, step.workspace.workspaceId, step.entry!.id, { callSid: step.callSid, ...progress });
    if (result.fetchRecording) services.kickMediaFetcher();
    return result.outcome;
  };

  /** The step a request is (`verified`: when its signature was checked already). */
  async function stepOf(request: FastifyRequest<StepRequest>, verified?: { workspace: WebhookCredentials; params: Record<string, string> }, entryId?: string): Promise<CallStep> {
    const { workspace, params } = verified ?? (await verifiedTwilioRequest(request, services));
    // A dialled leg's reports name the call it was dialled from: the one the entry holds.
    const callSid = validSid(params.ParentCallSid) ?? validSid(params.CallSid);
    const named = entryId ?? (typeof request.query.message === 'string' && MESSAGE_ID.test(request.query.message) ? request.query.message : null);
    const id = await findCallEntry(services.orm, workspace.workspaceId, named, callSid);
    const [row] = id ? await sqlAll<{ id: string; direction: 'inbound' | 'outbound'; meta: unknown }>(fork(services.orm), "select id, direction, meta from messages where id = ? and workspace_id = ? and kind = 'call'", [id, workspace.workspaceId]) : [];
    const entry = row ? { id: row.id, direction: row.direction, meta: (typeof row.meta === 'string' ? JSON.parse(row.meta) : row.meta) as Record<string, unknown> } : null;
    if (!entry) counted(request, 'unknown');
    const base = workspace.publicUrl ?? services.publicUrl();
    return { workspace, params, callSid, entry, url: (step, extra) => voiceStepUrl(base, request.params.workspace, step, entry?.id ?? '', extra) };
  }

  async function settingsOf(workspaceId: string) {
    const workspace = (await fork(services.orm).findOneOrFail(WorkspaceSchema, { id: workspaceId })) as Workspace;
    return { name: workspace.name, ...voiceSettingsOf(workspace) };
  }

  // A contact calls: the entry first (a redelivery finds the one it made), then where it rings.
  app.post<StepRequest>('/webhooks/twilio/:workspace/voice', options, async (request, reply) => {
    const verified = await verifiedTwilioRequest(request, services);
    const { workspace, params } = verified;
    const callSid = sidOrDerived(params.CallSid, params);
    const { duplicate } = await services.inbound.write({
      workspaceId: workspace.workspaceId,
      provider: 'twilio',
      providerId: callSid,
      kind: 'call',
      channel: 'call',
      from: callerOf(params.From, callSid),
      body: 'Incoming call',
      meta: { to: params.To?.slice(0, 64) ?? null, outcome: 'ringing' },
    });
    counted(request, duplicate ? 'duplicate' : 'stored');
    const entryId = (await findCallEntry(services.orm, workspace.workspaceId, null, callSid))!;
    const step = await stepOf(request, verified, entryId);
    const settings = await settingsOf(workspace.workspaceId);
    const ringTo = (await assigneePhone(services.orm, entryId)) ?? settings.forwardTo;
    return twiml(
      reply,
      inboundCallTwiml({
        ringTo,
        record: settings.recordInbound,
        disclosure: disclosureOf(settings),
        greeting: greetingOf(settings, settings.name),
        answeredUrl: step.url('status', '&leg=dialed'),
        dialedUrl: step.url('dialed'),
        voicemailUrl: step.url('voicemail'),
        recordingUrl: step.url('recording'),
        voicemailRecordingUrl: step.url('recording', '&voicemail=1'),
      }),
    );
  });

  // The phone rung (the agent's, or the contact's for click to call) answered, or did not.
  app.post<StepRequest>('/webhooks/twilio/:workspace/voice/dialed', options, async (request, reply) => {
    const step = await stepOf(request);
    if (!step.entry) return twiml(reply, sayAndHangUpTwiml());
    const status = step.params.DialCallStatus ?? '';
    if (status === 'completed' || status === 'answered') {
      await apply(step, { outcome: 'answered', durationSeconds: seconds(step.params.DialCallDuration) });
      return twiml(reply, sayAndHangUpTwiml());
    }
    if (step.entry.direction === 'outbound') {
      const reason = unansweredReason(status);
      await apply(step, { outcome: 'missed', reason: { code: status || 'failed', message: reason } });
      return twiml(reply, sayAndHangUpTwiml(reason));
    }
    // Missed, until a voicemail says more (call-entry.ts ranks it higher).
    await apply(step, { outcome: 'missed' });
    const settings = await settingsOf(step.workspace.workspaceId);
    return twiml(reply, voicemailTwiml({ greeting: greetingOf(settings, settings.name), voicemailUrl: step.url('voicemail'), voicemailRecordingUrl: step.url('recording', '&voicemail=1') }));
  });

  // The caller has left a voicemail (its file comes to /voice/recording when Twilio has it ready).
  app.post<StepRequest>('/webhooks/twilio/:workspace/voice/voicemail', options, async (request, reply) => {
    const step = await stepOf(request);
    const length = seconds(step.params.RecordingDuration);
    if (step.entry && length > 0) await apply(step, { outcome: 'voicemail', durationSeconds: length });
    return twiml(reply, sayAndHangUpTwiml('Thank you. Goodbye.'));
  });

  // A recording is ready at Twilio: it becomes one of the entry's files, fetched as MMS media is.
  app.post<StepRequest>('/webhooks/twilio/:workspace/voice/recording', options, async (request, reply) => {
    const step = await stepOf(request);
    const url = step.params.RecordingUrl;
    if (step.entry && step.params.RecordingStatus === 'completed' && url) {
      const voicemail = request.query.voicemail === '1';
      const length = seconds(step.params.RecordingDuration);
      await apply(step, { ...(voicemail && length > 0 ? { outcome: 'voicemail' as const, durationSeconds: length } : {}), recording: { url: recordingFileUrl(url), contentType: 'audio/mpeg', voicemail } });
    }
    return reply.status(200).send();
  });

  // How the call goes: the voice number's status callback (by CallSid), click to call's (named), or
// the rung phone's answer (`leg=dialed`).
  app.post<StepRequest>('/webhooks/twilio/:workspace/voice/status', options, async (request, reply) => {
    const step = await stepOf(request);
    const status = step.params.CallStatus ?? '';
    if (step.entry) {
      if (request.query.leg === 'dialed') {
        // The rung phone (the agent's, or the contact's for click to call) answered.
        if (status === 'in-progress' || status === 'answered') await apply(step, { outcome: 'in-progress' });
      } else if (step.entry.direction === 'inbound') {
        if (ENDED.has(status)) await apply(step, { outcome: 'missed' });
      } else {
        const progress = agentLegProgress(status);
        if (progress) await apply(step, progress);
      }
    }
    return reply.status(200).send();
  });

  // Click to call: the agent answered; now the contact is called and joined.
  app.post<StepRequest>('/webhooks/twilio/:workspace/voice/bridge', options, async (request, reply) => {
    const step = await stepOf(request);
    const { entry } = step;
    if (!entry || entry.direction !== 'outbound' || typeof entry.meta.to !== 'string' || typeof entry.meta.from !== 'string') return twiml(reply, sayAndHangUpTwiml('This call is no longer available.'));
    await apply(step, { outcome: 'ringing' });
    return twiml(reply, bridgeTwiml({ contactPhone: entry.meta.to, callerId: entry.meta.from, record: entry.meta.record === true, answeredUrl: step.url('status', '&leg=dialed'), dialedUrl: step.url('dialed'), recordingUrl: step.url('recording'), whisperUrl: step.url('whisper') }));
  });

  // A recorded click-to-call: what the contact hears on answering, before being joined.
  app.post<StepRequest>('/webhooks/twilio/:workspace/voice/whisper', options, async (request, reply) => {
    const step = await stepOf(request);
    return twiml(reply, sayTwiml(disclosureOf(await settingsOf(step.workspace.workspaceId))));
  });
}

/** Twilio's stand-ins for a caller who withheld their number (anonymous, restricted, unknown, blocked). */
const WITHHELD = new Set(['+266696687', '+86282452253', '+8656696', '+7378742833', '+2562533']);

/**
 * Who called: their number, as a contact's key. A caller who withheld it gets a contact of this
 * call alone (no number to call back), never one shared by every withheld caller.
 */
function callerOf(from: string | undefined, callSid: string): string {
  const sender = senderOf(from ?? '');
  return sender.startsWith('+') && !WITHHELD.has(sender) ? sender : `Withheld caller ${callSid.slice(-8)}`;
}

/** The phone of the agent the call's conversation is assigned to, when they saved one. */
async function assigneePhone(orm: Orm, entryId: string): Promise<string | null> {
  const [row] = await sqlAll<{ phone: string | null }>(fork(orm), 'select u.phone from messages m join conversations c on c.id = m.conversation_id join users u on u.id = c.assignee_id where m.id = ?', [entryId]);
  return row?.phone ?? null;
}

function unansweredReason(dialStatus: string): string {
  if (dialStatus === 'busy') return "The contact's line was busy.";
  if (dialStatus === 'no-answer') return 'The contact did not answer.';
  if (dialStatus === 'canceled') return 'You hung up before the contact answered.';
  return 'The call to the contact could not be placed.';
}

const seconds = (value: string | undefined) => {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 24 * 60 * 60) : 0;
};

/** Twilio's recording resource, as the MP3 file it serves. */
function recordingFileUrl(url: string): string {
  const kept = storableLine(url).slice(0, RECORDING_URL_MAX);
  return /\.(mp3|wav)$/i.test(kept) ? kept : `${kept}.mp3`;
}
