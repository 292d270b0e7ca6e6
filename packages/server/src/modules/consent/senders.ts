// The identities a workspace texts from, as consent is kept per sender: its Messaging Service
// (any number of its pool, and its RCS sender, may carry a text), else its first sending number,
// else the sandbox's number; and its WhatsApp sender. The send gate and the inbound ledger
// entries read them here, so a STOP is filed under the identity the gate checks.
type Query = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export interface Senders {
  sms: string | null;
  whatsapp: string | null;
  /** Whether `sms` is a Messaging Service (whose every number shares its consent). */
  service: boolean;
}

export async function workspaceSenders(query: Query, workspaceId: string): Promise<Senders> {
  const [row] = await query(
    'select w.sms_number, a.workspace_id as account, a.messaging_service_sid, a.messaging_numbers, a.whatsapp_number from workspaces w left join twilio_accounts a on a.workspace_id = w.id where w.id = ?',
    [workspaceId],
  );
  if (!row) return { sms: null, whatsapp: null, service: false };
  const sandbox = (row.sms_number as string | null) ?? null;
  if (!row.account) return { sms: sandbox, whatsapp: sandbox, service: false };
  const raw = row.messaging_numbers;
  const numbers = (typeof raw === 'string' ? JSON.parse(raw) : raw) as string[] | null;
  const service = (row.messaging_service_sid as string | null) ?? null;
  return { sms: service ?? numbers?.[0] ?? null, whatsapp: (row.whatsapp_number as string | null) ?? null, service: service !== null };
}
