import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BASE, createWithAttributes, GTIN_VIT, ok } from '../picklists/picklist-test-fixtures.ts';
import { pickedWave as pickedWaveOf } from './pack-test-fixtures.ts';
import { allocate } from '../allocations/allocation-test-fixtures.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

type Line = { line_id: string; order_line_id: string; sku: string; qty: number; packed_qty: number };
type Entry = { fulfillment_id: string; status: string; package_ids: string[]; lines: Line[] };

const pickedWave = () => pickedWaveOf(t);

describe('GET /pack-stations/{stationId}/queue', () => {
  it('lists the picked fulfillments of the station’s warehouse with what is left to pack per line', async () => {
    const w = await pickedWave();
    // Allocated but not picked: not packable, so not listed.
    const waiting = await createWithAttributes(t, w.warehouseId, [{ sku: 'SKU-MUG', quantity: 1 }]);
    ok(await allocate(t, waiting.id), 201);

    const queue = (query = '') =>
      t.request('GET', `${BASE}/pack-stations/${w.stationId}/queue${query}`, { token: w.packer.token });
    const first = ok(await queue());
    expect(first.next_cursor).toBeNull();
    const entries = first.data as Entry[];
    expect(entries.map((e) => [e.fulfillment_id, e.status, e.package_ids])).toEqual([
      [w.f1, 'picked', []],
      [w.f2, 'picked', []],
    ]);
    expect(entries[1]!.lines).toMatchObject([
      { order_line_id: 'line_1', sku: 'SKU-MUG', picked_qty: 1, packed_qty: 0, qty: 1, gtins: [], dims_mm: null },
      { order_line_id: 'line_2', sku: 'SKU-VIT', picked_qty: 2, packed_qty: 0, qty: 2, gtins: [GTIN_VIT] },
    ]);

    // Packed through the REST door: the queue counts it and names the package.
    ok(
      await t.request('POST', `${BASE}/pack-stations/${w.stationId}/open-session`, { body: {}, token: w.packer.token }),
      201,
    );
    const packed = ok(
      await t.request('POST', `${BASE}/pack-stations/${w.stationId}/pack`, {
        token: w.packer.token,
        body: {
          fulfillment_ids: [w.f1],
          packages: [
            {
              weight: 900,
              dims: { l: 300, w: 200, h: 150 },
              items: [{ fulfillment_id: w.f1, line_id: 'line_1', qty: 2 }],
            },
          ],
        },
      }),
      201,
    );
    const f1 = (ok(await queue()).data as Entry[])[0]!;
    expect(f1).toMatchObject({ status: 'packing', package_ids: packed.package_ids });
    expect(f1.lines.map((l) => [l.sku, l.qty, l.packed_qty])).toEqual([
      ['SKU-MUG', 0, 2],
      ['SKU-CAP', 1, 0],
    ]);

    const paged = ok(await queue('?limit=1'));
    expect(paged.data.map((e: Entry) => e.fulfillment_id)).toEqual([w.f1]);
    const rest = ok(await queue(`?limit=1&cursor=${paged.next_cursor}`));
    expect(rest.data.map((e: Entry) => e.fulfillment_id)).toEqual([w.f2]);
  });

  it('answers 404 for an unknown station and a workstation that is not a pack station, 403 for a picker', async () => {
    const w = await pickedWave();
    const scale = ok(
      await t.request('POST', `${BASE}/warehouses/${w.warehouseId}/workstation`, {
        body: { type: 'scale', code: 'SCL-Q', name: 'Scale Q', config: { max_weight_g: 30000, resolution_g: 5 } },
      }),
      201,
    );
    for (const id of [scale.id, 'stn_01JAAAAAAAAAAAAAAAAAAAAAAA']) {
      const res = await t.request('GET', `${BASE}/pack-stations/${id}/queue`);
      expect([res.status, res.body.code]).toEqual([404, 'resource_not_found']);
    }
    const res = await t.request('GET', `${BASE}/pack-stations/${w.stationId}/queue`, { token: w.picker.token });
    expect(res.status).toBe(403);
  });
});
