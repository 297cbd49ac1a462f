import type { PickTask, PicklistState, ScanVerdict } from './picklist-model.ts';
import { remainingOf } from './validate-scan.ts';

/**
 * The state changes of picking, pure: the PWA applies them to its cached picklist for an instant
 * answer, the server applies the very same functions before writing the result. Inputs are never
 * mutated; a new state is returned.
 */

export const MAX_SHORT_REASON_LENGTH = 500;

/** open while something is left; then `short` if any of it was declared short, else `picked`. */
export function taskStatusOf(task: Pick<PickTask, 'qty_required' | 'qty_picked' | 'qty_short'>): PickTask['status'] {
  if (task.qty_picked + task.qty_short < task.qty_required) return 'open';
  return task.qty_short > 0 ? 'short' : 'picked';
}

/**
 * Records a verdict: every verdict's scan id becomes judged, and an accepted one adds its units to its
 * tasks and its serial to the picked serials. A verdict whose scan id is already judged changes
 * nothing (a replay never picks twice), and no task is ever filled beyond what it requires, even by
 * a verdict judged against another state.
 */
export function applyScan(state: PicklistState, verdict: ScanVerdict): PicklistState {
  if (state.judged_scan_ids.includes(verdict.scan_id)) return state;
  const judged_scan_ids = [...state.judged_scan_ids, verdict.scan_id];
  if (verdict.verdict === 'rejected') return { ...state, judged_scan_ids };

  const byTask = new Map<string, number>();
  for (const p of verdict.picks) byTask.set(p.task_id, (byTask.get(p.task_id) ?? 0) + p.qty);
  const tasks = state.tasks.map((task) => {
    const add = Math.min(byTask.get(task.task_id) ?? 0, task.status === 'open' ? remainingOf(task) : 0);
    if (add <= 0) return task;
    const next = { ...task, qty_picked: task.qty_picked + add };
    return { ...next, status: taskStatusOf(next) };
  });
  const serial = verdict.serial;
  const picked_serials =
    serial !== null && !state.picked_serials.includes(serial)
      ? [...state.picked_serials, serial]
      : state.picked_serials;
  return { ...state, tasks, picked_serials, judged_scan_ids };
}

export const shortRejectionCodes = [
  'picklist_not_active',
  'task_not_found',
  'task_not_open',
  'invalid_qty',
  'reason_required',
] as const;
export type ShortRejectionCode = (typeof shortRejectionCodes)[number];
export type ShortRejection = { code: ShortRejectionCode; message: string };

/** Why a short pick cannot be declared, or null when it can. */
export function checkShort(
  state: PicklistState,
  taskId: string,
  qtyShort: number,
  reason: string,
): ShortRejection | null {
  if (state.status !== 'in_progress') {
    return { code: 'picklist_not_active', message: `the picklist is ${state.status}, not in progress` };
  }
  const task = state.tasks.find((t) => t.task_id === taskId);
  if (!task) return { code: 'task_not_found', message: `task ${taskId} is not on this picklist` };
  const left = remainingOf(task);
  if (task.status !== 'open' || left === 0) {
    return { code: 'task_not_open', message: `task ${taskId} is ${task.status}: nothing is left to declare short` };
  }
  if (!Number.isInteger(qtyShort) || qtyShort < 1 || qtyShort > left) {
    return { code: 'invalid_qty', message: `qty_short must be a whole number from 1 to ${left}, not ${qtyShort}` };
  }
  if (reason.trim() === '' || reason.length > MAX_SHORT_REASON_LENGTH) {
    return { code: 'reason_required', message: `give a reason of 1 to ${MAX_SHORT_REASON_LENGTH} characters` };
  }
  return null;
}

/**
 * Declares `qtyShort` of a task's remaining units missing (empty bin, damaged goods). Declared for the
 * whole rest, the task is closed as `short`; for part of it, the task stays open for the rest.
 * Throws a RangeError for what `checkShort` refuses: call that first.
 */
export function declareShort(state: PicklistState, taskId: string, qtyShort: number, reason: string): PicklistState {
  const refused = checkShort(state, taskId, qtyShort, reason);
  if (refused) throw new RangeError(`${refused.code}: ${refused.message}`);
  return {
    ...state,
    tasks: state.tasks.map((task) => {
      if (task.task_id !== taskId) return task;
      const next = { ...task, qty_short: task.qty_short + qtyShort, short_reason: reason.trim() };
      return { ...next, status: taskStatusOf(next) };
    }),
  };
}

export type PickProgress = {
  tasks_total: number;
  tasks_open: number;
  tasks_picked: number;
  tasks_short: number;
  units_required: number;
  units_picked: number;
  units_short: number;
  /** Still to pick or declare short. */
  units_open: number;
  /** Every task picked or short: the picklist may be completed. */
  done: boolean;
};

export function pickProgress(state: Pick<PicklistState, 'tasks'>): PickProgress {
  const p: PickProgress = {
    tasks_total: state.tasks.length,
    tasks_open: 0,
    tasks_picked: 0,
    tasks_short: 0,
    units_required: 0,
    units_picked: 0,
    units_short: 0,
    units_open: 0,
    done: false,
  };
  for (const t of state.tasks) {
    if (t.status === 'open') p.tasks_open++;
    else if (t.status === 'picked') p.tasks_picked++;
    else p.tasks_short++;
    p.units_required += t.qty_required;
    p.units_picked += t.qty_picked;
    p.units_short += t.qty_short;
    p.units_open += t.status === 'open' ? remainingOf(t) : 0;
  }
  p.done = p.tasks_open === 0;
  return p;
}
