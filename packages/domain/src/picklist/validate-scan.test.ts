import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GS } from '../barcode/parse-gs1.ts';
import { applyScan } from './apply-scan.ts';
import { type PickScan, type ScanRejectionCode, scanRejectionCodes } from './picklist-model.ts';
import { arbitraryScan, arbitraryState, picklistState, pickScan, pickTask } from './testing/picklist-fixtures.ts';
import { businessDateOf, isJudged, MAX_SCAN_QTY, remainingOf, validateScan } from './validate-scan.ts';

const options = { referenceYear: 2026, businessDate: '2026-01-05' };
const GTIN = '09506000134352';
const EAN13 = '9780764544200';

/** A mug task at bin A1, a vitamin task with a reserved lot at B1, a phone needing serials at B1. */
function wave() {
  return picklistState([
    pickTask({ task_id: 'task_mug', sequence: 1, location_id: 'loc_A1', location_barcode: 'BIN-A1', sku: 'SKU-MUG' }),
    pickTask({
      task_id: 'task_vit',
      sequence: 2,
      location_id: 'loc_B1',
      location_code: 'B1',
      location_barcode: 'BIN-B1',
      sku: 'SKU-VIT',
      gtins: [GTIN],
      lot: 'LOT7',
      expiry: '2026-06-30',
      qty_required: 3,
    }),
    pickTask({
      task_id: 'task_phone',
      sequence: 3,
      location_id: 'loc_B1',
      location_code: 'B1',
      location_barcode: 'BIN-B1',
      sku: 'SKU-PHONE',
      gtins: [`0${EAN13}`],
      serial_required: true,
      qty_required: 2,
    }),
  ]);
}

const judge = (scan: Partial<PickScan>, state = wave()) => validateScan(state, pickScan(scan), options);

