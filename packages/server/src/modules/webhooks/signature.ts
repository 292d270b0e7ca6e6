// How a delivery is signed: `Convkit-Signature: t=<unix seconds>,v1=<hex>`, where the hex is
// HMAC-SHA256 of `<t>.<raw body>` under the endpoint's secret. The timestamp is inside what is
// signed, so a receiver that refuses old timestamps (docs/server.md says five minutes) cannot be
// replayed a captured delivery later.
import { createHmac } from 'node:crypto';

export function signatureHeader(secret: string, body: string, at = Date.now()): string {
  const t = Math.floor(at / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}
