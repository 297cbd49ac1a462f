import { GS } from '@fulfillment/domain/barcode/parse-gs1';
import { applyScan } from '@fulfillment/domain/picklist/apply-scan';
import type { PickScan, PicklistState } from '@fulfillment/domain/picklist/picklist-model';
import { businessDateOf, validateScan } from '@fulfillment/domain/picklist/validate-scan';
import { describe, expect, it } from 'vitest';
import { seedDemoData } from '../../demo/seed-demo.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { registerHandheld, signIn } from '../security/security-test-fixtures.ts';
import { BASE, fulfillmentOf, ok, onHand } from './picklist-test-fixtures.ts';

const GTIN_VITAMIN = '09506000134352';

describe('a picking wave, end to end through the API', () => {
  it('demo warehouse → allocate → picklist → assign → start → scans → short → complete → stock and backorder', async () => {
    const t = await createTestApp();
    seedDemoData(t.db, t.clock.now());
    const london = ok(await t.request('GET', `${BASE}/warehouses`)).data.find(
      (w: { code: string }) => w.code === 'LON1',
    );
    const bins: Record<string, string> = Object.fromEntries(
      ok(await t.request('GET', `${BASE}/warehouses/${london.id}/locations?limit=200`)).data.map(
        (l: { id: string; code: string }) => [l.code, l.id],
      ),
    );
    const demo = ok(await t.request('GET', `${BASE}/fulfillments?warehouse_id=${london.id}`)).data;
    const byOrder = (order: string) => demo.find((f: { order_id: string }) => f.order_id === order);
    const vitamins = ok(
      await t.request('POST', `${BASE}/fulfillments`, {
        body: {
          order_id: 'ord_e2e',
          warehouse_id: london.id,
          lines: [{ order_line_id: 'e2e-1', sku: 'SKU-VITAMIN-C', quantity: 3, attributes: { gtin: GTIN_VITAMIN } }],
        },
      }),
      201,
    ).fulfillments[0];
    const ids = [byOrder('ord_1001').id, byOrder('ord_1002').id, vitamins.id];
    for (const [i, id] of ids.entries()) {
      const strategy = i === 2 ? 'lot_expiry' : 'fifo';
      ok(await t.request('POST', `${BASE}/allocations/request`, { body: { fulfillment_id: id, strategy } }), 201);
    }
    const before = {
      tshirts: onHand(t, bins['LON1-A-01-01-1']!, 'SKU-TSHIRT-M'),
      caps: onHand(t, bins['LON1-A-02-01-1']!, 'SKU-CAP'),
      vitamins: onHand(t, bins['LON1-B-01-01-1']!, 'SKU-VITAMIN-C'),
    };
    expect(before.caps).toEqual({ onHand: 30, reserved: 3 });

    // A supervisor makes the wave and hands it to Ada on scanner 12.
    const supervisor = await t.token({ roles: ['supervisor'] });
    const picklist = ok(
      await t.request('POST', `${BASE}/picklists`, {
        token: supervisor,
        body: { warehouse_id: london.id, fulfillment_ids: ids, priority: 'urgent' },
      }),
      201,
    );
    expect(picklist.tasks.map((s: { location_code: string }) => s.location_code)).toEqual([
      'LON1-A-01-01-1',
      'LON1-A-01-02-1',
      'LON1-A-02-01-1',
      'LON1-B-01-01-1',
    ]);
    const ada = ok(await t.request('GET', `${BASE}/warehouses/${london.id}/workers?limit=200`)).data.find(
      (w: { badge_id: string }) => w.badge_id === 'BADGE-1001',
    );
    const { deviceKey } = await registerHandheld(t, 'scanner_12');
    const { token } = await signIn(t, deviceKey, 'BADGE-1001');
    ok(
      await t.request('POST', `${BASE}/picklists/${picklist.id}/assign`, {
        token: supervisor,
        body: { worker_id: ada.id, device_id: 'scanner_12' },
      }),
    );
    expect(
      ok(await t.request('GET', `${BASE}/picklists?status=assigned`, { token })).data.map((p: { id: string }) => p.id),
    ).toEqual([picklist.id]);
    ok(await t.request('POST', `${BASE}/picklists/${picklist.id}/start`, { token }));

    // The handheld caches the state and judges each scan itself; the server must agree.
    const cached = ok(await t.request('GET', `${BASE}/picklists/${picklist.id}/state`, { token }));
    const businessDate = businessDateOf(t.clock.now(), cached.timezone);
    const expiry = new Date(t.clock.now().getTime() + 20 * 86_400_000).toISOString().slice(2, 10).replaceAll('-', '');
    const at = (code: string) => bins[code]!;
    let n = 0;
    const s = (o: Partial<PickScan>): PickScan => ({
      scan_id: `01E2E${String(++n).padStart(21, '0')}`,
      location_id: '',
      qty: 1,
      timestamp: t.clock.now().toISOString(),
      ...o,
    });
    const scans = [
      s({ location_id: at('LON1-A-01-01-1'), sku: 'SKU-MUG' }), // wrong item
      s({ location_id: at('LON1-A-01-01-1'), sku: 'SKU-TSHIRT-M', qty: 3 }), // over-pick
      s({ location_id: at('LON1-A-01-01-1'), sku: 'SKU-TSHIRT-M', qty: 2 }),
      s({ location_id: 'LON1-A-01-02-1', sku: 'SKU-MUG' }), // the bin by its label
      s({ location_id: at('LON1-A-02-01-1'), sku: 'SKU-CAP', qty: 2 }), // one cap is missing
      s({ location_id: at('LON1-B-01-01-1'), barcode: `]C101${GTIN_VITAMIN}10VC-SOON${GS}17${expiry}`, qty: 3 }),
    ];
    let local: PicklistState = cached;
    const expected = scans.map((scan) => {
      const verdict = validateScan(local, scan, { businessDate, referenceYear: Number(businessDate.slice(0, 4)) });
      local = applyScan(local, verdict);
      return verdict.verdict === 'accepted' ? 'accepted' : verdict.code;
    });
    expect(expected).toEqual(['wrong_item', 'over_pick', 'accepted', 'accepted', 'accepted', 'accepted']);
    const judged = ok(await t.request('POST', `${BASE}/picklists/${picklist.id}/scan`, { token, body: { scans } }));
    expect(judged.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual(expected);
    // The handheld retries the whole batch (its answer was lost): nothing counts twice.
    const retried = ok(await t.request('POST', `${BASE}/picklists/${picklist.id}/scan`, { token, body: { scans } }));
    expect(retried.results.every((r: { status: string }) => r.status === 'duplicate')).toBe(true);
    const server = ok(await t.request('GET', `${BASE}/picklists/${picklist.id}/state`, { token }));
    expect(server.tasks.map((x: { qty_picked: number }) => x.qty_picked)).toEqual(local.tasks.map((x) => x.qty_picked));

    const early = await t.request('POST', `${BASE}/picklists/${picklist.id}/complete`, { token });
    expect([early.status, early.body.code]).toEqual([409, 'tasks_open']);
    const cap = server.tasks.find((x: { sku: string }) => x.sku === 'SKU-CAP');
    ok(
      await t.request('POST', `${BASE}/picklists/${picklist.id}/short`, {
        token,
        body: { task_id: cap.task_id, qty_short: 1, reason: 'bin empty' },
      }),
    );
    const done = ok(await t.request('POST', `${BASE}/picklists/${picklist.id}/complete`, { token }));
    expect(done.fulfillments.map((f: { status: string }) => f.status)).toEqual(['picked', 'picked', 'picked']);
    expect(done.shorts).toEqual([expect.objectContaining({ sku: 'SKU-CAP', qty_short: 1, fulfillment_id: ids[1] })]);

    await t.runJobs();
    for (const id of ids) expect((await fulfillmentOf(t, id)).status).toBe('picked');
    const after = {
      tshirts: onHand(t, bins['LON1-A-01-01-1']!, 'SKU-TSHIRT-M'),
      caps: onHand(t, bins['LON1-A-02-01-1']!, 'SKU-CAP'),
      vitamins: onHand(t, bins['LON1-B-01-01-1']!, 'SKU-VITAMIN-C'),
    };
    expect(after).toEqual({
      tshirts: { onHand: before.tshirts.onHand - 2, reserved: 0 },
      caps: { onHand: 28, reserved: 0 },
      vitamins: { onHand: before.vitamins.onHand - 3, reserved: 0 },
    });
    // Completing again is refused and running the jobs again changes no stock.
    expect((await t.request('POST', `${BASE}/picklists/${picklist.id}/complete`, { token })).status).toBe(409);
    await t.runJobs();
    expect(onHand(t, bins['LON1-A-02-01-1']!, 'SKU-CAP')).toEqual({ onHand: 28, reserved: 0 });

    const backorder = await fulfillmentOf(t, done.backorders[0].fulfillment_id);
    expect(backorder).toMatchObject({
      order_id: 'ord_1002',
      status: 'created',
      lines: [expect.objectContaining({ sku: 'SKU-CAP', qty: 1 })],
    });
    const timeline = ok(await t.request('GET', `${BASE}/fulfillments/${ids[0]}/timeline`)).data;
    expect(timeline.find((e: { type: string }) => e.type === 'pick.confirmed')).toMatchObject({
      worker_id: ada.id,
      device_id: 'scanner_12',
    });
    expect(ok(await t.request('GET', `${BASE}/picklists/${picklist.id}`)).inventory_confirmation.status).toBe(
      'confirmed',
    );
  });
});
