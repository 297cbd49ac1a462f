import {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  createServer,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpInventoryServiceOptions, createHttpInventoryService } from './http-inventory-service.ts';
import {
  type AllocateRequest,
  type Reservation,
  InventoryRejectedError,
  InventoryUnavailableError,
} from './inventory-service.ts';

// A real HTTP server on 127.0.0.1: the adapter's fetch, timeouts and socket errors are the real ones.

type Seen = { method: string; url: string; headers: IncomingHttpHeaders; body: string };
type Reply = (res: ServerResponse, req: IncomingMessage) => void;

let server: Server | undefined;

/** Closes the running server, hanging requests and keep-alive sockets included. */
async function stop(): Promise<void> {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise<void>((resolve) => running.close(() => resolve()));
}

afterEach(stop);

/** Answers the n-th request with the n-th reply; the last reply repeats. */
async function serve(...replies: Reply[]): Promise<{ baseUrl: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const started = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const reply = replies[Math.min(seen.length, replies.length) - 1];
      reply?.(res, req);
    });
  });
  server = started;
  await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
  const { port } = started.address() as AddressInfo;
  // A path prefix, to prove the contract's paths are appended to it rather than replacing it.
  return { baseUrl: `http://127.0.0.1:${port}/inv/`, seen };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (res) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
const problem = (status: number, code: string, detail: string, headers: Record<string, string> = {}): Reply =>
  json(
    status,
    { type: 'about:blank', title: 'Refused', status, code, detail },
    {
      'Content-Type': 'application/problem+json',
      ...headers,
    },
  );
const hang: Reply = () => {};
const reset: Reply = (_res, req) => req.socket.destroy();

