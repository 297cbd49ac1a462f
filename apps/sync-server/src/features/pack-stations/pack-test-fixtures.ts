import type { TestApp } from '../../testing/test-app.ts';
import { BASE, ok, scan, sendScans, startedWave, state, worker } from '../picklists/picklist-test-fixtures.ts';

type Task = { sku: string; location_id: string; qty_required: number };

/** The picklist fixtures' wave (f1: 2 mugs `line_1`, 1 cap `line_2`; f2: 1 mug, 2 vitamins) picked in full and completed. */
export async function pickedInFull(t: TestApp) {
  const w = await startedWave(t);
  const tasks: Task[] = (await state(t, w.picklistId)).tasks;
  const scans = tasks.map((x) => scan({ location_id: x.location_id, sku: x.sku, qty: x.qty_required }));
  ok(await sendScans(t, w.picklistId, scans, w.picker.token));
  ok(await t.request('POST', `${BASE}/picklists/${w.picklistId}/complete`, { token: w.picker.token }));
  return w;
}

export async function addPackStation(t: TestApp, warehouseId: string, code = 'PACK-1'): Promise<string> {
  const station = ok(
    await t.request('POST', `${BASE}/warehouses/${warehouseId}/workstation`, {
      body: { type: 'pack_station', code, name: `Pack station ${code}` },
    }),
    201,
  );
  return station.id as string;
}

/** The wave picked in full, a pack station and a packer. */
export async function pickedWave(t: TestApp) {
  const w = await pickedInFull(t);
  const stationId = await addPackStation(t, w.warehouseId);
  const packer = await worker(t, w.warehouseId, 'BADGE-K1', ['packer']);
  return { ...w, stationId, packer };
}

export const packItem = (fulfillment_id: string, line_id: string, qty: number, serials?: string[]) => ({
  fulfillment_id,
  line_id,
  qty,
  ...(serials ? { serials } : {}),
});

export const packBox = (items: unknown[], weight = 1500) => ({ weight, dims: { l: 300, w: 200, h: 150 }, items });

/**
 * The wave packed and sealed: f1 whole in one package (ready to ship), f2's mug in a second package
 * (f2 still packing). Returns the two sealed package ids.
 */
export async function sealedWave(t: TestApp) {
  const w = await pickedWave(t);
  const at = (action: string, body: unknown) =>
    t.request('POST', `${BASE}/pack-stations/${w.stationId}/${action}`, { body, token: w.packer.token });
  ok(await at('open-session', {}), 201);
  const packed = ok(
    await at('pack', {
      fulfillment_ids: [w.f1, w.f2],
      packages: [
        packBox([packItem(w.f1, 'line_1', 2), packItem(w.f1, 'line_2', 1)], 1200),
        packBox([packItem(w.f2, 'line_1', 1)], 800),
      ],
    }),
    201,
  );
  const [p1, p2] = packed.package_ids as [string, string];
  ok(await at('seal', { package_id: p1 }));
  ok(await at('seal', { package_id: p2 }));
  return { ...w, p1, p2 };
}
