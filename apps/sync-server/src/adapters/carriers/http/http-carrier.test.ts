import { afterEach, describe, expect, it } from 'vitest';
import {
  CarrierError,
  type LabelFormat,
  type LabelResult,
  type ManifestRequest,
  type PickupRequest,
} from '../carrier.ts';
import { createSandboxCarrier } from '../sandbox/sandbox-carrier.ts';
import { labelRequest, NOW } from '../sandbox/testing/label-fixtures.ts';
import { type HttpCarrierOptions, createHttpCarrier } from './http-carrier.ts';
import { type ReferenceCarrierServer, startReferenceCarrierServer } from './reference-carrier-server.ts';

// The connector against the reference server on 127.0.0.1, which fronts the sandbox: fetch, sockets,
// timeouts and the idempotency store are all real, and every answer can be checked against the sandbox
// called directly with the same input.

const API_KEY = 'ck_test_secret';
const sandbox = createSandboxCarrier();
const request = labelRequest();
const rateRequest = { from: request.from, to: request.to, packages: request.packages };
const labelKey = `${request.shipment_id}:0`;

let server: ReferenceCarrierServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<ReferenceCarrierServer> {
  server = await startReferenceCarrierServer({ apiKey: API_KEY });
  return server;
}

const delays: number[] = [];
function connect(baseUrl: string, overrides: Partial<HttpCarrierOptions> = {}) {
  delays.length = 0;
  return createHttpCarrier({
    baseUrl,
    apiKey: API_KEY,
    timeoutMs: 2000,
    retries: 2,
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<CarrierError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CarrierError) return error;
    throw error;
  }
  throw new Error('expected a CarrierError');
}

/** Byte for byte: the connector must hand out exactly the label the carrier rendered. */
function expectSameLabel(actual: LabelResult, expected: LabelResult) {
  const { data: actualData, ...actualRest } = actual;
  const { data: expectedData, ...expectedRest } = expected;
  expect(actualRest).toEqual(expectedRest);
  expect(actualData).toBeInstanceOf(Uint8Array);
  expect(Buffer.from(actualData).equals(Buffer.from(expectedData))).toBe(true);
}

const pickupRequest = (tracking: string): PickupRequest => ({
  address: request.from,
  date: '2025-09-01',
  ready_time: '14:00',
  close_time: '17:30',
  tracking_numbers: [tracking],
  package_count: 2,
});

const manifestRequest = (tracking: string): ManifestRequest => ({
  manifest_id: 'man_01',
  dispatch_date: '2025-08-29',
  shipments: [{ shipment_id: request.shipment_id, tracking_number: tracking, package_count: 2, weight_g: 2000 }],
});

