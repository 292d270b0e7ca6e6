// `convkit simulate sms|whatsapp|rcs|mms|call|status`: what Twilio would post to the running server,
// signed with the workspace's auth token, so it takes exactly the path a real webhook takes.
import type { EntityManager } from '@mikro-orm/sql';
import type { Orm } from '../db/orm.js';
import { Keyring } from '../secrets/keyring.js';
import { sqlAll } from '../db/sql.js';
import { AppError } from '../errors.js';
import { findWorkspaceBySlug } from '../modules/workspaces/workspaces.service.js';
import { webhookCredentials } from '../channels/twilio/webhook-credentials.js';
import { loadTwilioAccount } from '../channels/twilio/settings.js';
import { postSimulatedSms, postSimulatedStatus, type SimulatorSigning } from '../channels/twilio/simulator.js';
import { CALL_OUTCOMES_SIMULATED, postSimulatedCall, SimulationError, type SimulatedOutcome } from '../channels/twilio/call-simulator.js';
import type { SecretKeySource } from '../secrets/keyring.js';

export const SIMULATIONS = ['sms', 'whatsapp', 'rcs', 'mms', 'call', 'status'] as const;

export interface SimulateOptions {
  workspace: string;
  baseUrl: string;
  from?: string | undefined;
  body?: string | undefined;
  mediaUrls?: string[] | undefined;
  mediaType?: string | undefined;
  message?: string | undefined;
  status?: string | undefined;
  errorCode?: string | undefined;
  outcome?: string | undefined;
  duration?: string | undefined;
  recordingUrl?: string | undefined;
  /** WhatsApp: the sender's business-scoped user id beside a number `from`. */
  userId?: string | undefined;
  /** WhatsApp: the sender's profile name. */
  name?: string | undefined;
}

/** Posts the simulated webhook; answers the line to print. */
export async function simulateCommand(orm: Orm, secretKey: SecretKeySource, kind: string | undefined, options: SimulateOptions): Promise<string> {
  if (!SIMULATIONS.includes(kind as never)) throw new AppError('invalid_params', `simulate supports: ${SIMULATIONS.join(', ')}`);
  const workspace = await findWorkspaceBySlug(orm, options.workspace);
  const keyring = Keyring.load(secretKey);
  const credentials = workspace ? await webhookCredentials(orm, keyring, workspace) : null;
  if (!workspace || !credentials) throw new AppError('not_found', `no workspace "${options.workspace}" with a Twilio channel in this database: start the demo first (npm start)`);
  const em = orm.em.fork() as unknown as EntityManager;
  const account = await loadTwilioAccount(em, keyring, workspace.id);
  const signing = { baseUrl: options.baseUrl, workspaceSlug: workspace.slug, accountSid: account?.accountSid ?? workspace.twilioAccountSid ?? '', authToken: credentials.authToken };
  const post = async <T extends { status: number; body: string }>(send: () => Promise<T>): Promise<T> => {
    let result: T;
    try {
      result = await send();
    } catch (error) {
      throw new AppError('provider_unavailable', `could not reach the server at ${options.baseUrl} (${(error as Error).message}): is it running (npm start)? If it listens elsewhere, pass --url or set PORT.`);
    }
    if (result.status !== 200) throw new AppError('invalid_params', `the server answered ${result.status}: ${result.body}`);
    return result;
  };

  if (kind === 'status') {
    if (!options.message || !options.status) throw new AppError('invalid_params', 'simulate status needs --message (a message id) and --status (sent, delivered, read, failed, undelivered)');
    // Twilio reports on a message by its own sid: the one the send was given.
    const [sent] = await sqlAll<{ provider: string | null; provider_id: string | null }>(em, 'select provider, provider_id from messages where id = ? and workspace_id = ?', [options.message, workspace.id]);
    if (!sent) throw new AppError('not_found', `no message ${options.message} in workspace "${workspace.slug}"`);
    if (sent.provider !== 'twilio' || !sent.provider_id) {
      throw new AppError('conflict', `message ${options.message} did not go through Twilio (${sent.provider ?? 'not sent yet'}): a sandbox send reports by itself, delivered, or undelivered when its text contains "fail"`);
    }
    await post(() => postSimulatedStatus({ ...signing, message: options.message!, messageSid: sent.provider_id!, status: options.status!, ...(options.errorCode ? { errorCode: options.errorCode } : {}) }));
    return `reported ${options.status} for ${options.message} to ${options.baseUrl}`;
  }

  if (!options.from) throw new AppError('invalid_params', `simulate ${kind} needs --from`);
  if (kind === 'call') return simulateCall(signing, account?.voiceNumber ?? account?.messagingNumbers[0] ?? workspace.smsNumber ?? '', options);
  if (kind === 'mms' && !options.mediaUrls?.length) throw new AppError('invalid_params', 'simulate mms needs --media-url (Twilio\'s URL of the picture)');
  if (kind !== 'mms' && options.body === undefined) throw new AppError('invalid_params', `simulate ${kind} needs --from and --body`);
  const to = kind === 'whatsapp' ? (account?.whatsappNumber ?? account?.messagingNumbers[0] ?? workspace.smsNumber) : (account?.messagingNumbers[0] ?? workspace.smsNumber);
  const result = await post(() =>
    postSimulatedSms({
      ...signing,
      from: options.from!,
      to: to ?? '',
      body: options.body ?? '',
      whatsapp: kind === 'whatsapp' && { ...(options.userId ? { userId: options.userId } : {}), ...(options.name ? { profileName: options.name } : {}) },
      // An RCS sender's id is the brand's agent name at Twilio; the workspace's slug stands in for it.
      ...(kind === 'rcs' ? { rcs: { senderId: `${workspace.slug.replace(/-/g, '_')}_agent` } } : {}),
      media: (options.mediaUrls ?? []).map((url) => ({ url, contentType: options.mediaType ?? 'image/jpeg' })),
    }),
  );
  return `delivered ${result.messageSid} from ${options.from} to ${options.baseUrl}`;
}

async function simulateCall(signing: SimulatorSigning, to: string, options: SimulateOptions): Promise<string> {
  const outcome = (options.outcome ?? 'answered') as SimulatedOutcome;
  if (!CALL_OUTCOMES_SIMULATED.includes(outcome)) throw new AppError('invalid_params', `--outcome: one of ${CALL_OUTCOMES_SIMULATED.join(', ')}`);
  const duration = Number(options.duration ?? (outcome === 'voicemail' ? 20 : 95));
  if (!Number.isInteger(duration) || duration < 0 || duration > 86_400) throw new AppError('invalid_params', '--duration: whole seconds, at most 86400');
  try {
    const sid = await postSimulatedCall({ ...signing, from: options.from!, to, outcome, durationSeconds: duration, ...(options.recordingUrl ? { recordingUrl: options.recordingUrl } : {}) });
    return `called from ${options.from} (${sid}): ${outcome}${outcome === 'missed' ? '' : `, ${duration} s`}`;
  } catch (error) {
    if (error instanceof SimulationError) throw new AppError('invalid_params', error.message);
    throw new AppError('provider_unavailable', `could not reach the server at ${signing.baseUrl} (${(error as Error).message}): is it running (npm start)? If it listens elsewhere, pass --url or set PORT.`);
  }
}
