import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fulfillments } from '../../db/schema/fulfillments.ts';
import type { Actor } from '../../platform/context.ts';
import { recordTimeline } from '../../platform/timeline.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import {
  base,
  createFulfillment,
  createWarehouse,
  createWorkstation,
  printerBody,
  registerWorker,
  scaleBody,
} from './warehouse-test-fixtures.ts';

/** What the picking and packing features will do: one timeline entry per confirmed pick or packed package. */
function record(t: TestApp, type: string, fulfillmentId: string, at: Date, tenantId = 'acme') {
  const actor: Actor = {
    tenantId,
    type: 'worker',
    id: 'wkr_x',
    deviceId: null,
    workerId: null,
    requestId: 'req_test',
    now: at,
  };
  t.db.transaction((tx) =>
    recordTimeline(tx, actor, { type, subjectType: 'fulfillment', subjectId: fulfillmentId, fulfillmentId }),
  );
}

const capacityOf = async (t: TestApp, id: string, token?: string) => {
  const res = await t.request('GET', `${base}/warehouses/${id}/capacity`, token ? { token } : {});
  expect(res.status, res.text).toBe(200);
  return res.body;
};

describe('GET /warehouses/{id}/capacity', () => {
  it('answers nulls and zeros for an empty warehouse, never invented numbers', async () => {
    const t = await createTestApp();
    const wh = await createWarehouse(t);
    const body = await capacityOf(t, wh.id, await t.token({ roles: ['integration'] }));
    expect(body).toEqual({
      warehouse_id: wh.id,
      status: 'active',
      as_of: '2026-01-05T09:00:00.000Z',
      targets: { picks_per_hour: null, packs_per_hour: null, max_open_fulfillments: null },
      workers: { active: 0, by_role: { picker: 0, packer: 0, supervisor: 0, qc_agent: 0 } },
      workstations: {
        active_pack_stations: 0,
        active_by_type: { pack_station: 0, scale: 0, printer: 0, label_printer: 0 },
      },
      backlog: {
        open_fulfillments: 0,
        by_status: {
          created: 0,
          awaiting_allocation: 0,
          allocated: 0,
          picking: 0,
          picked: 0,
          packing: 0,
          ready_to_ship: 0,
          shipped: 0,
        },
        utilization: null,
      },
      throughput: {
        window_start: '2026-01-05T08:00:00.000Z',
        window_end: '2026-01-05T09:00:00.000Z',
        picks_last_hour: 0,
        packs_last_hour: 0,
      },
    });
  });

  it('counts active staff and stations, open work, and picks and packs of the last hour', async () => {
    const t = await createTestApp();
    const wh = await createWarehouse(t, {
      capacity: { picks_per_hour: 600, packs_per_hour: 200, max_open_fulfillments: 8 },
    });
    const elsewhere = await createWarehouse(t, { code: 'ELSEWHERE' });
    await registerWorker(t, wh.id, { badge_id: 'B-1', roles: ['picker', 'packer'] });
    await registerWorker(t, wh.id, { badge_id: 'B-2', roles: ['picker'] });
    await registerWorker(t, wh.id, { badge_id: 'B-3', roles: ['supervisor'], status: 'inactive' });
    await registerWorker(t, elsewhere.id, { badge_id: 'B-4', roles: ['picker'] });
    await createWorkstation(t, wh.id, scaleBody);
    await createWorkstation(t, wh.id, printerBody);
    await createWorkstation(t, wh.id, { type: 'pack_station', code: 'PS-1', name: 'PS 1' });
    await createWorkstation(t, wh.id, { type: 'pack_station', code: 'PS-2', name: 'PS 2', status: 'inactive' });

    const [a, b, c, cancelled] = [
      await createFulfillment(t, wh.id, 'o1'),
      await createFulfillment(t, wh.id, 'o2'),
      await createFulfillment(t, wh.id, 'o3'),
      await createFulfillment(t, wh.id, 'o4'),
    ];
    const away = await createFulfillment(t, elsewhere.id, 'o5');
    t.db.update(fulfillments).set({ status: 'picking' }).where(eq(fulfillments.id, b)).run();
    t.db.update(fulfillments).set({ status: 'closed' }).where(eq(fulfillments.id, c)).run();
    await t.request('POST', `${base}/fulfillments/${cancelled}/cancel`);

    const now = t.clock.now().getTime();
    const minutesAgo = (m: number) => new Date(now - m * 60_000);
    record(t, 'pick.confirmed', a, minutesAgo(5));
    record(t, 'pick.confirmed', b, minutesAgo(59));
    record(t, 'pick.confirmed', b, minutesAgo(61));
    record(t, 'package.packed', a, minutesAgo(30));
    record(t, 'fulfillment.updated', a, minutesAgo(1));
    record(t, 'pick.confirmed', away, minutesAgo(1));

    const body = await capacityOf(t, wh.id, await t.token({ roles: ['picker'] }));
    expect(body.targets).toEqual({ picks_per_hour: 600, packs_per_hour: 200, max_open_fulfillments: 8 });
    expect(body.workers).toEqual({ active: 2, by_role: { picker: 2, packer: 1, supervisor: 0, qc_agent: 0 } });
    expect(body.workstations).toEqual({
      active_pack_stations: 1,
      active_by_type: { pack_station: 1, scale: 1, printer: 0, label_printer: 1 },
    });
    expect(body.backlog).toMatchObject({
      open_fulfillments: 2,
      by_status: { created: 1, picking: 1, shipped: 0 },
      utilization: 0.25,
    });
    expect(body.throughput).toMatchObject({ picks_last_hour: 2, packs_last_hour: 1 });

    t.clock.advance(20 * 60_000);
    const later = await capacityOf(t, wh.id);
    expect(later.throughput).toMatchObject({
      picks_last_hour: 1,
      packs_last_hour: 1,
      window_end: '2026-01-05T09:20:00.000Z',
    });
  });

  it('answers 404 for another tenant and for a deleted warehouse', async () => {
    const t = await createTestApp();
    const wh = await createWarehouse(t);
    const other = await t.request('GET', `${base}/warehouses/${wh.id}/capacity`, {
      token: await t.token({ tenants: ['globex'] }),
    });
    expect(other.status).toBe(404);
    await t.request('DELETE', `${base}/warehouses/${wh.id}`);
    expect((await t.request('GET', `${base}/warehouses/${wh.id}/capacity`)).status).toBe(404);
  });
});
