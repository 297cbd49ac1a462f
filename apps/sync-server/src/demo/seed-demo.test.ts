import { describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.ts';
import { seedDemoData } from './seed-demo.ts';

describe('demo data', () => {
  it('loads a tenant that the API serves: warehouses, zones, bins, workers, a pack station, fulfillments', async () => {
    const t = await createTestApp();
    expect(seedDemoData(t.db, t.clock.now())).toBe(true);
    const whs = (await t.request('GET', '/v1/acme/fulfillment/warehouses')).body.data;
    expect(whs.map((w: { code: string }) => w.code)).toEqual(['LON1', 'MAN1']);
    const london = whs[0].id;
    const zones = (await t.request('GET', `/v1/fulfillment/warehouses/${london}/zones`)).body.data;
    expect(zones.map((z: { type: string }) => z.type)).toEqual(['pick', 'pick', 'pack', 'shipping']);
    const bins = (await t.request('GET', `/v1/fulfillment/warehouses/${london}/locations?limit=200`)).body.data;
    expect(bins).toHaveLength(18);
    const workers = (await t.request('GET', `/v1/fulfillment/warehouses/${london}/workers`)).body.data;
    expect(workers.map((w: { badge_id: string }) => w.badge_id)).toContain('BADGE-1001');
    const stations = (await t.request('GET', `/v1/fulfillment/warehouses/${london}/workstations`)).body.data;
    expect(stations.map((s: { type: string }) => s.type)).toEqual(['label_printer', 'scale', 'pack_station']);
    const fulfillments = (await t.request('GET', '/v1/fulfillment/fulfillments')).body.data;
    expect(fulfillments).toHaveLength(4);
    const split = fulfillments.filter((f: { order_id: string }) => f.order_id === 'ord_1003');
    expect(new Set(split.map((f: { warehouse_id: string }) => f.warehouse_id)).size).toBe(2);
  });

  it('loads once: a second start changes nothing', async () => {
    const t = await createTestApp();
    seedDemoData(t.db, t.clock.now());
    expect(seedDemoData(t.db, t.clock.now())).toBe(false);
    expect((await t.request('GET', '/v1/fulfillment/fulfillments')).body.data).toHaveLength(4);
  });
});

describe('demo stock', () => {
  it('fills the embedded Inventory Service so demo fulfillments can be allocated at once', async () => {
    const t = await createTestApp();
    seedDemoData(t.db, t.clock.now());
    const fulfillments = (await t.request('GET', '/v1/fulfillment/fulfillments')).body.data;
    for (const f of fulfillments) {
      const res = await t.request('POST', '/v1/fulfillment/allocations/request', { body: { fulfillment_id: f.id } });
      expect(res.body.status, f.order_id).toBe('allocated');
    }
  });
});
