import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from './signatures.ts';

const secret = 'whsec_test_secret';
const now = new Date('2026-01-05T09:00:00Z');

describe('Fulfillment-Signature', () => {
  it('verifies what it signed', () => {
    const header = signPayload(secret, '{"a":1}', now);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, header, '{"a":1}', now)).toMatchObject({ ok: true });
  });

  it('refuses another body, another secret, a stale timestamp and malformed headers', () => {
    const header = signPayload(secret, '{"a":1}', now);
    expect(verifySignature(secret, header, '{"a":2}', now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature('other', header, '{"a":1}', now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(secret, header, '{"a":1}', new Date(now.getTime() + 301_000))).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifySignature(secret, undefined, '', now)).toEqual({ ok: false, reason: 'missing' });
    expect(verifySignature(secret, 'garbage', '', now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySignature(secret, 't=abc,v1=00', '', now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySignature(secret, `t=${now.getTime() / 1000},v1=zz`, '', now)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('accepts any of several v1 signatures (secret rotation)', () => {
    const good = signPayload(secret, 'x', now);
    const t = good.split(',')[0];
    const withOld = `${t},v1=${'0'.repeat(64)},${good.split(',')[1]}`;
    expect(verifySignature(secret, withOld, 'x', now).ok).toBe(true);
  });
});
