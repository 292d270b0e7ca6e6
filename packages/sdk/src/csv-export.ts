// Messages as CSV (seed 002's columns), read from the server's streaming REST routes with the
// client's token: one conversation's for any agent, every conversation's for admins. The bytes
// are counted as they come, so a page can show progress on a large workspace's export.
import { ConvError } from './errors.js';
import type { ErrorCode } from './protocol/errors.js';

export async function fetchCsv(baseUrl: string, token: string, conversationId: string | undefined, onProgress?: (bytes: number) => void): Promise<Blob> {
  const path = conversationId ? `/v1/conversations/${encodeURIComponent(conversationId)}/export.csv` : '/v1/messages/export.csv';
  let response: Response;
  try {
    response = await fetch(new URL(path, baseUrl), { headers: { authorization: `Bearer ${token}` } });
  } catch (error) {
    throw new ConvError('disconnected', 'The server could not be reached: check the connection and try again.', { cause: error });
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    // The server's own code (a protocol error code); a proxy's page in its place is internal.
    const code = (typeof body?.error?.code === 'string' ? body.error.code : 'internal') as ErrorCode;
    throw new ConvError(code, body?.error?.message ?? `The export failed (HTTP ${response.status}).`);
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.length;
    onProgress?.(bytes);
  }
  return new Blob(chunks as BlobPart[], { type: 'text/csv;charset=utf-8' });
}
