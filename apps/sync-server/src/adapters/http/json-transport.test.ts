import { type IncomingHttpHeaders, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type JsonCall, backoffDelay, callJson, parseRetryAfter } from './json-transport.ts';
import { resolveTransportSettings } from './transport-settings.ts';

// What the shared transport adds over the inventory's use of it (covered in http-inventory-service.test.ts):
// unkeyed POSTs, safe POSTs, extra headers and a caller giving up. A real server on 127.0.0.1.

type Reply = (res: ServerResponse) => void;
let server: Server | undefined;

afterEach(async () => {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise<void>((resolve) => running.close(() => resolve()));
});

/** Answers the n-th request with the n-th reply; the last reply repeats. */
async function serve(
  ...replies: Reply[]
): Promise<{ settings: ReturnType<typeof settingsFor>; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  const started = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push(req.headers);
      replies[Math.min(seen.length, replies.length) - 1]?.(res);
    });
  });
  server = started;
  await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
  return { settings: settingsFor(`http://127.0.0.1:${(started.address() as AddressInfo).port}`), seen };
}

const settingsFor = (baseUrl: string) =>
  resolveTransportSettings('test', { baseUrl, token: 'tok', timeoutMs: 1000, retries: 2, sleep: async () => {} });

const status =
  (code: number, body = '{}'): Reply =>
  (res) => {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(body);
  };

const post = (extra: Partial<JsonCall> = {}): JsonCall => ({
  method: 'POST',
  path: '/x',
  body: {},
  expect: [200],
  ...extra,
});

describe('json transport', () => {
  it('retries a keyed POST and a safe POST, but never a POST that is neither', async () => {
    const keyed = await serve(status(500), status(200, '{"ok":1}'));
    await expect(callJson(keyed.settings, post({ idempotencyKey: 'k1' }))).resolves.toEqual({
      kind: 'ok',
      status: 200,
      body: { ok: 1 },
    });
    expect(keyed.seen).toHaveLength(2);

    const safe = await serve(status(500), status(200));
    await expect(callJson(safe.settings, post({ safe: true }))).resolves.toMatchObject({ kind: 'ok' });
    expect(safe.seen.map((h) => h['idempotency-key'])).toEqual([undefined, undefined]);

    const unkeyed = await serve(status(500), status(200));
    const result = await callJson(unkeyed.settings, post());
    expect(result).toMatchObject({
      kind: 'unavailable',
      status: 502,
      message: 'test POST /x: answered 500 (1 attempt)',
    });
    expect(unkeyed.seen).toHaveLength(1);
  });

  it('sends the extra headers with the bearer token', async () => {
    const { settings, seen } = await serve(status(200));
    await callJson(settings, { method: 'GET', path: '/x', headers: { 'X-Tenant-ID': 'ten_1' }, expect: [200] });
    expect(seen[0]).toMatchObject({ authorization: 'Bearer tok', 'x-tenant-id': 'ten_1' });
  });

  it('returns a 4xx with a problem code as a refusal, for the adapter to interpret', async () => {
    const { settings } = await serve(status(422, '{"code":"invalid_request","detail":"bad SSCC"}'));
    await expect(callJson(settings, post({ idempotencyKey: 'k' }))).resolves.toEqual({
      kind: 'refused',
      status: 422,
      code: 'invalid_request',
      detail: 'bad SSCC',
    });
  });

  it('stops when the caller gives up: no further attempt, unavailable', async () => {
    const hang: Reply = () => {};
    const { settings, seen } = await serve(hang);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const result = await callJson(settings, { method: 'GET', path: '/x', expect: [200], signal: controller.signal });
    expect(result).toMatchObject({ kind: 'unavailable', message: 'test GET /x: abandoned by the caller (1 attempt)' });
    expect(seen).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(900);
  });
});

describe('retry timing helpers', () => {
  it('backs off exponentially with jitter, within the ceiling', () => {
    const settings = { backoffMs: 100, maxBackoffMs: 1000 };
    expect([1, 2, 3].map((n) => backoffDelay(n, { ...settings, random: () => 0 }))).toEqual([50, 100, 200]);
    expect([1, 2, 3].map((n) => backoffDelay(n, { ...settings, random: () => 0.999999 }))).toEqual([100, 200, 400]);
    expect(backoffDelay(10, { ...settings, random: () => 0.999999 })).toBe(1000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-09-01T09:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12);
    expect(parseRetryAfter('Mon, 01 Sep 2025 09:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Mon, 01 Sep 2025 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