describe('http carrier: every operation round-trips and matches the sandbox', () => {
  it('rates: all services, and one when a service is named, sent without a key', async () => {
    const { url, requests } = await start();
    const carrier = connect(url);
    expect(carrier.kind).toBe('http');
    await expect(carrier.rates(rateRequest, { now: NOW })).resolves.toEqual(
      await sandbox.rates(rateRequest, { now: NOW }),
    );
    const one = { ...rateRequest, service_code: 'economy' };
    await expect(carrier.rates(one, { now: NOW })).resolves.toEqual(await sandbox.rates(one, { now: NOW }));

    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/v1/rates', authorization: `Bearer ${API_KEY}` });
    expect(requests[0]?.idempotencyKey).toBeUndefined();
  });

  it.each<LabelFormat>(['pdf', 'zpl', 'png'])(
    'createLabel (%s): same tracking number and label bytes, keyed shipment:sequence',
    async (format) => {
      const { url, requests } = await start();
      const input = { ...request, format };
      const label = await connect(url).createLabel(input, { now: NOW, sequence: 2 });
      expectSameLabel(label, await sandbox.createLabel(input, { now: NOW, sequence: 2 }));
      expect(requests).toEqual([
        expect.objectContaining({
          method: 'POST',
          path: '/v1/labels',
          idempotencyKey: `${request.shipment_id}:2`,
          replayed: false,
        }),
      ]);
    },
  );

  it('cancel, schedulePickup and manifest answer what the sandbox answers', async () => {
    const { url, requests } = await start();
    const carrier = connect(url);
    const { tracking_number } = await carrier.createLabel(request, { now: NOW, sequence: 0 });
    const cancel = { shipment_id: request.shipment_id, tracking_number };

    await expect(carrier.cancel(cancel, { now: NOW })).resolves.toEqual(await sandbox.cancel(cancel, { now: NOW }));
    const pickup = pickupRequest(tracking_number);
    await expect(carrier.schedulePickup(pickup, { now: NOW })).resolves.toEqual(
      await sandbox.schedulePickup(pickup, { now: NOW }),
    );
    const manifest = manifestRequest(tracking_number);
    const { data, ...rest } = await carrier.manifest(manifest, { now: NOW });
    const { data: expectedData, ...expectedRest } = await sandbox.manifest(manifest, { now: NOW });
    expect(rest).toEqual(expectedRest);
    expect(Buffer.from(data).equals(Buffer.from(expectedData))).toBe(true);

    expect(requests.map((r) => [r.path, r.idempotencyKey])).toEqual([
      ['/v1/labels', labelKey],
      [`/v1/labels/${tracking_number}/cancel`, `cancel:${tracking_number}`],
      ['/v1/pickups', expect.stringMatching(/^pickup:[0-9a-f]{64}$/)],
      ['/v1/manifests', 'manifest:man_01'],
    ]);
  });

  it('a repeat of createLabel by the caller, later, gets the stored label, not a second booking', async () => {
    const { url, requests } = await start();
    const carrier = connect(url);
    const first = await carrier.createLabel(request, { now: NOW, sequence: 0 });
    const later = new Date(NOW.getTime() + 3_600_000);
    expectSameLabel(await carrier.createLabel(request, { now: later, sequence: 0 }), first);
    expect(requests.map((r) => [r.idempotencyKey, r.replayed])).toEqual([
      [labelKey, false],
      [labelKey, true],
    ]);
  });
});

describe('http carrier: retries', () => {
  it('retries a label whose answer was lost in a 500 with the same key, and gets the stored label', async () => {
    const { url, requests, inject } = await start();
    inject({ kind: 'fail', afterHandling: true });
    const label = await connect(url).createLabel(request, { now: NOW, sequence: 0 });

    expectSameLabel(label, await sandbox.createLabel(request, { now: NOW, sequence: 0 }));
    expect(requests.map((r) => [r.path, r.idempotencyKey, r.replayed, r.fault])).toEqual([
      ['/v1/labels', labelKey, false, 'fail'],
      ['/v1/labels', labelKey, true, undefined],
    ]);
    expect(delays).toEqual([75]); // 100 ms first step: half fixed, half × 0.5 jitter
  });

  it('retries a quote after a 500 and after a dropped connection', async () => {
    const { url, requests, inject } = await start();
    inject({ kind: 'fail' });
    inject({ kind: 'close' });
    await expect(connect(url).rates(rateRequest, { now: NOW })).resolves.toHaveLength(3);
    expect(requests.map((r) => r.fault)).toEqual(['fail', 'close', undefined]);
  });

  it('is unavailable after retries + 1 attempts of 500s, backing off exponentially', async () => {
    const { url, requests, inject } = await start();
    inject({ kind: 'fail' }, 3);
    const error = await failure(connect(url).createLabel(request, { now: NOW, sequence: 0 }));
    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
    expect(error.message).toMatch(/POST \/v1\/labels: answered 500 \(unavailable\) \(3 attempts\)/);
    expect(new Set(requests.map((r) => r.idempotencyKey))).toEqual(new Set([labelKey]));
    expect(delays).toEqual([75, 150]);
  });
});

