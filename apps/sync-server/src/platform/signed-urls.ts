import { createHmac, timingSafeEqual } from 'node:crypto';
import { assertBlobKey, blobKeyProblem } from './blob-storage.ts';

/**
 * Time-limited links to blobs (CONVENTIONS.md: Files): `/v1/files/<key>?expires=<unix>&sig=<hex>`,
 * where sig is the hex HMAC-SHA256 of `"<key>\n<expires>"` under BLOB_URL_SECRET. The URL is the
 * credential, so it is short-lived and any change to key, expiry or signature voids it.
 */
export const FILES_PATH_PREFIX = '/v1/files/';
export const MAX_BLOB_URL_LIFETIME_SECONDS = 7 * 24 * 3600;

const EXPIRES = /^[0-9]{1,12}$/;
const SIG = /^[0-9a-f]{64}$/;

const mac = (secret: string, key: string, expires: number) =>
  createHmac('sha256', secret).update(`${key}\n${expires}`).digest();

export function signBlobUrl(
  secret: string,
  key: string,
  { expiresInSeconds, now }: { expiresInSeconds: number; now: Date },
): string {
  assertBlobKey(key);
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_BLOB_URL_LIFETIME_SECONDS) {
    throw new RangeError(`expiresInSeconds must be an integer from 1 to ${MAX_BLOB_URL_LIFETIME_SECONDS}`);
  }
  const expires = Math.floor(now.getTime() / 1000) + expiresInSeconds;
  const sig = mac(secret, key, expires).toString('hex');
  // Key characters are URL-safe by construction (blobKeyProblem), so the key goes in as is.
  return `${FILES_PATH_PREFIX}${key}?expires=${expires}&sig=${sig}`;
}

export type BlobUrlCheck =
  { ok: true; expires: number; remainingSeconds: number } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * The signature is checked before the expiry, so `expired` is only ever said of a URL we really
 * issued; an expiry beyond the longest lifetime we sign is refused as invalid.
 */
export function verifyBlobUrl(
  secret: string,
  key: string,
  expires: string | undefined,
  sig: string | undefined,
  now: Date,
): BlobUrlCheck {
  if (blobKeyProblem(key) || !expires || !sig || !EXPIRES.test(expires) || !SIG.test(sig)) {
    return { ok: false, reason: 'invalid' };
  }
  const at = Number(expires);
  const expected = mac(secret, key, at);
  const given = Buffer.from(sig, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (at - nowSeconds > MAX_BLOB_URL_LIFETIME_SECONDS) return { ok: false, reason: 'invalid' };
  if (at <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, expires: at, remainingSeconds: at - nowSeconds };
}

/** How long the links in API responses (labels, manifests) stay valid: ask the resource again for a fresh one. */
export const FILE_LINK_SECONDS = 3600;

export type FileLink = { url: string; expires_at: string };
export type FileLinker = (key: string) => FileLink;

/**
 * Signs links for one response: absolute, on PUBLIC_URL when configured and otherwise on the origin
 * the caller reached us by, so a link works from wherever the response was read.
 */
export function fileLinker(
  secret: string,
  origin: string,
  now: Date,
  expiresInSeconds = FILE_LINK_SECONDS,
): FileLinker {
  const base = origin.replace(/\/+$/, '');
  return (key) => ({
    url: `${base}${signBlobUrl(secret, key, { expiresInSeconds, now })}`,
    expires_at: new Date((Math.floor(now.getTime() / 1000) + expiresInSeconds) * 1000).toISOString(),
  });
}
