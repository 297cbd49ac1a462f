import fc from 'fast-check';
import type { PickScan, PickTask, PicklistState } from '../picklist-model.ts';

/** Builders and generators of picklists and scans for tests (domain, server and PWA alike). */

let taskCounter = 0;

export function pickTask(overrides: Partial<PickTask> = {}): PickTask {
  const n = ++taskCounter;
  const location = overrides.location_id ?? 'loc_A1';
  return {
    task_id: `task_${String(n).padStart(4, '0')}`,
    sequence: n,
    location_id: location,
    location_code: location.replace(/^loc_/, ''),
    location_barcode: `BIN-${location.replace(/^loc_/, '')}`,
    zone_code: 'A',
    sku: 'SKU-MUG',
    gtins: [],
    fulfillment_id: 'ful_1',
    fulfillment_line_id: 'fl_1',
    allocation_id: 'alloc_1',
    lot: null,
    expiry: null,
    serial: null,
    serial_required: false,
    qty_required: 2,
    qty_picked: 0,
    status: 'open',
    qty_short: 0,
    short_reason: null,
    ...overrides,
  };
}

export function picklistState(tasks: PickTask[], overrides: Partial<PicklistState> = {}): PicklistState {
  return {
    picklist_id: 'pick_1',
    status: 'in_progress',
    tasks,
    picked_serials: [],
    judged_scan_ids: [],
    ...overrides,
  };
}

let scanCounter = 0;

export function pickScan(overrides: Partial<PickScan> = {}): PickScan {
  return {
    scan_id: `scan_${++scanCounter}`,
    location_id: 'loc_A1',
    sku: 'SKU-MUG',
    qty: 1,
    timestamp: '2026-01-05T09:00:00.000Z',
    ...overrides,
  };
}

const LOCATIONS = ['loc_A1', 'loc_A2', 'loc_B1'];
const SKUS = ['SKU-A', 'SKU-B', 'SKU-C'];
const LOTS = [null, 'LOT1', 'LOT2'];
const SERIALS = ['SN1', 'SN2', 'SN3', 'SN4'];

/** A picklist in progress, some of it already picked or short, over a few bins, SKUs and lots. */
export const arbitraryState: fc.Arbitrary<PicklistState> = fc
  .array(
    fc.record({
      location_id: fc.constantFrom(...LOCATIONS),
      sku: fc.constantFrom(...SKUS),
      lot: fc.constantFrom(...LOTS),
      serial_required: fc.boolean(),
      qty_required: fc.integer({ min: 1, max: 6 }),
      done: fc.integer({ min: 0, max: 6 }),
      short: fc.boolean(),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((specs) =>
    picklistState(
      specs.map((s, i) => {
        const done = Math.min(s.done, s.qty_required);
        const qty_short = s.short ? done : 0;
        const qty_picked = s.short ? 0 : done;
        const status: PickTask['status'] =
          qty_picked + qty_short < s.qty_required ? 'open' : qty_short > 0 ? 'short' : 'picked';
        return pickTask({
          task_id: `task_${String(i).padStart(3, '0')}`,
          sequence: i + 1,
          location_id: s.location_id,
          location_barcode: `BIN-${s.location_id}`,
          location_code: s.location_id,
          sku: s.sku,
          lot: s.lot,
          serial_required: s.serial_required,
          qty_required: s.qty_required,
          qty_picked,
          qty_short,
          status,
          short_reason: qty_short > 0 ? 'bin empty' : null,
        });
      }),
    ),
  );

/** Scans that mostly aim at the picklist's bins and SKUs, with repeated scan ids (replays). */
export const arbitraryScan: fc.Arbitrary<PickScan> = fc.record({
  scan_id: fc.constantFrom('S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8'),
  location_id: fc.constantFrom(...LOCATIONS, 'loc_ZZ'),
  sku: fc.constantFrom(...SKUS, 'SKU-Z'),
  lot: fc.constantFrom(null, undefined, 'LOT1', 'LOT2'),
  serial: fc.option(fc.constantFrom(...SERIALS), { nil: undefined }),
  qty: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: -2, max: 12 }), fc.constant(1.5)),
  timestamp: fc.constant('2026-01-05T09:00:00.000Z'),
});
