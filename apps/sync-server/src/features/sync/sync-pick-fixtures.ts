import type { TestApp } from '../../testing/test-app.ts';
import { allocate, fulfillment, stock } from '../allocations/allocation-test-fixtures.ts';
import { createPicklist, ok, pickWarehouse, worker } from '../picklists/picklist-test-fixtures.ts';
import { BASE, type Handheld, signInHandheld, testUlid } from './sync-test-fixtures.ts';

let n = 0;

/**
 * A picklist for one fulfillment (mugs at A-10-1-1, caps at A-2-1-1), assigned to a picker who is
 * signed in on a registered handheld, and the handheld. Built through the real routes.
 */
export async function pickingHandheld(t: TestApp, o: { mugs?: number; caps?: number; assignDevice?: boolean } = {}) {
  const k = ++n;
  const { warehouseId, bins } = await pickWarehouse(t, `SY${k}`);
  const at = (code: string) => ({ warehouseId, locationId: bins[code]! });
  stock(t, at('A-10-1-1'), 'SKU-MUG', 500);
  stock(t, at('A-2-1-1'), 'SKU-CAP', 500);
  const f = await fulfillment(t, warehouseId, [
    { sku: 'SKU-MUG', quantity: o.mugs ?? 3 },
    { sku: 'SKU-CAP', quantity: o.caps ?? 2 },
  ]);
  ok(await allocate(t, f.id), 201);
  const badge = `SYNC-PICK-${k}`;
  const picker = await worker(t, warehouseId, badge);
  const h: Handheld = await signInHandheld(t, {
    deviceId: `picker_scanner_${k}`,
    warehouseId,
    workerId: picker.id,
    badgeId: badge,
  });
  const picklist = await createPicklist(t, warehouseId, [f.id]);
  ok(
    await t.request('POST', `${BASE}/picklists/${picklist.id}/assign`, {
      body: { worker_id: picker.id, ...(o.assignDevice === false ? {} : { device_id: h.deviceId }) },
    }),
  );
  return { h, picklistId: picklist.id as string, bins, warehouseId, fulfillmentId: f.id as string, badge };
}

let scanN = 0;
/** One scan as the handheld reports it. */
export const pickScan = (locationId: string, sku: string, o: Record<string, unknown> = {}) => ({
  scan_id: `sync-scan-${++scanN}`,
  location_id: locationId,
  sku,
  qty: 1,
  timestamp: '2026-01-05T09:01:00.000Z',
  ...o,
});

export const pickMutation = (seq: number, name: string, args: Record<string, unknown>) => ({
  mutation_id: testUlid(),
  seq,
  name,
  args,
  created_at: '2026-01-05T09:01:00.000Z',
});
