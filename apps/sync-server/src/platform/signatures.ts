import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `Fulfillment-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">` (CONVENTIONS.md: Events), the
 * scheme of outbound webhooks and of every inbound callback we accept. The timestamp is signed too,
 * so an old delivery cannot be replayed outside the tolerance window.
 */
export const SIGNATURE_HEADER = 'Fulfillment-Signature';
const DEFAULT_TOLERANCE_SECONDS = 300;

export function signPayload(secret: string, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

export type SignatureCheck =
  { ok: true; timestamp: number } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
  now: Date,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing' };
  const parts = new Map<string, string[]>();
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (!k || !v) return { ok: false, reason: 'malformed' };
    parts.set(k, [...(parts.get(k) ?? []), v]);
  }
  const t = Number(parts.get('t')?.[0]);
  const signatures = parts.get('v1') ?? [];
  if (!Number.isInteger(t) || signatures.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return { ok: false, reason: 'stale' };
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  // Several v1 values are allowed so a sender can sign with an old and a new secret while rotating.
  const match = signatures.some((hex) => {
    const given = Buffer.from(hex, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return match ? { ok: true, timestamp: t } : { ok: false, reason: 'mismatch' };
}
