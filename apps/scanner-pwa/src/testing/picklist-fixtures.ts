import type { PickTask, PicklistState } from '@fulfillment/domain/picklist/picklist-model';
import type { CachedPicklist } from '../db/db-types.ts';

/** Two bins, two SKUs: the smallest picklist with a wrong bin, a wrong item and an over-pick in it. */
export function task(overrides: Partial<PickTask> = {}): PickTask {
  return {
    task_id: 'task_1',
    sequence: 1,
    location_id: 'loc_1',
    location_code: 'A-01-01-1',
    location_barcode: 'LOC-A-01-01-1',
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
    qty_short: 0,
    status: 'open',
    short_reason: null,
    ...overrides,
  };
}

export function twoBinPicklist(overrides: Partial<PicklistState> = {}): PicklistState {
  return {
    picklist_id: 'pick_1',
    status: 'in_progress',
    tasks: [
      task(),
      task({
        task_id: 'task_2',
        sequence: 2,
        location_id: 'loc_2',
        location_code: 'A-01-02-1',
        location_barcode: 'LOC-A-01-02-1',
        sku: 'SKU-CAP',
        qty_required: 1,
      }),
    ],
    picked_serials: [],
    judged_scan_ids: [],
    ...overrides,
  };
}

export function cachedPicklist(state: PicklistState): CachedPicklist {
  return {
    picklist_id: state.picklist_id,
    server_state: state,
    state,
    display: { name: null, warehouse_id: null, assigned_worker_id: null, priority: null, timezone: 'UTC' },
    server_cursor: null,
    updated_at: '2026-01-05T09:00:00.000Z',
  };
}
