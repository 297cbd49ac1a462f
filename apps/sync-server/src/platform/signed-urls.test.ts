import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_BLOB_URL_LIFETIME_SECONDS, signBlobUrl, verifyBlobUrl } from './signed-urls.ts';

const secret = 'blob-url-secret-for-tests-0123456789';
const now = new Date('2026-01-05T09:00:00Z');
const nowUnix = now.getTime() / 1000;

function parts(url: string) {
  const u = new URL(url, 'http://x');
  return {
    key: u.pathname.slice('/v1/files/'.length),
    expires: u.searchParams.get('expires') ?? undefined,
    sig: u.searchParams.get('sig') ?? undefined,
  };
}

describe('signed blob URLs', () => {
  it('signs "key\\nexpires" with HMAC-SHA256 and verifies what it signed', () => {
    const url = signBlobUrl(secret, 'acme/labels/sh_123.pdf', { expiresInSeconds: 600, now });
    const expectedSig = createHmac('sha256', secret)
      .update(`acme/labels/sh_123.pdf\n${nowUnix + 600}`)
      .digest('hex');
    expect(url).toBe(`/v1/files/acme/labels/sh_123.pdf?expires=${nowUnix + 600}&sig=${expectedSig}`);
    const { key, expires, sig } = parts(url);
    expect(verifyBlobUrl(secret, key, expires, sig, now)).toEqual({
      ok: true,
      expires: nowUnix + 600,
      remainingSeconds: 600,
    });
  });

  it('answers expired at and after the expiry, valid just before', () => {
    const { key, expires, sig } = parts(signBlobUrl(secret, 'acme/x.pdf', { expiresInSeconds: 60, now }));
    const at = (s: number) => new Date(now.getTime() + s * 1000);
    expect(verifyBlobUrl(secret, key, expires, sig, at(59))).toMatchObject({ ok: true, remainingSeconds: 1 });
    expect(verifyBlobUrl(secret, key, expires, sig, at(60))).toEqual({ ok: false, reason: 'expired' });
    expect(verifyBlobUrl(secret, key, expires, sig, at(3600))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a changed key, expiry or signature, another secret and malformed parts', () => {
    const { key, expires, sig } = parts(signBlobUrl(secret, 'acme/labels/sh_1.pdf', { expiresInSeconds: 60, now }));
    const invalid = { ok: false, reason: 'invalid' };
    expect(verifyBlobUrl(secret, 'acme/labels/sh_2.pdf', expires, sig, now)).toEqual(invalid);
    expect(verifyBlobUrl(secret, 'globex/labels/sh_1.pdf', expires, sig, now)).toEqual(invalid);
    expect(verifyBlobUrl(secret, key, String(Number(expires) + 3600), sig, now)).toEqual(invalid);
    // A later expiry that was tampered with is invalid, not merely expired, even after it passed.
    expect(verifyBlobUrl(secret, key, String(Number(expires) - 120), sig, now)).toEqual(invalid);
    const flipped = (sig![0] === 'a' ? 'b' : 'a') + sig!.slice(1);
    expect(verifyBlobUrl(secret, key, expires, flipped, now)).toEqual(invalid);
    expect(verifyBlobUrl(secret, key, expires, sig!.toUpperCase(), now)).toEqual(invalid);
    expect(verifyBlobUrl(secret, key, expires, sig!.slice(0, 62), now)).toEqual(invalid);
    expect(verifyBlobUrl('another-secret-another-secret-0000', key, expires, sig, now)).toEqual(invalid);
    expect(verifyBlobUrl(secret, key, undefined, sig, now)).toEqual(invalid);
    expect(verifyBlobUrl(secret, key, expires, undefined, now)).toEqual(invalid);
    expect(verifyBlobUrl(secret, key, `${expires}.0`, sig, now)).toEqual(invalid);
    expect(verifyBlobUrl(secret, key, `-${expires}`, sig, now)).toEqual(invalid);
    expect(verifyBlobUrl(secret, '../etc/passwd', expires, sig, now)).toEqual(invalid);
  });

  it('refuses to sign bad keys or lifetimes beyond the bound, and to accept them', () => {
    expect(() => signBlobUrl(secret, '../x', { expiresInSeconds: 60, now })).toThrow();
    expect(() => signBlobUrl(secret, 'acme/x', { expiresInSeconds: MAX_BLOB_URL_LIFETIME_SECONDS + 1, now })).toThrow(
      RangeError,
    );
    expect(() => signBlobUrl(secret, 'acme/x', { expiresInSeconds: 0, now })).toThrow(RangeError);
    expect(() => signBlobUrl(secret, 'acme/x', { expiresInSeconds: 1.5, now })).toThrow(RangeError);
    expect(() => signBlobUrl(secret, 'acme/x', { expiresInSeconds: MAX_BLOB_URL_LIFETIME_SECONDS, now })).not.toThrow();
    // Even correctly signed (the secret leaked, or an older build), an over-long expiry is refused.
    const far = nowUnix + MAX_BLOB_URL_LIFETIME_SECONDS + 10;
    const sig = createHmac('sha256', secret).update(`acme/x\n${far}`).digest('hex');
    expect(verifyBlobUrl(secret, 'acme/x', String(far), sig, now)).toEqual({ ok: false, reason: 'invalid' });
  });
});
