import { applyScan, checkShort, declareShort, pickProgress } from '@fulfillment/domain/picklist/apply-scan';
import type { PickScan, PicklistState } from '@fulfillment/domain/picklist/picklist-model';
import { isJudged, validateScan, type ValidateScanOptions } from '@fulfillment/domain/picklist/validate-scan';
import type { MutationName } from '@fulfillment/domain/sync/sync-schemas';
import type { OutboxRow } from '../../../db/db-types.ts';

/**
 * The pick mutations as they travel to the server (args of `pick.*` in the push) and as they act on
 * the cached picklist. Both sides run the same domain functions, so re-applying a pending row on top
 * of a fresh server state (rule 9) gives what the server will give when the row arrives.
 */

export type ScanArgs = { picklist_id: string; scans: PickScan[] };
export type ShortArgs = { picklist_id: string; task_id: string; qty_short: number; reason: string };
export type PicklistArgs = { picklist_id: string };

export const scanArgs = (picklistId: string, scan: PickScan): ScanArgs => ({ picklist_id: picklistId, scans: [scan] });

/** assigned → in_progress; anything else stays (the server owns the status machine). */
export function startLocally(state: PicklistState): PicklistState {
  return state.status === 'assigned' ? { ...state, status: 'in_progress' } : state;
}

/** in_progress with nothing open → completed; otherwise unchanged (the server would refuse too). */
export function completeLocally(state: PicklistState): PicklistState {
  return state.status === 'in_progress' && pickProgress(state).done ? { ...state, status: 'completed' } : state;
}

/** One mutation's effect on a picklist, judged against the state it lands on. */
export function applyMutation(
  state: PicklistState,
  name: MutationName,
  args: Record<string, unknown>,
  options: ValidateScanOptions,
): PicklistState {
  switch (name) {
    case 'pick.scan': {
      let next = state;
      for (const scan of (args as ScanArgs).scans ?? []) {
        if (isJudged(next, scan.scan_id)) continue;
        next = applyScan(next, validateScan(next, scan, options));
      }
      return next;
    }
    case 'pick.short': {
      const { task_id, qty_short, reason } = args as ShortArgs;
      return checkShort(state, task_id, qty_short, reason) ? state : declareShort(state, task_id, qty_short, reason);
    }
    case 'pick.start':
      return startLocally(state);
    case 'pick.complete':
      return completeLocally(state);
    default:
      // Another feature's mutation (pack.*): it does not touch picklists.
      return state;
  }
}

/** Rule 9: the server's state with the still-pending rows of this picklist applied on top, in seq order. */
export function reapplyPending(
  serverState: PicklistState,
  pending: readonly OutboxRow[],
  options: ValidateScanOptions,
): PicklistState {
  return [...pending]
    .filter((row) => row.picklist_id === serverState.picklist_id && row.status === 'pending')
    .sort((a, b) => a.seq - b.seq)
    .reduce((state, row) => applyMutation(state, row.name, row.args, options), serverState);
}