describe('http carrier: unavailable', () => {
  it('when the service does not answer within timeoutMs', async () => {
    const { url, requests, inject } = await start();
    inject({ kind: 'delay', ms: 2000 }, 2);
    const started = performance.now();
    const error = await failure(
      connect(url, { timeoutMs: 150, retries: 1 }).createLabel(request, { now: NOW, sequence: 0 }),
    );
    expect(error).toMatchObject({ code: 'unavailable' });
    expect(error.message).toMatch(/no answer within 150 ms \(2 attempts\)/);
    expect(requests.map((r) => r.idempotencyKey)).toEqual([labelKey, labelKey]);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('when the connection is refused', async () => {
    const { url } = await start();
    await server?.close();
    const error = await failure(connect(url, { retries: 1 }).rates(rateRequest, { now: NOW }));
    expect(error).toMatchObject({ code: 'unavailable' });
    expect(error.message).toMatch(/could not reach the service \(\w+\) \(2 attempts\)/);
  });

  it('when the answer is not JSON, without retrying', async () => {
    const { url, requests, inject } = await start();
    inject({ kind: 'malformed' });
    const error = await failure(connect(url).createLabel(request, { now: NOW, sequence: 0 }));
    expect(error).toMatchObject({ code: 'unavailable' });
    expect(error.message).toMatch(/answered 201 with a body that is not JSON/);
    expect(requests).toHaveLength(1);
  });

  it('when the answer is JSON of the wrong shape, or not about what was asked', async () => {
    const { url, inject } = await start();
    const carrier = connect(url);
    const good = { tracking_number: 'SBX1', format: 'pdf', content_type: 'application/pdf', pages: 2 };
    inject({ kind: 'malformed', body: JSON.stringify({ ...good, data_base64: 'not base64!' }) });
    inject({ kind: 'malformed', body: JSON.stringify({ ...good, format: 'zpl', data_base64: 'AAAA' }) });
    inject({ kind: 'malformed', body: JSON.stringify({ quotes: [{ service_code: 'express' }] }) });

    const shape = await failure(carrier.createLabel(request, { now: NOW, sequence: 0 }));
    expect(shape).toMatchObject({ code: 'unavailable' });
    expect(shape.message).toMatch(/invalid label \(data_base64:/);
    const other = await failure(carrier.createLabel(request, { now: NOW, sequence: 1 }));
    expect(other.message).toMatch(/a zpl label, not what was asked for/);
    const quotes = await failure(carrier.rates(rateRequest, { now: NOW }));
    expect(quotes.message).toMatch(/invalid quote list \(quotes\.0\./);
  });

  it('when our API key is refused, or the base URL is not the service, without retrying', async () => {
    const { url, requests } = await start();
    const denied = await failure(connect(url, { apiKey: 'wrong' }).rates(rateRequest, { now: NOW }));
    expect(denied).toMatchObject({ code: 'unavailable' });
    expect(denied.message).toMatch(/refused our credentials/);

    // A 404 whose code is not the contract's `not_found` is a wrong URL, not an unknown tracking number.
    const lost = await failure(
      connect(`${url}/elsewhere`).cancel({ shipment_id: 's', tracking_number: 'x' }, { now: NOW }),
    );
    expect(lost).toMatchObject({ code: 'unavailable' });
    expect(lost.message).toMatch(/answered 404 with code "route_not_found"/);
    expect(requests).toHaveLength(2);
  });

  it('when a refusal code is not one the contract gives that status', async () => {
    const { url, requests, inject } = await start();
    inject({ kind: 'fail', status: 409, code: 'not_found' });
    inject({ kind: 'fail', status: 422, code: 'toString' });
    inject({ kind: 'fail', status: 422, code: 'unavailable' });
    const carrier = connect(url);
    for (const code of ['not_found', 'toString', 'unavailable']) {
      const error = await failure(carrier.rates(rateRequest, { now: NOW }));
      expect(error).toMatchObject({ code: 'unavailable' });
      expect(error.message).toContain(`with code "${code}", which the contract does not give it`);
    }
    expect(requests).toHaveLength(3);
  });

  it('when the caller gives up, with no further attempt', async () => {
    const { url, requests, inject } = await start();
    inject({ kind: 'delay', ms: 2000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(connect(url).rates(rateRequest, { now: NOW, signal: controller.signal }));
    expect(error).toMatchObject({ code: 'unavailable' });
    expect(error.message).toMatch(/abandoned by the caller/);
    expect(requests).toHaveLength(1);
  });
});

describe('http carrier: refusals keep their CarrierError code and are never retried', () => {
  it('422 invalid_request and unsupported_service, with the carrier’s own words', async () => {
    const { url, requests } = await start();
    const carrier = connect(url);
    const badSscc = labelRequest({
      packages: [{ ...request.packages[0]!, sscc: '106141412345678900' }],
    });
    const invalid = await failure(carrier.createLabel(badSscc, { now: NOW, sequence: 0 }));
    const direct = await failure(sandbox.createLabel(badSscc, { now: NOW, sequence: 0 }));
    expect(invalid).toMatchObject({ code: 'invalid_request', retryable: false, message: direct.message });

    const teleport = await failure(carrier.rates({ ...rateRequest, service_code: 'teleport' }, { now: NOW }));
    expect(teleport).toMatchObject({ code: 'unsupported_service', retryable: false });
    expect(requests).toHaveLength(2);
    expect(delays).toEqual([]);
  });

  it('404 not_found for a tracking number the carrier does not know', async () => {
    const { url } = await start();
    const error = await failure(
      connect(url).cancel({ shipment_id: request.shipment_id, tracking_number: 'NOPE/1' }, { now: NOW }),
    );
    expect(error).toMatchObject({ code: 'not_found', retryable: false });
  });

  it('409 not_cancellable for a label already on a manifest', async () => {
    const { url } = await start();
    const carrier = connect(url);
    const { tracking_number } = await carrier.createLabel(request, { now: NOW, sequence: 0 });
    await carrier.manifest(manifestRequest(tracking_number), { now: NOW });
    const error = await failure(carrier.cancel({ shipment_id: request.shipment_id, tracking_number }, { now: NOW }));
    expect(error).toMatchObject({ code: 'not_cancellable', retryable: false });
  });

  it('invalid_request when a (shipment, sequence) key is reused for a different label', async () => {
    const { url } = await start();
    const carrier = connect(url);
    await carrier.createLabel(request, { now: NOW, sequence: 0 });
    const error = await failure(carrier.createLabel({ ...request, reference: 'another' }, { now: NOW, sequence: 0 }));
    expect(error).toMatchObject({ code: 'invalid_request' });
    expect(error.message).toMatch(/Idempotency-Key was used for a different request/);
  });

  it('invalid_request before anything is sent for a bad now or sequence', async () => {
    const { url, requests } = await start();
    const carrier = connect(url);
    const bad = await failure(carrier.rates(rateRequest, { now: new Date('nope') }));
    expect(bad).toMatchObject({ code: 'invalid_request' });
    const sequence = await failure(carrier.createLabel(request, { now: NOW, sequence: -1 }));
    expect(sequence).toMatchObject({ code: 'invalid_request' });
    expect(requests).toHaveLength(0);
  });
});

describe('http carrier: setup', () => {
  it('refuses options it cannot use', () => {
    const base = { baseUrl: 'http://carrier', apiKey: 'k', timeoutMs: 1000, retries: 1 };
    expect(() => createHttpCarrier({ ...base, baseUrl: 'not a url' })).toThrow(TypeError);
    expect(() => createHttpCarrier({ ...base, apiKey: '' })).toThrow(TypeError);
    expect(() => createHttpCarrier({ ...base, timeoutMs: 0 })).toThrow(RangeError);
    expect(() => createHttpCarrier({ ...base, retries: -1 })).toThrow(RangeError);
  });

  it('the reference server answers GET /health without credentials', async () => {
    const { url, requests } = await start();
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(requests).toHaveLength(0);
  });
});
