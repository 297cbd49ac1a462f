import { describe, expect, it } from 'vitest';
import { createEmbeddedInventoryService } from '../../adapters/inventory/embedded-inventory-service.ts';
import type { Actor } from '../../platform/context.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { stock } from '../allocations/allocation-test-fixtures.ts';
import { applyReservation } from '../allocations/allocations.commands.ts';
import {
  allocatedLine,
  assignSerials,
  BASE,
  consumeLot,
  pickAll,
  steps,
  trace,
  tracedStock,
} from './traceability-test-fixtures.ts';

const minute = 60_000;

/** Every occurred_at is at or after the one before: the chain reads forward in time. */
const inTimeOrder = (events: { occurred_at: string }[]) =>
  events.every((e, i) => i === 0 || e.occurred_at >= events[i - 1]!.occurred_at);

describe('GET /traceability?serial=', () => {
  it('follows a serial from allocation through pick to assignment, in time order; another tenant sees nothing', async () => {
    const t = await createTestApp();
    const { warehouseId, bin } = await tracedStock(t);
    const { f, line, allocation } = await allocatedLine(t, warehouseId, 'SKU-S', 2);
    t.clock.advance(5 * minute);
    await pickAll(t, allocation.id);
    t.clock.advance(5 * minute);
    await assignSerials(t, { fulfillment_id: f.id, line_id: line.id, serials: ['SN-1', 'SN-2'] });

    const supervisor = await t.token({ roles: ['supervisor'] });
    const res = await trace(t, 'serial=SN-1', { token: supervisor });
    expect(res.status, res.text).toBe(200);
    expect(res.body.query).toEqual({ serial: 'SN-1', lot: null, sku: null });
    expect(steps(res.body.events)).toEqual([
      ['allocated', f.id],
      ['picked', f.id],
      ['serial_assigned', f.id],
    ]);
    expect(res.body.events.map((e: { occurred_at: string }) => e.occurred_at)).toEqual([
      '2026-01-05T09:00:00.000Z',
      '2026-01-05T09:05:00.000Z',
      '2026-01-05T09:10:00.000Z',
    ]);
    for (const e of res.body.events) {
      expect(e).toMatchObject({
        sku: 'SKU-S',
        serial: 'SN-1',
        quantity: 1,
        fulfillment_id: f.id,
        line_id: line.id,
        allocation_id: allocation.id,
        location_id: bin,
        warehouse_id: warehouseId,
        package_id: null,
        shipment_id: null,
        return_id: null,
        actor: { type: 'user', id: 'usr_test' },
        request_id: expect.stringMatching(/^req_/),
      });
    }
    expect(res.body).toMatchObject({
      fulfillment_ids: [f.id],
      shipment_ids: [],
      ids_truncated: false,
      next_cursor: null,
    });

    const globex = await t.token({ tenants: ['globex'], roles: ['admin'] });
    const foreign = await trace(t, 'serial=SN-1', { token: globex });
    expect(foreign.status).toBe(200);
    expect(foreign.body).toMatchObject({ events: [], fulfillment_ids: [], shipment_ids: [] });
  });

  it('does not trace units without a lot or serial, nor the same reservation or pick twice', async () => {
    const t = await createTestApp();
    const { warehouseId, bin } = await tracedStock(t);
    stock(t, { warehouseId, locationId: bin }, 'PLAIN', 5);
    const plain = await allocatedLine(t, warehouseId, 'PLAIN', 2);
    await pickAll(t, plain.allocation.id);
    expect(t.db.$client.prepare('select count(*) as n from trace_events').get()).toEqual({ n: 0 });

    const { allocation } = await allocatedLine(t, warehouseId, 'MED', 3);
    const count = () => (t.db.$client.prepare('select count(*) as n from trace_events').get() as { n: number }).n;
    expect(count()).toBe(1);
    // The Inventory Service repeating its answer (a redelivered event) changes nothing, in the ledger too.
    const row = t.db.$client.prepare('select reservation_id from allocations where id = ?').get(allocation.id) as {
      reservation_id: string;
    };
    const reservation = (await createEmbeddedInventoryService(t.db, t.clock).get('acme', row.reservation_id))!;
    const actor: Actor = {
      tenantId: 'acme',
      type: 'system',
      id: 'inventory',
      deviceId: null,
      workerId: null,
      requestId: 'req_x',
      now: t.clock.now(),
    };
    t.db.transaction((tx) => applyReservation(tx, actor, allocation.id, { ...reservation, status: 'partial' }));
    t.db.transaction((tx) => applyReservation(tx, actor, allocation.id, reservation));
    expect(count()).toBe(1);
    // A later answer that adds a unit (a top-up) traces that unit only.
    const unit = reservation.lines[0]!.units[0]!;
    const topUp = { ...unit, location_id: 'loc_top_up', quantity: 1 };
    const lines = [{ ...reservation.lines[0]!, units: [unit, topUp] }];
    t.db.transaction((tx) => applyReservation(tx, actor, allocation.id, { ...reservation, lines }));
    const allocated = (await trace(t, 'lot=L1')).body.events;
    expect(allocated.map((e: { location_id: string }) => e.location_id)).toEqual([bin, 'loc_top_up']);
    t.db.transaction((tx) => applyReservation(tx, actor, allocation.id, reservation));

    const pick = (qty: number) =>
      t.request('POST', `${BASE}/allocations/${allocation.id}/confirm-pick`, {
        body: { picks: [{ line_id: 'line_1', location_id: unit.location_id, lot_id: unit.lot_id, qty }] },
      });
    await pick(1);
    await pick(1);
    await pick(3);
    const picked = (await trace(t, 'lot=L1')).body.events.filter((e: { kind: string }) => e.kind === 'picked');
    expect(picked.map((e: { quantity: number }) => e.quantity)).toEqual([1, 2]);
  });
});