const delays: number[] = [];
function client(baseUrl: string, overrides: Partial<HttpInventoryServiceOptions> = {}) {
  delays.length = 0;
  return createHttpInventoryService({
    baseUrl,
    token: 'tok_secret',
    timeoutMs: 1000,
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

const allocateRequest: AllocateRequest = {
  tenant_id: 'ten_acme',
  allocation_id: 'alloc_01',
  fulfillment_id: 'ful_01',
  warehouse_id: 'wh_01',
  strategy: 'lot_expiry',
  lines: [{ line_id: 'ol_1', sku: 'SKU-1', quantity: 2 }],
  as_of: '2025-09-01',
};

const reservation: Reservation = {
  reservation_id: 'res_1',
  allocation_id: 'alloc_01',
  status: 'allocated',
  lines: [
    {
      line_id: 'ol_1',
      sku: 'SKU-1',
      requested: 2,
      allocated: 2,
      status: 'allocated',
      reason: null,
      units: [
        {
          warehouse_id: 'wh_01',
          location_id: 'loc_A1',
          lot_id: 'lot_7',
          lot: 'L7',
          expiry: '2026-01-31',
          serial: null,
          quantity: 2,
        },
      ],
    },
  ],
};

describe('http inventory service: the happy path of each call', () => {
  it('allocate POSTs the request with bearer, tenant and idempotency key, and reads the 201', async () => {
    const { baseUrl, seen } = await serve(json(201, { ...reservation, added_later: 'ignored' }));
    const result = await client(baseUrl).allocate(allocateRequest, 'idem_alloc_01');

    expect(result).toEqual(reservation);
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/inv/reservations');
    expect(request?.headers).toMatchObject({
      authorization: 'Bearer tok_secret',
      'x-tenant-id': 'ten_acme',
      'idempotency-key': 'idem_alloc_01',
      'content-type': 'application/json',
    });
    expect(JSON.parse(request?.body ?? '')).toEqual(allocateRequest);
  });

  it('allocate accepts a 200 (the reservation this allocation already has)', async () => {
    const { baseUrl } = await serve(json(200, reservation));
    await expect(client(baseUrl).allocate(allocateRequest, 'idem_alloc_01')).resolves.toEqual(reservation);
  });

  it('get sends the tenant, no key and no body, and escapes the reservation id', async () => {
    const odd = { ...reservation, reservation_id: 'res/1 ?x' };
    const { baseUrl, seen } = await serve(json(200, odd));
    await expect(client(baseUrl).get('ten_acme', 'res/1 ?x')).resolves.toEqual(odd);

    expect(seen[0]).toMatchObject({ method: 'GET', url: '/inv/reservations/res%2F1%20%3Fx', body: '' });
    expect(seen[0]?.headers).toMatchObject({ authorization: 'Bearer tok_secret', 'x-tenant-id': 'ten_acme' });
    expect(seen[0]?.headers['idempotency-key']).toBeUndefined();
  });

  it('confirmPick POSTs the picks under the key', async () => {
    const { baseUrl, seen } = await serve(json(200, reservation));
    const picks = [{ line_id: 'ol_1', location_id: 'loc_A1', lot_id: 'lot_7', serial: null, quantity: 2 }];
    await expect(client(baseUrl).confirmPick('ten_acme', 'res_1', picks, 'idem_pick_1')).resolves.toEqual(reservation);

    expect(seen[0]).toMatchObject({ method: 'POST', url: '/inv/reservations/res_1/confirm-pick' });
    expect(seen[0]?.headers).toMatchObject({ 'x-tenant-id': 'ten_acme', 'idempotency-key': 'idem_pick_1' });
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ picks });
  });

  it('release POSTs with the key and no body', async () => {
    const released = { ...reservation, status: 'released' };
    const { baseUrl, seen } = await serve(json(200, released));
    await expect(client(baseUrl).release('ten_acme', 'res_1', 'idem_rel_1')).resolves.toEqual(released);

    expect(seen[0]).toMatchObject({ method: 'POST', url: '/inv/reservations/res_1/release', body: '' });
    expect(seen[0]?.headers).toMatchObject({ 'x-tenant-id': 'ten_acme', 'idempotency-key': 'idem_rel_1' });
    expect(seen[0]?.headers['content-type']).toBeUndefined();
  });
});

describe('http inventory service: retries', () => {
  it('retries a 500 with the same Idempotency-Key and returns the answer that follows', async () => {
    const { baseUrl, seen } = await serve(problem(500, 'internal_error', 'boom'), json(201, reservation));
    await expect(client(baseUrl).allocate(allocateRequest, 'idem_same')).resolves.toEqual(reservation);

    expect(seen.map((s) => s.headers['idempotency-key'])).toEqual(['idem_same', 'idem_same']);
    expect(seen[1]?.body).toBe(seen[0]?.body);
    expect(delays).toEqual([75]); // 100 ms step, half fixed + half × 0.5 jitter
  });

  it('gives up on a persistent 500 with a 502 after retries + 1 attempts, backing off exponentially', async () => {
    const { baseUrl, seen } = await serve(json(500, 'oops'));
    const error = await failure(client(baseUrl, { retries: 2 }).confirmPick('ten_acme', 'res_1', [], 'idem_p'));

    expect(error).toBeInstanceOf(InventoryUnavailableError);
    expect(error).toMatchObject({ status: 502 });
    expect((error as Error).message).toMatch(/answered 500 \(3 attempts\)/);
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => s.headers['idempotency-key']))).toEqual(new Set(['idem_p']));
    expect(delays).toEqual([75, 150]);
  });

  it('retries a GET on 502/504 too, and maps an upstream 504 to 504', async () => {
    const { baseUrl, seen } = await serve(json(502, 'bad gateway'), json(504, 'gateway timeout'));
    const error = await failure(client(baseUrl, { retries: 1 }).get('ten_acme', 'res_1'));
    expect(error).toMatchObject({ name: 'InventoryUnavailableError', status: 504 });
    expect(seen).toHaveLength(2);
  });

  it('surfaces a 503 whose Retry-After is too long to wait for, with the seconds, without retrying', async () => {
    const { baseUrl, seen } = await serve(problem(503, 'maintenance', 'back soon', { 'Retry-After': '30' }));
    const error = await failure(client(baseUrl).allocate(allocateRequest, 'idem_1'));

    expect(error).toBeInstanceOf(InventoryUnavailableError);
    expect(error).toMatchObject({ status: 503, retryAfterSeconds: 30 });
    expect(seen).toHaveLength(1);
  });

  it('waits out a short Retry-After on a 503 before the next attempt', async () => {
    const { baseUrl, seen } = await serve(json(503, '', { 'Retry-After': '1' }), json(200, reservation));
    await expect(client(baseUrl).get('ten_acme', 'res_1')).resolves.toEqual(reservation);
    expect(seen).toHaveLength(2);
    expect(delays).toEqual([1000]);
  });

  it('answers 504 when the service does not answer within timeoutMs, retrying with the same key', async () => {
    const { baseUrl, seen } = await serve(hang);
    const started = performance.now();
    const error = await failure(client(baseUrl, { timeoutMs: 150, retries: 1 }).allocate(allocateRequest, 'idem_t'));

    expect(error).toBeInstanceOf(InventoryUnavailableError);
    expect(error).toMatchObject({ status: 504 });
    expect((error as Error).message).toMatch(/no answer within 150 ms \(2 attempts\)/);
    expect(seen.map((s) => s.headers['idempotency-key'])).toEqual(['idem_t', 'idem_t']);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('answers 503 when the connection is refused', async () => {
    const { baseUrl } = await serve(json(200, reservation));
    await stop();

    const error = await failure(client(baseUrl, { retries: 1 }).get('ten_acme', 'res_1'));
    expect(error).toBeInstanceOf(InventoryUnavailableError);
    expect(error).toMatchObject({ status: 503 });
    expect((error as Error).message).toMatch(/could not reach the service \(\w+\) \(2 attempts\)/);
    expect(delays).toHaveLength(1);
  });

  it('answers 503 when the connection is reset mid-request, after retrying', async () => {
    const { baseUrl, seen } = await serve(reset);
    const error = await failure(client(baseUrl, { retries: 1 }).release('ten_acme', 'res_1', 'idem_r'));
    expect(error).toMatchObject({ name: 'InventoryUnavailableError', status: 503 });
    expect(seen).toHaveLength(2);
  });
});

