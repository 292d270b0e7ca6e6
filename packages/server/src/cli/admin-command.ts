// `convkit admin …`: the operator's API (/v1/admin) from a shell, against a running server
// (--url, else PUBLIC_URL) with the admin key from CONVKIT_ADMIN_KEY, never from an argument
// (shells keep arguments in their history, and `ps` shows them). It prints the server's JSON
// answer; a refusal is printed with its code and the command fails.
import { twilioInputFrom, type TwilioCommandOptions } from './twilio-command.js';

export interface AdminCommandOptions extends Omit<TwilioCommandOptions, 'workspace'> {
  workspace?: string | undefined;
  slug?: string | undefined;
  name?: string | undefined;
  timezone?: string | undefined;
  grace?: string | undefined;
  id?: string | undefined;
  scope?: string[] | undefined;
}

interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
}

export class AdminCommandError extends Error {}

const need = (value: string | undefined, flag: string, what: string): string => {
  if (!value) throw new AdminCommandError(`${what} needs ${flag}`);
  return value;
};

/** The REST call each `admin <resource> <action>` makes. */
export function adminCall(resource: string | undefined, action: string | undefined, o: AdminCommandOptions, env: NodeJS.ProcessEnv): Call {
  const ws = () => `/v1/admin/workspaces/${encodeURIComponent(need(o.workspace, '--workspace <slug>', `admin ${resource} ${action}`))}`;
  const id = () => encodeURIComponent(need(o.id, '--id <id>', `admin ${resource} ${action}`));
  const key = `${resource} ${action}`;
  switch (key) {
    case 'workspaces list':
      return { method: 'GET', path: '/v1/admin/workspaces' };
    case 'workspaces create':
      return { method: 'POST', path: '/v1/admin/workspaces', body: { slug: need(o.slug, '--slug <slug>', key), name: need(o.name, '--name <name>', key), ...(o.timezone ? { timezone: o.timezone } : {}) } };
    case 'workspaces update':
      return { method: 'PATCH', path: `/v1/admin/workspaces/${encodeURIComponent(need(o.slug, '--slug <slug>', key))}`, body: { ...(o.name ? { name: o.name } : {}), ...(o.timezone ? { timezone: o.timezone } : {}) } };
    case 'secret show':
      return { method: 'GET', path: `${ws()}/signing-secret` };
    case 'secret rotate': {
      // Strictly digits: an empty or blank --grace must not read as 0 (which ends the old secret at once).
      if (o.grace !== undefined && !/^\d+$/.test(o.grace)) throw new AdminCommandError('--grace is a whole number of seconds (0 ends the old secret at once)');
      const grace = o.grace === undefined ? undefined : Number(o.grace);
      return { method: 'POST', path: `${ws()}/signing-secret/rotate`, body: grace === undefined ? {} : { graceSeconds: grace } };
    }
    case 'agents list':
      return { method: 'GET', path: `${ws()}/agents` };
    case 'agents deactivate':
    case 'agents activate':
      return { method: 'POST', path: `${ws()}/agents/${id()}/${action}` };
    case 'api-keys list':
      return { method: 'GET', path: `${ws()}/api-keys` };
    case 'api-keys create':
      return { method: 'POST', path: `${ws()}/api-keys`, body: { name: need(o.name, '--name <name>', key), scopes: o.scope ?? [] } };
    case 'api-keys revoke':
      return { method: 'DELETE', path: `${ws()}/api-keys/${id()}` };
    case 'twilio show':
      return { method: 'GET', path: `${ws()}/twilio` };
    case 'twilio set':
      return { method: 'PUT', path: `${ws()}/twilio`, body: twilioInputFrom(o, env) };
    case 'twilio remove':
      return { method: 'DELETE', path: `${ws()}/twilio` };
    default:
      throw new AdminCommandError(`unknown admin command "${key}"`);
  }
}

/** Runs one admin command; resolves with what to print, rejects with the server's refusal. */
export async function adminCommand(baseUrl: string, resource: string | undefined, action: string | undefined, options: AdminCommandOptions, env: NodeJS.ProcessEnv): Promise<string> {
  const adminKey = env.CONVKIT_ADMIN_KEY;
  if (!adminKey) throw new AdminCommandError('admin needs CONVKIT_ADMIN_KEY (the running server\'s admin key) in the environment');
  const call = adminCall(resource, action, options, env);
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${call.path}`, {
      method: call.method,
      headers: { authorization: `Bearer ${adminKey}`, ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
    });
  } catch (error) {
    throw new AdminCommandError(`cannot reach the server at ${baseUrl} (${(error as Error).message}); give its address with --url`);
  }
  const text = await response.text();
  if (!response.ok) {
    let refusal = text;
    try {
      const { error } = JSON.parse(text) as { error: { code: string; message: string } };
      refusal = `${error.code}: ${error.message}`;
    } catch {
      // not the server's error shape: print it as it came
    }
    throw new AdminCommandError(`the server refused (${response.status}) ${refusal}`);
  }
  return JSON.stringify(JSON.parse(text), null, 2);
}
