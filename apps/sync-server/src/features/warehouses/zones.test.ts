import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { timelineEvents } from '../../db/schema/platform.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { base, createWarehouse, createZone } from './warehouse-test-fixtures.ts';

const bins = (zone_id: string, codes: string[]) => codes.map((code) => ({ zone_id, code }));

describe('zones', () => {
  it('creates a zone with bins and lists zones with their types, sequence and bin counts', async () => {
    const t = await createTestApp();
    const wh = await createWarehouse(t);
    const pick = await createZone(t, wh.id, {
      code: 'PICK-A',
      name: 'Aisle A',
      type: 'pick',
      pick_sequence: 2,
      locations: [{ code: 'A-01-01-01' }, { code: 'A-01-01-02', type: 'shelf' }],
    });
    expect(pick).toMatchObject({
      warehouse_id: wh.id,
      code: 'PICK-A',
      type: 'pick',
      pick_sequence: 2,
      location_count: 2,
      version: 1,
    });
    expect(pick.id).toMatch(/^zone_/);
    await createZone(t, wh.id, { code: 'RECV', name: 'Receiving', type: 'receiving' });

    const list = await t.request('GET', `${base}/warehouses/${wh.id}/zones`, {
      token: await t.token({ roles: ['picker'] }),
    });
    expect(list.status).toBe(200);
    expect(
      list.body.data.map((z: { code: string; location_count: number; pick_sequence: number }) => [
        z.code,
        z.location_count,
        z.pick_sequence,
      ]),
    ).toEqual([
      ['PICK-A', 2, 2],
      ['RECV', 0, 0],
    ]);
    const receiving = await t.request('GET', `${base}/warehouses/${wh.id}/zones?type=receiving`);
    expect(receiving.body.data.map((z: { code: string }) => z.code)).toEqual(['RECV']);
    const detail = await t.request('GET', `${base}/warehouses/${wh.id}`);
    expect(detail.body.zone_summary).toMatchObject({
      zones: 2,
      locations: 2,
      zones_by_type: { pick: 1, receiving: 1 },
    });
    const entry = t.db.select().from(timelineEvents).where(eq(timelineEvents.subjectId, pick.id)).get()!;
    expect(entry).toMatchObject({ type: 'zone.created', subjectType: 'zone', actorId: 'usr_test' });
  });

  it('pages zones with a Link header', async () => {
    const t = await createTestApp();
    const wh = await createWarehouse(t);
    for (const code of ['Z1', 'Z2', 'Z3']) await createZone(t, wh.id, { code, name: code, type: 'storage' });
    const first = await t.request('GET', `${base}/warehouses/${wh.id}/zones?limit=2`);
    expect(first.body.data).toHaveLength(2);
    expect(first.headers.get('link')).toContain(`cursor=${first.body.next_cursor}`);
    const rest = await t.request('GET', `${base}/warehouses/${wh.id}/zones?limit=2&cursor=${first.body.next_cursor}`);
    expect(rest.body).toMatchObject({ data: [{ code: 'Z3' }], next_cursor: null });
  });

  it('refuses a zone code used in the warehouse, and bins that clash', async () => {
    const t = await createTestApp();
    const wh = await createWarehouse(t);
    await createZone(t, wh.id, { code: 'A', name: 'A', type: 'pick', locations: [{ code: 'A-01-01-01' }] });
    const code = await t.request('POST', `${base}/warehouses/${wh.id}/zones`, {
      body: { code: 'A', name: 'Again', type: 'pick' },
    });
    expect(code.status).toBe(409);
    expect(code.body).toMatchObject({ code: 'zone_code_taken', errors: [{ path: 'code' }] });
    const bin = await t.request('POST', `${base}/warehouses/${wh.id}/zones`, {
      body: { code: 'B', name: 'B', type: 'pick', locations: [{ code: 'B-1' }, { code: 'A-01-01-01' }] },
    });
    expect(bin.status).toBe(409);
    expect(bin.body).toMatchObject({ code: 'location_code_taken', errors: [{ path: 'locations[1].code' }] });
    expect((await t.request('GET', `${base}/warehouses/${wh.id}/zones`)).body.data).toHaveLength(1);
  });

  it('is written by admins only, within the caller tenant', async () => {
    const t = await createTestApp();
    const wh = await createWarehouse(t);
    const body = { code: 'A', name: 'A', type: 'pick' };
    const supervisor = await t.request('POST', `${base}/warehouses/${wh.id}/zones`, {
      body,
      token: await t.token({ roles: ['supervisor'] }),
    });
    expect(supervisor.status).toBe(403);
    const other = await t.token({ tenants: ['globex'] });
    expect((await t.request('POST', `${base}/warehouses/${wh.id}/zones`, { body, token: other })).status).toBe(404);
    expect((await t.request('GET', `${base}/warehouses/${wh.id}/zones`, { token: other })).status).toBe(404);
    const bad = await t.request('POST', `${base}/warehouses/${wh.id}/zones`, {
      body: { ...body, pick_sequence: -1, status: 'active' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['pick_sequence', 'status']);
  });
});

describe('locations', () => {
  it('bulk-creates bins, defaulting the barcode and reading aisle, bay, level and position from the code', async () => {
    const t = await createTestApp();
    const wh = await createWarehouse(t);
    const zone = await createZone(t, wh.id, { code: 'A', name: 'A', type: 'pick' });
    const res = await t.request('POST', `${base}/warehouses/${wh.id}/locations`, {
      body: {
        locations: [
          { zone_id: zone.id, code: 'A-01-02-03' },
          { zone_id: zone.id, code: 'DOCK-DOOR-1', barcode: 'LOC000001', type: 'floor', aisle: 'D' },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.locations).toMatchObject([
      {
        zone_id: zone.id,
        code: 'A-01-02-03',
        barcode: 'A-01-02-03',
        type: 'bin',
        aisle: 'A',
        bay: '01',
        level: '02',
        position: '03',
      },
      { code: 'DOCK-DOOR-1', barcode: 'LOC000001', type: 'floor', aisle: 'D', bay: null, level: null, position: null },
    ]);
    expect(res.body.locations[0].id).toMatch(/^loc_/);
    const entry = t.db.select().from(timelineEvents).where(eq(timelineEvents.type, 'locations.created')).get()!;
    expect(entry).toMatchObject({
      subjectType: 'warehouse',
      subjectId: wh.id,
      data: { count: 2, zone_ids: [zone.id] },
    });
  });

  it('takes 500 bins in one request and refuses 501', async () => {
    const t = await createTestApp();
    const wh = await createWarehouse(t);
    const zone = await createZone(t, wh.id, { code: 'A', name: 'A', type: 'storage' });
    const codes = Array.from({ length: 501 }, (_, i) => `S-${String(i).padStart(3, '0')}`);
    const tooMany = await t.request('POST', `${base}/warehouses/${wh.id}/locations`, {
      body: { locations: bins(zone.id, codes) },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].path).toBe('locations');
    const ok = await t.request('POST', `${base}/warehouses/${wh.id}/locations`, {
      body: { locations: bins(zone.id, codes.slice(0, 500)) },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.locations).toHaveLength(500);
  });

  it('keeps barcodes unique per tenant across warehouses, all or nothing', async () => {
    const t = await createTestApp();
    const one = await createWarehouse(t, { code: 'ONE' });
    const two = await createWarehouse(t, { code: 'TWO' });
    await createZone(t, one.id, { code: 'A', name: 'A', type: 'pick', locations: [{ code: 'A-01-01-01' }] });
    const z2 = await createZone(t, two.id, { code: 'A', name: 'A', type: 'pick' });
    // The same code in another warehouse is fine; its barcode, defaulted from the code, is not.
    const clash = await t.request('POST', `${base}/warehouses/${two.id}/locations`, {
      body: { locations: bins(z2.id, ['X-1', 'A-01-01-01']) },
    });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'location_barcode_taken', errors: [{ path: 'locations[1].barcode' }] });
    expect((await t.request('GET', `${base}/warehouses/${two.id}/locations`)).body.data).toEqual([]);
    const renamed = [{ zone_id: z2.id, code: 'A-01-01-01', barcode: 'TWO-A-01-01-01' }];
    expect(
      (await t.request('POST', `${base}/warehouses/${two.id}/locations`, { body: { locations: renamed } })).status,
    ).toBe(201);

    const other = await t.token({ tenants: ['globex'] });
    const theirs = await createWarehouse(t, {}, { token: other });
    const theirZone = await createZone(t, theirs.id, { code: 'A', name: 'A', type: 'pick' }, { token: other });
    const sameBarcode = await t.request('POST', `${base}/warehouses/${theirs.id}/locations`, {
      body: { locations: bins(theirZone.id, ['A-01-01-01']) },
      token: other,
    });
    expect(sameBarcode.status).toBe(201);
  });

  it('refuses zones of another warehouse (422), repeats inside the batch (400), and non-admins (403)', async () => {
    const t = await createTestApp();
    const one = await createWarehouse(t, { code: 'ONE' });
    const two = await createWarehouse(t, { code: 'TWO' });
    const foreign = await createZone(t, two.id, { code: 'A', name: 'A', type: 'pick' });
    const own = await createZone(t, one.id, { code: 'A', name: 'A', type: 'pick' });
    const wrongZone = await t.request('POST', `${base}/warehouses/${one.id}/locations`, {
      body: { locations: [...bins(own.id, ['K-1']), ...bins(foreign.id, ['K-2'])] },
    });
    expect(wrongZone.status).toBe(422);
    expect(wrongZone.body).toMatchObject({ code: 'zone_not_found', errors: [{ path: 'locations[1].zone_id' }] });
    const repeated = await t.request('POST', `${base}/warehouses/${one.id}/locations`, {
      body: { locations: bins(own.id, ['K-1', 'K-1']) },
    });
    expect(repeated.status).toBe(400);
    expect(repeated.body.errors[0].path).toBe('locations[1].code');
    const badType = await t.request('POST', `${base}/warehouses/${one.id}/locations`, {
      body: { locations: [{ zone_id: own.id, code: 'K', type: 'cupboard' }] },
    });
    expect(badType.body.errors[0].path).toBe('locations[0].type');
    const picker = await t.request('POST', `${base}/warehouses/${one.id}/locations`, {
      body: { locations: bins(own.id, ['K-1']) },
      token: await t.token({ roles: ['picker'] }),
    });
    expect(picker.status).toBe(403);
  });

  it('lists bins by zone, code or barcode, page by page', async () => {
    const t = await createTestApp();
    const wh = await createWarehouse(t);
    const a = await createZone(t, wh.id, {
      code: 'A',
      name: 'A',
      type: 'pick',
      locations: [{ code: 'A-1' }, { code: 'A-2' }],
    });
    await createZone(t, wh.id, { code: 'B', name: 'B', type: 'pick', locations: [{ code: 'B-1', barcode: 'BC-B-1' }] });
    const codes = async (query: string) =>
      (
        await t.request('GET', `${base}/warehouses/${wh.id}/locations?${query}`, {
          token: await t.token({ roles: ['picker'] }),
        })
      ).body.data.map((l: { code: string }) => l.code);
    expect(await codes(`zone_id=${a.id}`)).toEqual(['A-1', 'A-2']);
    expect(await codes('code=A-2')).toEqual(['A-2']);
    expect(await codes('barcode=BC-B-1')).toEqual(['B-1']);
    const first = await t.request('GET', `${base}/warehouses/${wh.id}/locations?limit=2`);
    expect(first.headers.get('link')).toMatch(/rel="next"/);
    const rest = await t.request(
      'GET',
      `${base}/warehouses/${wh.id}/locations?limit=2&cursor=${first.body.next_cursor}`,
    );
    expect(rest.body).toMatchObject({ data: [{ code: 'B-1' }], next_cursor: null });
  });
});
