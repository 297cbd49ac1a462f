import type { PickTask, PicklistState } from '@fulfillment/domain/picklist/picklist-model';
import { pickTask } from '@fulfillment/domain/picklist/testing/picklist-fixtures';
import type { CachedPicklist } from '../db/db-types.ts';

/** A task at the first bin; the field defaults come from the domain's own picklist builders. */
export function task(overrides: Partial<PickTask> = {}): PickTask {
  return pickTask({
    task_id: 'task_1',
    sequence: 1,
    location_id: 'loc_1',
    location_code: 'A-01-01-1',
    location_barcode: 'LOC-A-01-01-1',
    ...overrides,
  });
}

/** Two bins, two SKUs: the smallest picklist with a wrong bin, a wrong item and an over-pick in it. */
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