describe('validateScan rejections', () => {
  const cases: { name: string; code: ScanRejectionCode; scan: Partial<PickScan>; state?: ReturnType<typeof wave> }[] = [
    {
      name: 'picklist assigned, not started',
      code: 'picklist_not_active',
      scan: {},
      state: { ...wave(), status: 'assigned' },
    },
    { name: 'picklist completed', code: 'picklist_not_active', scan: {}, state: { ...wave(), status: 'completed' } },
    { name: 'qty 0', code: 'invalid_qty', scan: { qty: 0 } },
    { name: 'negative qty', code: 'invalid_qty', scan: { qty: -2 } },
    { name: 'fractional qty', code: 'invalid_qty', scan: { qty: 1.5 } },
    { name: 'qty beyond 10,000', code: 'invalid_qty', scan: { qty: MAX_SCAN_QTY + 1 } },
    { name: 'NaN qty', code: 'invalid_qty', scan: { qty: Number.NaN } },
    { name: 'a bin not on the picklist', code: 'wrong_location', scan: { location_id: 'loc_ZZ' } },
    {
      name: 'a bin whose tasks are all picked',
      code: 'wrong_location',
      scan: {},
      state: picklistState([pickTask({ location_id: 'loc_A1', qty_picked: 2, status: 'picked' })]),
    },
    { name: 'another SKU', code: 'wrong_item', scan: { sku: 'SKU-CAP' } },
    { name: 'a SKU of another bin', code: 'wrong_item', scan: { location_id: 'loc_B1', sku: 'SKU-MUG' } },
    { name: 'free text that is not the SKU', code: 'wrong_item', scan: { sku: undefined, barcode: 'HELLO' } },
    { name: 'an SSCC', code: 'wrong_item', scan: { sku: undefined, barcode: '106141411234567897' } },
    {
      name: 'a bin label (configured prefix)',
      code: 'wrong_item',
      scan: { sku: undefined, barcode: 'LOC-A1' },
    },
    { name: 'neither sku nor barcode', code: 'wrong_item', scan: { sku: undefined } },
    {
      name: 'a serial other than the reserved one',
      code: 'wrong_item',
      scan: { sku: 'SKU-PHONE', serial: 'SN-OTHER', location_id: 'loc_B1' },
      state: picklistState([
        pickTask({ location_id: 'loc_B1', sku: 'SKU-PHONE', serial: 'SN-1', serial_required: true, qty_required: 1 }),
      ]),
    },
    {
      name: 'EAN-13 with a bad check digit',
      code: 'unreadable_barcode',
      scan: { sku: undefined, barcode: ']E09780764544201' },
    },
    { name: 'broken GS1-128', code: 'unreadable_barcode', scan: { sku: undefined, barcode: ']C101123' } },
    {
      name: 'GS1 expiry before the business date',
      code: 'expired_lot',
      scan: { location_id: 'loc_B1', sku: undefined, barcode: `(01)${GTIN}(10)LOT7(17)260104` },
    },
    {
      name: 'GS1 lot other than the reserved one',
      code: 'lot_mismatch',
      scan: { location_id: 'loc_B1', sku: undefined, barcode: `(01)${GTIN}(10)LOT8(17)260630` },
    },
    {
      name: 'typed lot other than the reserved one',
      code: 'lot_mismatch',
      scan: { location_id: 'loc_B1', sku: 'SKU-VIT', lot: 'LOT8' },
    },
    {
      name: 'a serial already picked',
      code: 'duplicate_serial',
      scan: { location_id: 'loc_B1', sku: undefined, barcode: `]d201${`0${EAN13}`}21SN-9` },
      state: { ...wave(), picked_serials: ['SN-9'] },
    },
    {
      name: 'serial-tracked item without serial',
      code: 'serial_required',
      scan: { location_id: 'loc_B1', sku: 'SKU-PHONE' },
    },
    { name: 'more than required', code: 'over_pick', scan: { qty: 3 } },
    {
      name: 'more than what is left',
      code: 'over_pick',
      scan: { qty: 2 },
      state: picklistState([pickTask({ location_id: 'loc_A1', qty_required: 2, qty_picked: 1 })]),
    },
    {
      name: 'a serial with qty 2',
      code: 'invalid_qty',
      scan: { location_id: 'loc_B1', sku: 'SKU-PHONE', serial: 'SN-1', qty: 2 },
    },
  ];

  it.each(cases)('$code: $name', ({ code, scan, state }) => {
    const verdict = validateScan(state ?? wave(), pickScan(scan), {
      ...options,
      classify: { referenceYear: 2026, prefixes: { location: ['LOC-'] } },
    });
    expect(verdict).toMatchObject({ verdict: 'rejected', code });
    if (verdict.verdict === 'rejected') expect(verdict.message.length).toBeGreaterThan(0);
  });

  it('covers every rejection code', () => {
    expect(new Set(cases.map((c) => c.code))).toEqual(new Set(scanRejectionCodes));
  });

  it('checks in the documented order: status, qty, location, item, expiry, lot, serial, quantity', () => {
    const assigned = { ...wave(), status: 'assigned' as const };
    expect(judge({ qty: 0, location_id: 'loc_ZZ' }, assigned)).toMatchObject({ code: 'picklist_not_active' });
    expect(judge({ qty: 0, location_id: 'loc_ZZ' })).toMatchObject({ code: 'invalid_qty' });
    expect(judge({ location_id: 'loc_ZZ', sku: 'SKU-CAP' })).toMatchObject({ code: 'wrong_location' });
    expect(judge({ sku: 'SKU-CAP', qty: 99 })).toMatchObject({ code: 'wrong_item' });
    const expiredOtherLot = `(01)${GTIN}(10)LOT8(17)251231`;
    expect(judge({ location_id: 'loc_B1', sku: undefined, barcode: expiredOtherLot })).toMatchObject({
      code: 'expired_lot',
    });
    expect(judge({ location_id: 'loc_B1', sku: 'SKU-VIT', lot: 'LOT8', qty: 99 })).toMatchObject({
      code: 'lot_mismatch',
    });
  });
});

