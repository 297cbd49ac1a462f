import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { fulfillment } from '../allocations/allocation-test-fixtures.ts';
import { allocatedLine, assignSerials, BASE, pickAll, trace, tracedStock } from './traceability-test-fixtures.ts';

async function picked(quantity = 2) {
  const t = await createTestApp();
  const { warehouseId, bin } = await tracedStock(t);
  const { f, line, allocation } = await allocatedLine(t, warehouseId, 'SKU-S', quantity);
  await pickAll(t, allocation.id);
  return { t, f, line, allocation, warehouseId, bin };
}

const serialsOf = (t: TestApp, fulfillmentId: string) =>
  t.db.$client
    .prepare('select serial from serial_assignments where fulfillment_id = ? order by id')
    .all(fulfillmentId)
    .map((r) => (r as { serial: string }).serial);

describe('POST /serials/assign', () => {
  it('assigns serials to a picked line, by line id or order line id, and records timeline and trace', async () => {
    const { t, f, line, allocation, warehouseId, bin } = await picked();
    const picker = await t.token({ roles: ['picker'], deviceId: 'dev_scanner_1' });
    const res = await assignSerials(
      t,
      { fulfillment_id: f.id, line_id: line.id, serials: ['SN-1'] },
      { token: picker },
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      fulfillment_id: f.id,
      line_id: line.id,
      order_line_id: 'line_1',
      sku: 'SKU-S',
      qty: 2,
      serials: ['SN-1'],
      added: ['SN-1'],
    });
    const more = await assignSerials(t, { fulfillment_id: f.id, line_id: 'line_1', serials: ['SN-2'] });
    expect(more.body).toMatchObject({ serials: ['SN-1', 'SN-2'], added: ['SN-2'] });

    const detail = await t.request('GET', `${BASE}/fulfillments/${f.id}`);
    const entry = detail.body.timeline.find((e: { type: string }) => e.type === 'serials.assigned');
    expect(entry).toMatchObject({ device_id: 'dev_scanner_1', data: { line_id: line.id, serials: ['SN-1'] } });

    const chain = await trace(t, 'serial=SN-1');
    expect(chain.body.events.at(-1)).toMatchObject({
      kind: 'serial_assigned',
      serial: 'SN-1',
      sku: 'SKU-S',
      quantity: 1,
      fulfillment_id: f.id,
      line_id: line.id,
      allocation_id: allocation.id,
      // Reserved by serial, so the ledger knows the bin it came from.
      location_id: bin,
      warehouse_id: warehouseId,
      device_id: 'dev_scanner_1',
      actor: { type: 'user', id: 'usr_test' },
    });
  });

  it('is idempotent: the same serials again change nothing, and a mix only adds the new ones', async () => {
    const { t, f, line } = await picked(3);
    const body = { fulfillment_id: f.id, line_id: line.id, serials: ['SN-1', 'SN-2'] };
    await assignSerials(t, body);
    const events = (await trace(t, 'serial=SN-1')).body.events.length;
    const again = await assignSerials(t, body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ serials: ['SN-1', 'SN-2'], added: [] });
    expect((await trace(t, 'serial=SN-1')).body.events).toHaveLength(events);
    const mixed = await assignSerials(t, { ...body, serials: ['SN-2', 'SN-3'] });
    expect(mixed.body).toMatchObject({ serials: ['SN-1', 'SN-2', 'SN-3'], added: ['SN-3'] });
    expect(serialsOf(t, f.id)).toEqual(['SN-1', 'SN-2', 'SN-3']);
    const timeline = (await t.request('GET', `${BASE}/fulfillments/${f.id}`)).body.timeline;
    expect(timeline.filter((e: { type: string }) => e.type === 'serials.assigned')).toHaveLength(2);
  });

  it('refuses more serials than the line has units, counting those already assigned (422 too_many_serials)', async () => {
    const { t, f, line } = await picked(2);
    await assignSerials(t, { fulfillment_id: f.id, line_id: line.id, serials: ['SN-1'] });
    const res = await assignSerials(t, { fulfillment_id: f.id, line_id: line.id, serials: ['SN-2', 'SN-3'] });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('too_many_serials');
    expect(res.body.errors).toEqual([{ path: 'serials', message: 'at most 1 more' }]);
    expect(serialsOf(t, f.id)).toEqual(['SN-1']);
  });

  it('refuses a serial on another live fulfillment (409 duplicate_serial, naming it), and frees it on cancel', async () => {
    const { t, f, line, warehouseId } = await picked(2);
    await assignSerials(t, { fulfillment_id: f.id, line_id: line.id, serials: ['SN-1'] });
    const g = await fulfillment(t, warehouseId, [{ sku: 'SKU-S', quantity: 2 }]);
    const res = await assignSerials(t, { fulfillment_id: g.id, line_id: 'line_1', serials: ['SN-9', 'SN-1'] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('duplicate_serial');
    expect(res.body.detail).toContain('SN-1');
    expect(res.body.detail).toContain(f.id);
    expect(res.body.errors).toEqual([{ path: 'serials[1]', message: `already assigned to fulfillment ${f.id}` }]);
    expect(serialsOf(t, g.id)).toEqual([]);

    // The same number on another SKU is another unit.
    const other = await fulfillment(t, warehouseId, [{ sku: 'SKU-OTHER', quantity: 1 }]);
    expect((await assignSerials(t, { fulfillment_id: other.id, line_id: 'line_1', serials: ['SN-1'] })).status).toBe(
      200,
    );

    await t.request('POST', `${BASE}/fulfillments/${f.id}/cancel`, { body: { reason: 'customer changed mind' } });
    const freed = await assignSerials(t, { fulfillment_id: g.id, line_id: 'line_1', serials: ['SN-1'] });
    expect(freed.status, freed.text).toBe(200);
  });

  it('refuses a serial already on another line of the same fulfillment', async () => {
    const t = await createTestApp();
    const { warehouseId } = await tracedStock(t);
    const f = await fulfillment(t, warehouseId, [
      { sku: 'SKU-S', quantity: 1 },
      { sku: 'SKU-S', quantity: 1 },
    ]);
    await assignSerials(t, { fulfillment_id: f.id, line_id: 'line_1', serials: ['SN-1'] });
    const res = await assignSerials(t, { fulfillment_id: f.id, line_id: 'line_2', serials: ['SN-1'] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('duplicate_serial');
  });

  it('refuses unknown fulfillments and lines (422), also another tenant’s, and a cancelled fulfillment (409)', async () => {
    const { t, f, line, warehouseId } = await picked();
    const cases = [
      [{ fulfillment_id: 'ful_01JAAAAAAAAAAAAAAAAAAAAAAA', line_id: line.id }, 'fulfillment_not_found'],
      [{ fulfillment_id: f.id, line_id: 'line_9' }, 'line_not_found'],
    ] as const;
    for (const [ref, code] of cases) {
      const res = await assignSerials(t, { ...ref, serials: ['SN-1'] });
      expect(res.status, code).toBe(422);
      expect(res.body.code).toBe(code);
    }
    const globex = await t.token({ tenants: ['globex'] });
    const foreign = await assignSerials(
      t,
      { fulfillment_id: f.id, line_id: line.id, serials: ['SN-1'] },
      { token: globex },
    );
    expect(foreign.status).toBe(422);
    expect(foreign.body.code).toBe('fulfillment_not_found');

    const g = await fulfillment(t, warehouseId, [{ sku: 'SKU-S', quantity: 1 }]);
    await t.request('POST', `${BASE}/fulfillments/${g.id}/cancel`);
    const cancelled = await assignSerials(t, { fulfillment_id: g.id, line_id: 'line_1', serials: ['SN-3'] });
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.code).toBe('fulfillment_not_open');
  });

  it('refuses repeated, blank or oversized serials with 400, and roles without serials:assign with 403', async () => {
    const { t, f, line } = await picked();
    const base = { fulfillment_id: f.id, line_id: line.id };
    for (const serials of [['SN-1', 'SN-1'], [], ['has space'], ['x'.repeat(129)], Array(1001).fill('S')]) {
      const res = await assignSerials(t, { ...base, serials });
      expect(res.status, JSON.stringify(serials).slice(0, 40)).toBe(400);
    }
    const repeated = await assignSerials(t, { ...base, serials: ['SN-1', 'SN-2', 'SN-1'] });
    expect(repeated.body.errors).toEqual([{ path: 'serials[2]', message: 'repeats a serial of this request' }]);
    const qc = await t.token({ roles: ['qc_agent'] });
    expect((await assignSerials(t, { ...base, serials: ['SN-1'] }, { token: qc })).status).toBe(403);
    const packer = await t.token({ roles: ['packer'] });
    expect((await assignSerials(t, { ...base, serials: ['SN-1'] }, { token: packer })).status).toBe(200);
  });
});
