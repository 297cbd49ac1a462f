import type { PickTask, PicklistState, ScanVerdict } from '@fulfillment/domain/picklist/picklist-model';
import { remainingOf, validateScan, type ValidateScanOptions } from '@fulfillment/domain/picklist/validate-scan';

/**
 * Where the guided pick sends the picker next. This only chooses what to show; whether a scan is
 * right is always validateScan's answer.
 */

export const openTasks = (state: PicklistState): PickTask[] =>
  state.tasks
    .filter((t) => t.status === 'open' && remainingOf(t) > 0)
    .sort((a, b) => a.sequence - b.sequence || a.task_id.localeCompare(b.task_id));

/** A bin as scanned: its id or the barcode on its label. */
export const isAtLocation = (task: PickTask, location: string): boolean =>
  task.location_id === location || task.location_barcode === location;

/** The next task: at the bin the picker stands at if anything is left there, else along the path. */
export function guideTask(state: PicklistState, location?: string | null): PickTask | undefined {
  const open = openTasks(state);
  return (location ? open.find((t) => isAtLocation(t, location)) : undefined) ?? open[0];
}

/** Whether a scanned text is a bin label of this picklist (so an item step can switch bins). */
export const isKnownLocation = (state: PicklistState, text: string): boolean =>
  state.tasks.some((t) => isAtLocation(t, text));

/**
 * Judges a bin scan before any item is scanned, with validateScan itself: a probe scan of the item
 * expected there. Only a verdict about the bin (or the picklist) counts at this step; anything about
 * the item is left for the real item scan.
 */
export function checkLocation(
  state: PicklistState,
  location: string,
  options: ValidateScanOptions,
): Extract<ScanVerdict, { verdict: 'rejected' }> | null {
  const expected = guideTask(state, location);
  const verdict = validateScan(
    state,
    {
      scan_id: 'location-probe',
      location_id: location,
      sku: expected?.sku ?? 'none',
      qty: 1,
      timestamp: new Date(0).toISOString(),
    },
    options,
  );
  if (verdict.verdict === 'rejected' && (verdict.code === 'wrong_location' || verdict.code === 'picklist_not_active')) {
    return verdict;
  }
  return null;
}