describe('validateScan acceptance', () => {
  it('accepts the SKU typed at the right bin and names the task', () => {
    expect(judge({ scan_id: 's1' })).toEqual({
      verdict: 'accepted',
      scan_id: 's1',
      task_id: 'task_mug',
      sku: 'SKU-MUG',
      qty: 1,
      lot: null,
      serial: null,
      expiry: null,
      picks: [{ task_id: 'task_mug', qty: 1 }],
    });
  });

  it('takes the bin by the barcode on its label', () => {
    expect(judge({ location_id: 'BIN-A1' })).toMatchObject({ verdict: 'accepted', task_id: 'task_mug' });
  });

  it('reads GS1 for GTIN, lot and expiry, and an expiry on the business date is still good', () => {
    const verdict = judge({
      location_id: 'loc_B1',
      sku: undefined,
      barcode: `]C101${GTIN}10LOT7${GS}17260105`,
      qty: 3,
    });
    expect(verdict).toMatchObject({ verdict: 'accepted', task_id: 'task_vit', lot: 'LOT7', expiry: '2026-01-05' });
  });

  it('takes the reserved lot when the scan shows none', () => {
    expect(judge({ location_id: 'loc_B1', sku: undefined, barcode: GTIN })).toMatchObject({
      verdict: 'accepted',
      sku: 'SKU-VIT',
      lot: 'LOT7',
      expiry: '2026-06-30',
    });
  });

  it('matches a plain EAN-13 and a serial from GS1 DataMatrix', () => {
    const verdict = judge({ location_id: 'loc_B1', sku: undefined, barcode: `]d201${`0${EAN13}`}21SN-1` });
    expect(verdict).toMatchObject({ verdict: 'accepted', task_id: 'task_phone', serial: 'SN-1' });
  });

  it('counts a SKU that is itself a GTIN whichever way it is scanned', () => {
    const state = picklistState([pickTask({ location_id: 'loc_A1', sku: EAN13 })]);
    expect(judge({ sku: undefined, barcode: `]E0${EAN13}` }, state)).toMatchObject({ verdict: 'accepted' });
    expect(judge({ sku: `0${EAN13}` }, state)).toMatchObject({ verdict: 'accepted' });
  });

  it('splits a scan over the matching tasks of a bin, first in sequence order first', () => {
    const state = picklistState([
      pickTask({ task_id: 'task_b', sequence: 5, location_id: 'loc_A1', qty_required: 2 }),
      pickTask({ task_id: 'task_a', sequence: 4, location_id: 'loc_A1', qty_required: 2, qty_picked: 1 }),
      pickTask({
        task_id: 'task_c',
        sequence: 6,
        location_id: 'loc_A1',
        qty_required: 2,
        status: 'short',
        qty_short: 2,
      }),
    ]);
    expect(judge({ qty: 3 }, state)).toMatchObject({
      verdict: 'accepted',
      task_id: 'task_a',
      picks: [
        { task_id: 'task_a', qty: 1 },
        { task_id: 'task_b', qty: 2 },
      ],
    });
    expect(judge({ qty: 4 }, state)).toMatchObject({ verdict: 'rejected', code: 'over_pick' });
  });

  it('sends a scan without serial to a task that needs none, with one to the reserved unit', () => {
    const state = picklistState([
      pickTask({
        task_id: 'task_sn',
        sequence: 1,
        location_id: 'loc_A1',
        serial: 'SN-5',
        serial_required: true,
        qty_required: 1,
      }),
      pickTask({ task_id: 'task_plain', sequence: 2, location_id: 'loc_A1' }),
    ]);
    expect(judge({}, state)).toMatchObject({ verdict: 'accepted', task_id: 'task_plain' });
    expect(judge({ serial: 'SN-5' }, state)).toMatchObject({ verdict: 'accepted', task_id: 'task_sn', serial: 'SN-5' });
  });
});

describe('validateScan properties', () => {
  it('a scan is judged the same after a JSON round-trip of the state', () => {
    fc.assert(
      fc.property(arbitraryState, arbitraryScan, (state, scan) => {
        const copy = JSON.parse(JSON.stringify(state));
        expect(validateScan(copy, scan, options)).toEqual(validateScan(state, scan, options));
      }),
    );
  });

  it('replaying the same scans never picks more than required', () => {
    fc.assert(
      fc.property(arbitraryState, fc.array(arbitraryScan, { maxLength: 25 }), (start, scans) => {
        const run = (state: typeof start) =>
          scans.reduce((s, scan) => applyScan(s, validateScan(s, scan, options)), state);
        const once = run(start);
        const twice = run(once);
        expect(twice).toEqual(once);
        for (const task of twice.tasks) {
          expect(task.qty_picked + task.qty_short).toBeLessThanOrEqual(task.qty_required);
          expect(task.qty_picked).toBeGreaterThanOrEqual(
            start.tasks.find((t) => t.task_id === task.task_id)!.qty_picked,
          );
        }
        expect(new Set(twice.picked_serials).size).toBe(twice.picked_serials.length);
        for (const scan of scans) expect(isJudged(twice, scan.scan_id)).toBe(true);
      }),
    );
  });

  it('an accepted scan is split over open tasks of that bin and SKU, within what is left', () => {
    fc.assert(
      fc.property(arbitraryState, arbitraryScan, (state, scan) => {
        const verdict = validateScan(state, scan, options);
        if (verdict.verdict !== 'accepted') return;
        expect(verdict.picks[0]!.task_id).toBe(verdict.task_id);
        expect(verdict.picks.reduce((n, p) => n + p.qty, 0)).toBe(scan.qty);
        for (const p of verdict.picks) {
          const task = state.tasks.find((t) => t.task_id === p.task_id)!;
          expect(task).toMatchObject({ status: 'open', location_id: scan.location_id, sku: verdict.sku });
          expect(p.qty).toBeGreaterThan(0);
          expect(p.qty).toBeLessThanOrEqual(remainingOf(task));
        }
      }),
    );
  });
});

describe('businessDateOf', () => {
  it('is the date where the warehouse is, not in UTC', () => {
    const instant = new Date('2026-01-05T23:30:00Z');
    expect(businessDateOf(instant, 'Europe/London')).toBe('2026-01-05');
    expect(businessDateOf(instant, 'Asia/Tokyo')).toBe('2026-01-06');
    expect(businessDateOf(instant, 'America/New_York')).toBe('2026-01-05');
  });
});