describe('GET /traceability?lot=', () => {
  async function lotInTwoFulfillments(t: TestApp) {
    const { warehouseId } = await tracedStock(t);
    const first = await allocatedLine(t, warehouseId, 'MED', 2);
    t.clock.advance(minute);
    const second = await allocatedLine(t, warehouseId, 'MED', 3);
    t.clock.advance(minute);
    await pickAll(t, first.allocation.id);
    await consumeLot(t, { fulfillment_id: first.f.id, line_id: 'line_1', lot: 'L1', qty: 2 });
    t.clock.advance(minute);
    await pickAll(t, second.allocation.id);
    await consumeLot(t, { fulfillment_id: second.f.id, line_id: 'line_1', lot: 'L1', qty: 3 });
    return { warehouseId, first: first.f.id, second: second.f.id };
  }

  it('follows a lot across two fulfillments in time order, for a recall', async () => {
    const t = await createTestApp();
    const { first, second } = await lotInTwoFulfillments(t);
    const res = await trace(t, 'lot=L1&sku=MED', { token: await t.token({ roles: ['qc_agent'] }) });
    expect(res.status, res.text).toBe(200);
    expect(steps(res.body.events)).toEqual([
      ['allocated', first],
      ['allocated', second],
      ['picked', first],
      ['lot_consumed', first],
      ['picked', second],
      ['lot_consumed', second],
    ]);
    expect(inTimeOrder(res.body.events)).toBe(true);
    expect(res.body.events.map((e: { quantity: number }) => e.quantity)).toEqual([2, 3, 2, 2, 3, 3]);
    expect(
      res.body.events.every((e: { lot: string; expiry: string }) => e.lot === 'L1' && e.expiry === '2026-06-30'),
    ).toBe(true);
    expect(res.body).toMatchObject({
      query: { serial: null, lot: 'L1', sku: 'MED' },
      fulfillment_ids: [first, second],
    });

    const globex = await t.token({ tenants: ['globex'] });
    expect((await trace(t, 'lot=L1', { token: globex })).body.events).toEqual([]);
  });

  it('narrows a lot code shared by two SKUs with sku', async () => {
    const t = await createTestApp();
    const { warehouseId } = await lotInTwoFulfillments(t);
    stock(t, { warehouseId, locationId: 'loc_b' }, 'GEL', 5, { lot: 'L1', expiry: '2026-09-30' });
    const gel = await allocatedLine(t, warehouseId, 'GEL', 1);
    const all = await trace(t, 'lot=L1');
    expect(all.body.events).toHaveLength(7);
    expect(all.body.fulfillment_ids).toHaveLength(3);
    const onlyGel = await trace(t, 'lot=L1&sku=GEL');
    expect(steps(onlyGel.body.events)).toEqual([['allocated', gel.f.id]]);
  });

  it('pages through a long chain by cursor, the summary covering the whole chain on every page', async () => {
    const t = await createTestApp();
    const { first, second } = await lotInTwoFulfillments(t);
    const seen: string[] = [];
    let res = await trace(t, 'lot=L1&limit=4');
    expect(res.body.events).toHaveLength(4);
    expect(res.headers.get('link')).toContain('rel="next"');
    seen.push(...res.body.events.map((e: { id: string }) => e.id));
    expect(res.body.fulfillment_ids).toEqual([first, second]);
    res = await trace(t, `lot=L1&limit=4&cursor=${res.body.next_cursor}`);
    expect(res.body.events).toHaveLength(2);
    expect(res.body.next_cursor).toBeNull();
    expect(res.body.fulfillment_ids).toEqual([first, second]);
    seen.push(...res.body.events.map((e: { id: string }) => e.id));
    const whole = (await trace(t, 'lot=L1&limit=200')).body.events.map((e: { id: string }) => e.id);
    expect(seen).toEqual(whole);
  });

  it('takes exactly one of serial or lot, refuses unknown or malformed parameters (400) and other roles (403)', async () => {
    const t = await createTestApp();
    for (const query of [
      '',
      'sku=MED',
      'serial=SN-1&lot=L1',
      'serial=SN-1&fulfillment_id=x',
      'lot=L1&cursor=forged',
      'serial=a%20b',
      'lot=L1&limit=0',
    ]) {
      const res = await trace(t, query);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type'), query).toContain('application/problem+json');
    }
    expect((await trace(t, '')).body.errors).toEqual([
      { path: 'serial', message: 'give exactly one of serial or lot' },
    ]);
    for (const role of ['picker', 'packer'] as const) {
      expect((await trace(t, 'serial=SN-1', { token: await t.token({ roles: [role] }) })).status, role).toBe(403);
    }
    expect((await trace(t, 'serial=SN-1', { token: await t.token({ roles: ['integration'] }) })).status).toBe(200);
  });
});
