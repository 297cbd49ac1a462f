import { describe, expect, it } from 'vitest';
import { idempotencyKeys } from '../db/schema/platform.ts';
import { fulfillments } from '../db/schema/fulfillments.ts';
import { createTestApp } from '../testing/test-app.ts';

const LIST = '/v1/fulfillment/fulfillments';
const body = { order_id: 'o1', lines: [{ order_line_id: 'l1', sku: 'A', quantity: 1 }] };

describe('Idempotency-Key', () => {
  it('is required on POSTs that create', async () => {
    const t = await createTestApp();
    const res = await t.request('POST', LIST, { body, headers: { 'Idempotency-Key': '' } });
    expect(res.status).toBe(400);
    const missing = await t.app.request(LIST, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { code: string }).code).toBe('idempotency_key_required');
    expect(t.db.select().from(fulfillments).all()).toHaveLength(0);
  });

  it('replays the first response for a retry, creating nothing twice', async () => {
    const t = await createTestApp();
    const first = await t.request('POST', LIST, { body, idempotencyKey: 'k-1' });
    const retry = await t.request('POST', LIST, { body, idempotencyKey: 'k-1' });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    // The replay is the first response, under the retry's own request id.
    expect(retry.headers.get('x-request-id')).toMatch(/^req_/);
    expect(retry.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(t.db.select().from(fulfillments).all()).toHaveLength(1);
  });

  it('answers 422 when the same key comes with a different request', async () => {
    const t = await createTestApp();
    await t.request('POST', LIST, { body, idempotencyKey: 'k-2' });
    const other = await t.request('POST', LIST, { body: { ...body, order_id: 'o2' }, idempotencyKey: 'k-2' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect(t.db.select().from(fulfillments).all()).toHaveLength(1);
  });

  it('answers 409 while the first request with the key is still running', async () => {
    const t = await createTestApp();
    // Another instance of the request holds the key: exactly what the row looks like mid-flight.
    const first = await t.request('POST', LIST, { body, idempotencyKey: 'k-3' });
    t.db.update(idempotencyKeys).set({ state: 'in_flight' }).run();
    const second = await t.request('POST', LIST, { body, idempotencyKey: 'k-3' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('idempotency_key_in_use');
  });

  it('scopes keys per tenant and frees a key whose request failed validation', async () => {
    const t = await createTestApp();
    const bad = await t.request('POST', LIST, { body: { order_id: 'o1', lines: [] }, idempotencyKey: 'k-4' });
    expect(bad.status).toBe(400);
    const good = await t.request('POST', LIST, { body, idempotencyKey: 'k-4' });
    expect(good.status).toBe(201);
    const globex = await t.token({ tenants: ['globex'] });
    const other = await t.request('POST', LIST, { body, idempotencyKey: 'k-4', token: globex });
    expect(other.status).toBe(201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
  });

  it('replays a 204 No Content (a DELETE retried) without a body', async () => {
    const t = await createTestApp();
    const warehouse = await t.request('POST', '/v1/fulfillment/warehouses', {
      body: {
        code: 'W1',
        name: 'W1',
        address: { line1: '1 Road', city: 'London', postal_code: 'E1 1AA', country: 'GB' },
        timezone: 'Europe/London',
      },
    });
    const path = `/v1/fulfillment/warehouses/${warehouse.body.id}`;
    const first = await t.request('DELETE', path, { idempotencyKey: 'del-1' });
    const retry = await t.request('DELETE', path, { idempotencyKey: 'del-1' });
    expect(first.status).toBe(204);
    expect(retry.status).toBe(204);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.text).toBe('');
  });

  it('forgets keys after 24 hours', async () => {
    const t = await createTestApp();
    await t.request('POST', LIST, { body, idempotencyKey: 'k-5' });
    t.clock.advance(24 * 3600_000 + 1000);
    const fresh = await t.token();
    const again = await t.request('POST', LIST, {
      body: { ...body, order_id: 'o9' },
      idempotencyKey: 'k-5',
      token: fresh,
    });
    expect(again.status).toBe(201);
  });
});

describe('optimistic concurrency', () => {
  it('sends ETag, answers 412 on a stale If-Match and 409 on a stale body version', async () => {
    const t = await createTestApp();
    const id = (await t.request('POST', LIST, { body })).body.fulfillment_id;
    const got = await t.request('GET', `${LIST}/${id}`);
    expect(got.headers.get('etag')).toBe('W/"1"');

    const ok = await t.request('PATCH', `${LIST}/${id}`, {
      body: { metadata: { a: 1 } },
      headers: { 'If-Match': 'W/"1"' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('W/"2"');

    const stale = await t.request('PATCH', `${LIST}/${id}`, {
      body: { metadata: { a: 2 } },
      headers: { 'If-Match': 'W/"1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('precondition_failed');

    const staleVersion = await t.request('PATCH', `${LIST}/${id}`, { body: { metadata: { a: 3 }, version: 1 } });
    expect(staleVersion.status).toBe(409);
    expect(staleVersion.body.code).toBe('version_conflict');

    const after = await t.request('GET', `${LIST}/${id}`);
    expect(after.body.metadata).toEqual({ a: 1 });
    expect(after.body.version).toBe(2);
  });
});

describe('cursor pagination', () => {
  it('pages through every record once, with Link rel="next", even with inserts in between', async () => {
    const t = await createTestApp();
    const created: string[] = [];
    for (let i = 0; i < 7; i++)
      created.push((await t.request('POST', LIST, { body: { ...body, order_id: `o${i}` } })).body.fulfillment_id);
    const seen: string[] = [];
    let url: string | null = `${LIST}?limit=3`;
    let pages = 0;
    while (url) {
      const res = await t.request('GET', url);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((f: { id: string }) => f.id));
      const link = res.headers.get('link');
      if (res.body.next_cursor) {
        expect(link).toMatch(/^<\/v1\/fulfillment\/fulfillments\?.*cursor=.*>; rel="next"$/);
        url = /^<([^>]+)>/.exec(link!)![1]!;
      } else {
        expect(link).toBeNull();
        url = null;
      }
      if (pages++ === 0)
        created.push((await t.request('POST', LIST, { body: { ...body, order_id: 'late' } })).body.fulfillment_id);
    }
    expect(seen).toEqual(created);
  });

  it('refuses a forged cursor and limits outside 1-200', async () => {
    const t = await createTestApp();
    expect((await t.request('GET', `${LIST}?cursor=bm9wZQ`)).body.code).toBe('invalid_cursor');
    expect((await t.request('GET', `${LIST}?limit=0`)).status).toBe(400);
    expect((await t.request('GET', `${LIST}?limit=201`)).status).toBe(400);
    expect((await t.request('GET', `${LIST}?limit=abc`)).status).toBe(400);
  });
});

describe('request hygiene', () => {
  it('answers malformed JSON, unknown and server-owned fields with 400 and writes nothing', async () => {
    const t = await createTestApp();
    const malformed = await t.request('POST', LIST, { rawBody: '{"order_id": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('malformed_request');
    const unknown = await t.request('POST', LIST, { body: { ...body, colour: 'red', status: 'shipped' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'colour', message: 'is not a known field' },
        { path: 'status', message: 'is set by the server and cannot be sent' },
      ]),
    );
    const wrongType = await t.request('POST', LIST, {
      body: { ...body, lines: [{ order_line_id: 'l1', sku: 'A', quantity: '2' }] },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors[0].path).toBe('lines[0].quantity');
    expect(t.db.select().from(fulfillments).all()).toHaveLength(0);
  });

  it('answers a body over the limit with 413', async () => {
    const t = await createTestApp();
    const huge = JSON.stringify({ ...body, metadata: { blob: 'x'.repeat(1024 * 1024 + 10) } });
    const res = await t.request('POST', LIST, { rawBody: huge });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const t = await createTestApp();
    const res = await t.request('POST', LIST, {
      rawBody: 'order_id=1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
  });

  it('answers an unknown route 404 and a wrong method 405 with Allow', async () => {
    const t = await createTestApp();
    expect((await t.request('GET', '/v1/fulfillment/nowhere')).status).toBe(404);
    const wrong = await t.request('PUT', LIST);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toContain('GET');
    expect(wrong.body.code).toBe('method_not_allowed');
  });

  it('gives every response a request id, keeps a sane one from the client, and logs one JSON line', async () => {
    const lines: Record<string, unknown>[] = [];
    const { default: pino } = await import('pino');
    const logger = pino({ level: 'info' }, { write: (l: string) => lines.push(JSON.parse(l)) });
    const t = await createTestApp({ logger });
    const res = await t.request('GET', LIST, { headers: { 'X-Request-Id': 'client-req-12345' } });
    expect(res.headers.get('x-request-id')).toBe('client-req-12345');
    const failed = await t.request('GET', `${LIST}/ful_nope`);
    expect(failed.headers.get('x-request-id')).toMatch(/^req_/);
    expect(failed.body.request_id).toBe(failed.headers.get('x-request-id'));
    const logged = lines.find((l) => l.request_id === 'client-req-12345');
    expect(logged).toMatchObject({ method: 'GET', path: LIST, status: 200, tenant_id: 'acme', principal: 'usr_test' });
    expect(typeof logged!.duration_ms).toBe('number');
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a caller spends its budget, per caller', async () => {
    const t = await createTestApp({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await t.request('GET', LIST)).status).toBe(200);
    const limited = await t.request('GET', LIST);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const other = await t.token({ subject: 'usr_other' });
    expect((await t.request('GET', LIST, { token: other })).status).toBe(200);
    t.clock.advance(20_000);
    expect((await t.request('GET', LIST)).status).toBe(200);
  });
});
