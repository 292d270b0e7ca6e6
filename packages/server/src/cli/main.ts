#!/usr/bin/env node
// convkit <command>: start the server, migrate, seed, mint a token, simulate inbound traffic,
// print a workspace's inbound email URL.
import { parseArgs } from 'node:util';
import { configFromEnv } from '../config.js';
import { migrate, openOrm } from '../db/orm.js';
import { createServer } from '../server.js';
import { seedDemo } from '../seed/demo.js';
import { mintToken } from '../auth/tokens.js';
import { findWorkspaceBySlug, setWorkspaceLimits, workspaceLimitsOf } from '../modules/workspaces/workspaces.service.js';
import { AppError } from '../errors.js';
import type { LimitsOverride } from '../limits/limits.js';
import { simulateCommand } from './simulate-command.js';
import { twilioCommand } from './twilio-command.js';
import { AdminCommandError, adminCommand } from './admin-command.js';
import { generateSecretKey } from '../secrets/keyring.js';
import { inboundUrl } from '../channels/email/inbound-password.js';

const USAGE = `Usage: convkit <command> [options]

  start [--demo]                       migrate, (seed the demo workspace), serve on PORT (3000)
  migrate                              apply pending database migrations
  seed                                 create the demo workspace if it is missing
  token --workspace demo --user ID     print a user token (HS256, 1 h) [--name N] [--role admin|agent] [--ttl SECONDS]
  simulate sms --from +15551230000 --body "text"
                                       post a signed Twilio-format webhook to the running server
                                       [--workspace demo] [--url http://localhost:3000]
  simulate whatsapp --from +1… --body "text"     the same, as a WhatsApp message [--name "Ana Souza"]
                                       --from US.1349…: a user known only by their WhatsApp user id;
                                       --from +1… --user-id US.1349…: a message naming both
  simulate rcs --from +1… --body "text"          the same, delivered over RCS
  simulate mms --from +1… --media-url https://api.twilio.com/… [--media-type image/jpeg] [--body "text"]
  simulate call --from +1… [--outcome answered|missed|voicemail] [--duration 95] [--recording-url https://api.twilio.com/…]
                                       a call to the voice number, followed to its end
  simulate status --message <id> --status delivered|undelivered|failed [--error-code 30003]
                                       Twilio's report on a message it sent
  twilio show --workspace demo         the workspace's Twilio settings (never its secrets)
  twilio set --workspace demo --account-sid AC… --messaging-number +15551230000
             [--messaging-number …] [--messaging-service MG…] [--whatsapp-number +1…]
             [--voice-number +1…] [--public-url https://…] [--api-key SK…]
                                       checked with Twilio before it is saved; the secrets come
                                       from TWILIO_AUTH_TOKEN and TWILIO_API_KEY_SECRET
  twilio remove --workspace demo       back to sandbox mode
  email-inbound --workspace demo       the URL (with the workspace's password) a mail service posts
                                       its inbound mail to; needs CONVKIT_EMAIL_INBOUND_SECRET
  secret-key                           print a new key for CONVKIT_SECRET_KEY (or CONVKIT_ADMIN_KEY)
  admin <resource> <action>            the operator's API of a running server [--url http://localhost:3000],
                                       with the admin key from CONVKIT_ADMIN_KEY:
    workspaces list | create --slug S --name N [--timezone Z] | update --slug S [--name N] [--timezone Z]
    secret show --workspace S | rotate --workspace S [--grace SECONDS]   (the signing secret)
    agents list --workspace S | deactivate --workspace S --id USER | activate --workspace S --id USER
    api-keys list --workspace S | create --workspace S --name N --scope contacts:write [--scope …]
             | revoke --workspace S --id KEY
    twilio show | set | remove --workspace S   (set: the flags of "twilio set" above)
  limits --workspace demo              print the workspace's rate limits
         [--set '{"socketCommands":{"burst":300}}']   change them (running servers read it with the next command)
         [--reset]                     back to the server's limits (CONVKIT_LIMITS or the defaults)

Database: SQLite under ./data by default; PostgreSQL when DATABASE_URL is set.`;

