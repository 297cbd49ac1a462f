import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpCarrier } from '../../adapters/carriers/http/http-carrier.ts';
import {
  type ReferenceCarrierServer,
  startReferenceCarrierServer,
} from '../../adapters/carriers/http/reference-carrier-server.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { sealedWave } from '../pack-stations/pack-test-fixtures.ts';
import { BASE, ok } from '../picklists/picklist-test-fixtures.ts';
import { LONDON } from './shipment-test-fixtures.ts';

const API_KEY = 'carrier-test-key';
let server: ReferenceCarrierServer;
let t: TestApp;

beforeEach(async () => {
  server = await startReferenceCarrierServer({ apiKey: API_KEY });
  const carrier = createHttpCarrier({ baseUrl: server.url, apiKey: API_KEY, timeoutMs: 500, retries: 1 });
  t = await createTestApp({ carriers: { parcelhub: carrier } });
});
afterEach(async () => {
  await server.close();
});

const post = (path: string, body: unknown = {}) => t.request('POST', `${BASE}${path}`, { body });

describe('shipments through the http carrier connector (loopback carrier service)', () => {
  it('labels, books, submits the manifest and the carrier sees each call once', async () => {
    const w = await sealedWave(t);
    const s = ok(
      await post('/shipments', { fulfillment_id: w.f1, to_address: LONDON, carrier_hint: 'parcelhub' }),
      201,
    );
    expect(s).toMatchObject({ carrier: 'parcelhub', carrier_source: 'request' });
    // The first answer is lost after the carrier made the label: the retry gets the same label back.
    server.inject({ kind: 'fail', afterHandling: true });
    const label = ok(await post(`/shipments/${s.id}/generate-label`, { label_format: 'zpl' }));
    const labelCalls = server.requests.filter((r) => r.path === '/v1/labels');
    expect(labelCalls).toHaveLength(2);
    expect(new Set(labelCalls.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(labelCalls.map((r) => r.replayed)).toEqual([false, true]);
    expect(label.carrier_tracking_number).toMatch(/^SBX/);

    const { manifest_id } = ok(await post(`/shipments/${s.id}/book`));
    const manifest = ok(await post(`/manifests/${manifest_id}/submit`));
    expect(manifest).toMatchObject({ status: 'accepted', carrier_id: 'parcelhub' });
    expect(server.requests.filter((r) => r.path === '/v1/manifests')).toHaveLength(1);
  });

  it('answers 503 while the carrier is down and changes nothing; the retry then works', async () => {
    const w = await sealedWave(t);
    const s = ok(
      await post('/shipments', { fulfillment_id: w.f1, to_address: LONDON, carrier_hint: 'parcelhub' }),
      201,
    );
    server.inject({ kind: 'fail', status: 503 }, 2);
    const down = await post(`/shipments/${s.id}/generate-label`);
    expect(down.status).toBe(503);
    expect(down.body.code).toBe('carrier_unavailable');
    expect(ok(await t.request('GET', `${BASE}/shipments/${s.id}`)).status).toBe('label_pending');
    expect(ok(await post(`/shipments/${s.id}/generate-label`)).status).toBe('label_generated');
  });

  it('keeps a shipment cancelled only when the carrier voided its label', async () => {
    const w = await sealedWave(t);
    const s = ok(
      await post('/shipments', { fulfillment_id: w.f1, to_address: LONDON, carrier_hint: 'parcelhub' }),
      201,
    );
    ok(await post(`/shipments/${s.id}/generate-label`));
    server.inject({ kind: 'fail', status: 409, code: 'not_cancellable' });
    const refused = await post(`/shipments/${s.id}/cancel`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('not_cancellable');
    expect(ok(await t.request('GET', `${BASE}/shipments/${s.id}`)).status).toBe('label_generated');
    expect(ok(await post(`/shipments/${s.id}/cancel`, {})).status).toBe('cancelled');
  });
});