describe('http inventory service: refusals and broken answers', () => {
  it('turns a 409 problem into InventoryRejectedError, never retried', async () => {
    const { baseUrl, seen } = await serve(problem(409, 'pick_exceeds_reservation', 'ol_1: 3 picked, 2 reserved'));
    const error = await failure(client(baseUrl).confirmPick('ten_acme', 'res_1', [], 'idem_p'));

    expect(error).toBeInstanceOf(InventoryRejectedError);
    expect(error).toMatchObject({ code: 'pick_exceeds_reservation', message: 'ol_1: 3 picked, 2 reserved' });
    expect(seen).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('turns a 422 problem on allocate into InventoryRejectedError', async () => {
    const { baseUrl } = await serve(problem(422, 'idempotency_key_reused', 'the key was used for another request'));
    const error = await failure(client(baseUrl).allocate(allocateRequest, 'idem_1'));
    expect(error).toMatchObject({ name: 'InventoryRejectedError', code: 'idempotency_key_reused' });
  });

  it('treats a 409 "key still in use" as unavailable (503), not as a refusal', async () => {
    const { baseUrl, seen } = await serve(problem(409, 'idempotency_key_in_use', 'first request running'));
    const error = await failure(client(baseUrl).allocate(allocateRequest, 'idem_1'));
    expect(error).toMatchObject({ name: 'InventoryUnavailableError', status: 503 });
    expect(seen).toHaveLength(1);
  });

  it('treats 429 as 503 with its Retry-After, and 401 as 502, without retrying either', async () => {
    const limited = await serve(problem(429, 'rate_limited', 'slow down', { 'Retry-After': '7' }));
    const error = await failure(client(limited.baseUrl).get('ten_acme', 'res_1'));
    expect(error).toMatchObject({ name: 'InventoryUnavailableError', status: 503, retryAfterSeconds: 7 });
    expect(limited.seen).toHaveLength(1);

    await stop();
    const unauthorized = await serve(problem(401, 'invalid_token', 'bad token'));
    const denied = await failure(client(unauthorized.baseUrl).get('ten_acme', 'res_1'));
    expect(denied).toMatchObject({ name: 'InventoryUnavailableError', status: 502 });
    expect((denied as Error).message).toMatch(/refused our credentials/);
    expect(unauthorized.seen).toHaveLength(1);
  });

  it('answers 502 for malformed JSON, without retrying', async () => {
    const { baseUrl, seen } = await serve(json(201, '{"reservation_id": "res_1", '));
    const error = await failure(client(baseUrl).allocate(allocateRequest, 'idem_1'));
    expect(error).toBeInstanceOf(InventoryUnavailableError);
    expect(error).toMatchObject({ status: 502 });
    expect((error as Error).message).toMatch(/not JSON/);
    expect(seen).toHaveLength(1);
  });

  it('answers 502 for JSON of the wrong shape, or about another reservation', async () => {
    const { baseUrl } = await serve(
      json(200, { ...reservation, lines: [{ line_id: 'ol_1', allocated: 'two' }] }),
      json(200, { ...reservation, reservation_id: 'res_other' }),
    );
    const service = client(baseUrl);
    const shape = await failure(service.get('ten_acme', 'res_1'));
    expect(shape).toMatchObject({ name: 'InventoryUnavailableError', status: 502 });
    expect((shape as Error).message).toMatch(/invalid reservation \(lines\.0\./);

    const other = await failure(service.get('ten_acme', 'res_1'));
    expect(other).toMatchObject({ name: 'InventoryUnavailableError', status: 502 });
    expect((other as Error).message).toMatch(/res_other/);
  });

  it('get answers null for a 404 reservation_not_found; a write answers InventoryRejectedError', async () => {
    const { baseUrl, seen } = await serve(problem(404, 'reservation_not_found', 'no reservation res_9'));
    const service = client(baseUrl);
    await expect(service.get('ten_acme', 'res_9')).resolves.toBeNull();
    const error = await failure(service.release('ten_acme', 'res_9', 'idem_r'));
    expect(error).toMatchObject({ name: 'InventoryRejectedError', code: 'reservation_not_found' });
    expect(seen).toHaveLength(2);
  });

  it('does not take a 404 without the problem code (a wrong INVENTORY_URL) for an absent reservation', async () => {
    const notTheService: Reply = (res) => {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<h1>Not Found</h1>');
    };
    const { baseUrl } = await serve(notTheService);
    const error = await failure(client(baseUrl).get('ten_acme', 'res_1'));
    expect(error).toMatchObject({ name: 'InventoryUnavailableError', status: 502 });
  });

  it('does not follow a redirect', async () => {
    const { baseUrl, seen } = await serve(json(307, '', { Location: '/elsewhere' }));
    const error = await failure(client(baseUrl).allocate(allocateRequest, 'idem_1'));
    expect(error).toMatchObject({ name: 'InventoryUnavailableError', status: 502 });
    expect(seen).toHaveLength(1);
  });

  it('refuses to send a POST without an Idempotency-Key', async () => {
    const { baseUrl, seen } = await serve(json(201, reservation));
    await expect(client(baseUrl).allocate(allocateRequest, '')).rejects.toThrow(TypeError);
    expect(seen).toHaveLength(0);
  });

  it('refuses a base URL it cannot use', () => {
    expect(() => createHttpInventoryService({ baseUrl: 'not a url', token: 't' })).toThrow(TypeError);
    expect(() => createHttpInventoryService({ baseUrl: 'ftp://inv', token: 't' })).toThrow(TypeError);
    expect(() => createHttpInventoryService({ baseUrl: 'http://inv', token: '' })).toThrow(TypeError);
    expect(() => createHttpInventoryService({ baseUrl: 'http://inv', token: 't', retries: -1 })).toThrow(RangeError);
  });
});

describe('http inventory service: lots', () => {
  const lot = { lot_id: 'lot_7', sku: 'SKU 1/A', lot: 'L7&x', expiry: '2026-01-31', recalled: false };

  it('getLot GETs /lots with the SKU and code escaped, the tenant, no key and no body', async () => {
    const { baseUrl, seen } = await serve(json(200, { ...lot, added_later: 'ignored' }));
    await expect(client(baseUrl).getLot('ten_acme', 'SKU 1/A', 'L7&x')).resolves.toEqual(lot);

    expect(seen[0]).toMatchObject({ method: 'GET', url: '/inv/lots?sku=SKU%201%2FA&lot=L7%26x', body: '' });
    expect(seen[0]?.headers).toMatchObject({ authorization: 'Bearer tok_secret', 'x-tenant-id': 'ten_acme' });
    expect(seen[0]?.headers['idempotency-key']).toBeUndefined();
  });

  it('answers null for a 404 lot_not_found, and a refusal for a 404 with another code', async () => {
    const { baseUrl, seen } = await serve(
      problem(404, 'lot_not_found', 'no lot L9'),
      problem(404, 'sku_not_found', 'no such SKU'),
    );
    const service = client(baseUrl);
    await expect(service.getLot('ten_acme', 'SKU 1/A', 'L9')).resolves.toBeNull();
    const error = await failure(service.getLot('ten_acme', 'SKU 1/A', 'L9'));
    expect(error).toMatchObject({ name: 'InventoryRejectedError', code: 'sku_not_found' });
    expect(seen).toHaveLength(2);
  });

  it('retries a 5xx and a timeout like any GET, and gives up with 502/504', async () => {
    const flaky = await serve(json(500, 'oops'), json(200, lot));
    await expect(client(flaky.baseUrl).getLot('ten_acme', 'SKU 1/A', 'L7&x')).resolves.toEqual(lot);
    expect(flaky.seen).toHaveLength(2);

    await stop();
    const silent = await serve(hang);
    const error = await failure(client(silent.baseUrl, { timeoutMs: 100, retries: 1 }).getLot('ten_acme', 'S', 'L'));
    expect(error).toMatchObject({ name: 'InventoryUnavailableError', status: 504 });
    expect(silent.seen).toHaveLength(2);
  });

  it('answers 502 for a lot of the wrong shape, with an expiry that is not a date, or another lot than asked', async () => {
    const { baseUrl } = await serve(
      json(200, { ...lot, recalled: 'no' }),
      json(200, { ...lot, expiry: '31/01/2026' }),
      json(200, { ...lot, lot: 'L8' }),
    );
    const service = client(baseUrl);
    const shape = await failure(service.getLot('ten_acme', 'SKU 1/A', 'L7&x'));
    expect(shape).toMatchObject({ name: 'InventoryUnavailableError', status: 502 });
    expect((shape as Error).message).toMatch(/invalid lot \(recalled:/);
    const date = await failure(service.getLot('ten_acme', 'SKU 1/A', 'L7&x'));
    expect((date as Error).message).toMatch(/invalid lot \(expiry:/);
    const other = await failure(service.getLot('ten_acme', 'SKU 1/A', 'L7&x'));
    expect((other as Error).message).toMatch(/not the one asked for/);
  });
});

describe('http inventory service: health', () => {
  it('reports ok with its latency, asking GET /health without credentials', async () => {
    const { baseUrl, seen } = await serve(json(200, { status: 'ok' }));
    const health = await client(baseUrl).health();
    expect(health.status).toBe('ok');
    expect(health.latency_ms).toBeGreaterThanOrEqual(0);
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/inv/health' });
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  it('passes on a degraded status the service reports', async () => {
    const { baseUrl } = await serve(json(200, { status: 'degraded' }));
    await expect(client(baseUrl).health()).resolves.toMatchObject({ status: 'degraded' });
  });

  it('reports down, never throwing, for an error status, a timeout or a refused connection', async () => {
    const failing = await serve(json(503, { status: 'down' }));
    await expect(client(failing.baseUrl).health()).resolves.toMatchObject({ status: 'down', detail: 'answered 503' });

    await stop();
    const silent = await serve(hang);
    const started = performance.now();
    await expect(client(silent.baseUrl, { healthTimeoutMs: 100 }).health()).resolves.toMatchObject({
      status: 'down',
      detail: 'no answer within 100 ms',
    });
    expect(performance.now() - started).toBeLessThan(500);

    await stop();
    const down = await client(silent.baseUrl).health();
    expect(down).toMatchObject({ status: 'down' });
    expect(down.detail).toMatch(/^unreachable \(/);
    expect(down.detail).not.toContain('127.0.0.1');
  });
});
