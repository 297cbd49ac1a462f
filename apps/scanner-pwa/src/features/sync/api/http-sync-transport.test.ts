import { describe, expect, it, vi } from 'vitest';
import { createHttpSyncTransport } from './http-sync-transport.ts';

const problem = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });

function transportAnswering(response: () => Response | Promise<Response>) {
  const fetchImpl = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => response());
  const tokens = { push: vi.fn(async () => 'worker-key'), pull: vi.fn(async () => 'worker-key') };
  return { transport: createHttpSyncTransport(tokens, fetchImpl as unknown as typeof fetch), fetchImpl, tokens };
}

const request = {
  device_id: 'scanner_1',
  mutations: [
    {
      mutation_id: '01JD0000000000000000000001',
      seq: 1,
      name: 'pick.start' as const,
      args: {},
      created_at: '2026-01-05T09:00:00.000Z',
    },
  ],
};

describe('http sync transport', () => {
  it('posts the batch with the worker key of its rows', async () => {
    const { transport, fetchImpl, tokens } = transportAnswering(() => Response.json({ results: [], last_seq: 1 }));
    expect(await transport.push(request, { workerId: 'wkr_1' })).toEqual({
      kind: 'ok',
      body: { results: [], last_seq: 1 },
    });
    expect(tokens.push).toHaveBeenCalledWith('wkr_1');
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(url).toBe('/v1/fulfillment/sync/push');
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer worker-key');
    expect(JSON.parse(String(init?.body))).toEqual(request);
  });

  it('reads 409 seq_gap with its expected_seq', async () => {
    const { transport } = transportAnswering(() => problem(409, { code: 'seq_gap', expected_seq: 4 }));
    expect(await transport.push(request)).toEqual({ kind: 'seq_gap', expected_seq: 4 });
  });

  it('sorts failures: 503 with Retry-After and network errors retry, 401 is auth, 400 invalid, 413 too large', async () => {
    expect(
      await transportAnswering(() => problem(503, { code: 'sync_unavailable' }, { 'Retry-After': '5' })).transport.push(
        request,
      ),
    ).toMatchObject({
      kind: 'retry',
      retryAfterMs: 5000,
    });
    expect(
      await transportAnswering(() => {
        throw new TypeError('Failed to fetch');
      }).transport.push(request),
    ).toEqual({ kind: 'retry', reason: 'Failed to fetch' });
    expect(
      await transportAnswering(() => problem(401, { code: 'unauthorized' })).transport.push(request),
    ).toMatchObject({
      kind: 'auth',
      status: 401,
    });
    expect(
      await transportAnswering(() => problem(400, { code: 'validation_failed', detail: 'bad' })).transport.push(
        request,
      ),
    ).toEqual({
      kind: 'invalid',
      code: 'validation_failed',
      message: 'bad',
    });
    expect(await transportAnswering(() => problem(413, { code: 'payload_too_large' })).transport.push(request)).toEqual(
      {
        kind: 'too_large',
      },
    );
    // A 409 that is not a seq gap (an idempotency key in flight) decides nothing: try again.
    expect(
      await transportAnswering(() => problem(409, { code: 'idempotency_in_progress' })).transport.push(request),
    ).toMatchObject({
      kind: 'retry',
    });
  });

  it('pulls with only the cursor: the device comes from the key', async () => {
    const body = { changes: [], next_cursor: '7', has_more: false, last_seq: 0 };
    const { transport, fetchImpl } = transportAnswering(() => Response.json(body));
    await transport.pull({ device_id: 'scanner_1', cursor: null });
    await transport.pull({ device_id: 'scanner_1', cursor: '7' });
    expect(fetchImpl.mock.calls.map(([url]) => url)).toEqual([
      '/v1/fulfillment/sync/pull',
      '/v1/fulfillment/sync/pull?cursor=7',
    ]);
  });

  it('does not call the server without a key', async () => {
    const fetchImpl = vi.fn();
    const transport = createHttpSyncTransport({ push: async () => undefined, pull: async () => undefined }, fetchImpl);
    expect(await transport.push(request)).toMatchObject({ kind: 'retry' });
    expect(fetchImpl).not.toHaveBeenCalled();
  });
});