function fail(message: string): never {
  process.stderr.write(`convkit: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function withOrm<T>(work: (orm: Awaited<ReturnType<typeof openOrm>>) => Promise<T>): Promise<T> {
  const orm = await openOrm(configFromEnv().database);
  try {
    await migrate(orm);
    return await work(orm);
  } finally {
    await orm.close();
  }
}

const [command, ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: rest,
  allowPositionals: true,
  options: {
    demo: { type: 'boolean', default: false },
    workspace: { type: 'string', default: 'demo' },
    user: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    ttl: { type: 'string', default: '3600' },
    from: { type: 'string' },
    body: { type: 'string' },
    url: { type: 'string' },
    'media-url': { type: 'string', multiple: true },
    'media-type': { type: 'string' },
    message: { type: 'string' },
    status: { type: 'string' },
    'error-code': { type: 'string' },
    outcome: { type: 'string' },
    duration: { type: 'string' },
    'recording-url': { type: 'string' },
    'user-id': { type: 'string' },
    set: { type: 'string' },
    reset: { type: 'boolean', default: false },
    'account-sid': { type: 'string' },
    'api-key': { type: 'string' },
    'messaging-number': { type: 'string', multiple: true },
    'messaging-service': { type: 'string' },
    'whatsapp-number': { type: 'string' },
    'voice-number': { type: 'string' },
    'public-url': { type: 'string' },
    slug: { type: 'string' },
    timezone: { type: 'string' },
    grace: { type: 'string' },
    id: { type: 'string' },
    scope: { type: 'string', multiple: true },
  },
});

/** The Twilio settings' flags, for `twilio set` and `admin twilio set` alike. */
const twilioFlags = () => ({
  accountSid: values['account-sid'],
  apiKey: values['api-key'],
  messagingNumbers: values['messaging-number'],
  messagingService: values['messaging-service'],
  whatsappNumber: values['whatsapp-number'],
  voiceNumber: values['voice-number'],
  publicUrl: values['public-url'],
});

switch (command) {
  case 'start': {
    const config = configFromEnv(process.env, values.demo ? { demo: true } : {});
    const server = await createServer(config, { seedDemo: values.demo });
    const where = config.database.kind === 'sqlite' ? config.database.path : 'PostgreSQL (DATABASE_URL)';
    process.stdout.write(`\nConvkit is running at ${server.url}  (database: ${where})\n`);
    if (values.demo) process.stdout.write(`Open ${server.url} for the demo inbox. Simulate an inbound SMS with:\n  npx convkit simulate sms --from +15551230000 --body "Hello"\n\n`);
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    break;
  }
  case 'migrate': {
    const applied = await withOrm(migrate);
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'the database is up to date\n');
    break;
  }
  case 'seed': {
    const { created, slug } = await withOrm((orm) => seedDemo(orm, { signingSecret: process.env.CONVKIT_DEMO_SECRET }));
    process.stdout.write(created ? `seeded workspace "${slug}"\n` : `workspace "${slug}" exists; nothing to do\n`);
    break;
  }
  case 'token': {
    if (!values.user) fail('token needs --user (the host\'s id for the user, e.g. agent-1)');
    if (values.role && values.role !== 'admin' && values.role !== 'agent') fail('--role is admin or agent');
    const ttl = Number(values.ttl);
    if (!Number.isInteger(ttl) || ttl <= 0) fail('--ttl is a positive number of seconds');
    const token = await withOrm(async (orm) => {
      if (values.workspace === 'demo') await seedDemo(orm, { signingSecret: process.env.CONVKIT_DEMO_SECRET });
      const workspace = await findWorkspaceBySlug(orm, values.workspace!);
      if (!workspace) fail(`no workspace "${values.workspace}" in this database`);
      const role = values.role === 'admin' || values.role === 'agent' ? values.role : undefined;
      return mintToken(workspace.signingSecret, { wsp: workspace.slug, sub: values.user!, ...(values.name ? { name: values.name } : {}), ...(role ? { role } : {}) }, ttl);
    });
    process.stdout.write(`${token}\n`);
    break;
  }
  case 'simulate': {
    const config = configFromEnv();
    const line = await withOrm((orm) =>
      simulateCommand(orm, config.secretKey, positionals[0], {
        workspace: values.workspace!,
        baseUrl: values.url ?? config.publicUrl,
        from: values.from,
        body: values.body,
        mediaUrls: values['media-url'],
        mediaType: values['media-type'],
        message: values.message,
        status: values.status,
        errorCode: values['error-code'],
        outcome: values.outcome,
        duration: values.duration,
        recordingUrl: values['recording-url'],
        userId: values['user-id'],
        name: values.name,
      }),
    ).catch((error: unknown) => fail(error instanceof AppError ? error.message : String(error)));
    process.stdout.write(`${line}\n`);
    break;
  }
  case 'twilio': {
    let shown;
    try {
      shown = await withOrm((orm) =>
        twilioCommand(orm, configFromEnv(), positionals[0], {
          workspace: values.workspace!,
          ...twilioFlags(),
        }, process.env),
      );
    } catch (error) {
      if (error instanceof AppError) fail(error.message);
      throw error;
    }
    process.stdout.write(`${JSON.stringify({ workspace: values.workspace, ...shown }, null, 2)}\n`);
    break;
  }
  case 'admin': {
    const config = configFromEnv();
    const printed = await adminCommand(values.url ?? config.publicUrl, positionals[0], positionals[1], {
      // Named, never the "demo" default: an operator's command must say which workspace it changes.
      workspace: rest.some((arg) => arg === '--workspace' || arg.startsWith('--workspace=')) ? values.workspace : undefined,
      slug: values.slug,
      name: values.name,
      timezone: values.timezone,
      grace: values.grace,
      id: values.id,
      scope: values.scope,
      ...twilioFlags(),
    }, process.env).catch((error: unknown) => fail(error instanceof AdminCommandError || error instanceof AppError ? error.message : String(error)));
    process.stdout.write(`${printed}\n`);
    break;
  }
  case 'secret-key':
    process.stdout.write(`${generateSecretKey()}\n`);
    break;
  case 'email-inbound': {
    const config = configFromEnv();
    if (!config.email.inboundSecret) fail('email-inbound needs CONVKIT_EMAIL_INBOUND_SECRET (the same the server is given; at least 16 characters)');
    const workspace = await withOrm((orm) => findWorkspaceBySlug(orm, values.workspace!));
    if (!workspace) fail(`no workspace "${values.workspace}" in this database`);
    process.stdout.write(`${inboundUrl(config.publicUrl, config.email.inboundSecret, workspace.slug)}\n`);
    break;
  }
  case 'limits': {
    const server = configFromEnv().limits;
    let change: LimitsOverride | null | undefined;
    if (values.reset) change = null;
    else if (values.set) {
      try {
        change = JSON.parse(values.set) as LimitsOverride;
      } catch {
        fail('--set takes JSON, e.g. \'{"socketCommands":{"burst":300,"perSecond":60}}\'');
      }
    }
    let shown;
    try {
      shown = await withOrm((orm) => (change === undefined ? workspaceLimitsOf(orm, values.workspace!, server) : setWorkspaceLimits(orm, values.workspace!, server, change)));
    } catch (error) {
      if (error instanceof AppError) fail(error.code === 'not_found' ? `${error.message} Start the demo once (npm start) to create "demo", or name another workspace.` : error.message);
      throw error;
    }
    process.stdout.write(`${JSON.stringify({ workspace: values.workspace, ...shown }, null, 2)}\n`);
    break;
  }
  case undefined:
  case 'help':
  case '--help':
    process.stdout.write(`${USAGE}\n`);
    break;
  default:
    fail(`unknown command "${command}"`);
}
