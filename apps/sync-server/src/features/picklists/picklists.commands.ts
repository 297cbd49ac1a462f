import { applyScan, checkShort, declareShort, type ShortRejectionCode } from '@fulfillment/domain/picklist/apply-scan';
import type {
  PickScan,
  PickSplit,
  PickTask,
  PicklistState,
  ScanRejectionCode,
} from '@fulfillment/domain/picklist/picklist-model';
import type { AssignPicklistInput, ShortPickInput } from '@fulfillment/domain/picklist/picklist-schemas';
import { businessDateOf, validateScan } from '@fulfillment/domain/picklist/validate-scan';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { transactionScoped } from '../../db/prepared.ts';
import type { pickScans } from '../../db/schema/picklists.ts';
import { pickAdjustments, pickTasks } from '../../db/schema/picklists.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { isoTime } from '../../platform/timeline.ts';
import { conflict, notFound, ProblemError, unprocessable } from '../../platform/problem.ts';
import { findDeviceRow } from '../security/devices.queries.ts';
import { findWorkerRow } from '../warehouses/worker-lookup.ts';
import { assertMayPick, type PickAccess } from './picklist-access.ts';
import {
  currentPicklistRow,
  picklistChanged,
  type PicklistRow,
  readPicklistRow,
  recordPickEntry,
} from './picklist-events.ts';
import { insertScanRecord, picklistQueries, type ScanRecord } from './picklist-statements.ts';
import { addToRun, type ScanRun, scanRunOf } from './scan-runs.ts';
import { stateOf, type TaskRow, taskRowsOf, toPickTask } from './picklists.queries.ts';

/** The picklist, or 404: another tenant's picklist does not exist for this one. */
export function requirePicklist(tx: Tx, actor: Actor, id: string): PicklistRow {
  return found(currentPicklistRow(tx, actor.tenantId, id), id);
}

function found(row: PicklistRow | undefined, id: string): PicklistRow {
  if (!row) throw notFound('picklist', id);
  return row;
}

/** Writes back the tasks a domain function changed (it returns unchanged tasks as the same objects). */
export function saveTasks(tx: Tx, before: PicklistState, after: PicklistState, serials = new Map<string, string[]>()) {
  after.tasks.forEach((task, i) => {
    const added = serials.get(task.task_id) ?? [];
    if (task === before.tasks[i] && added.length === 0) return;
    const row = tx.select({ serials: pickTasks.serials }).from(pickTasks).where(eq(pickTasks.id, task.task_id)).get()!;
    tx.update(pickTasks)
      .set({
        qtyPicked: task.qty_picked,
        qtyShort: task.qty_short,
        shortReason: task.short_reason,
        status: task.status,
        serials: [...row.serials, ...added],
      })
      .where(eq(pickTasks.id, task.task_id))
      .run();
  });
}

export function recordAdjustment(
  tx: Tx,
  actor: Actor,
  a: {
    picklistId: string;
    taskId: string;
    kind: 'short' | 'over' | 'stage' | 'put_back';
    qty: number;
    reason: string;
    toLocationId?: string;
  },
): string {
  const id = newId('adj');
  tx.insert(pickAdjustments)
    .values({
      id,
      tenantId: actor.tenantId,
      picklistId: a.picklistId,
      taskId: a.taskId,
      kind: a.kind,
      qty: a.qty,
      reason: a.reason,
      toLocationId: a.toLocationId ?? null,
      actorType: actor.type,
      actorId: actor.id,
      workerId: actor.workerId,
      deviceId: actor.deviceId,
      requestId: actor.requestId,
      createdAt: actor.now.toISOString(),
    })
    .run();
  return id;
}

/** Hands the picklist to a worker (and handheld): `draft|assigned → assigned`. */
export function assignPicklist(tx: Tx, actor: Actor, id: string, input: AssignPicklistInput): void {
  const row = requirePicklist(tx, actor, id);
  if (row.status !== 'draft' && row.status !== 'assigned') {
    throw conflict('picklist_not_assignable', `a picklist that is ${row.status} cannot be assigned`);
  }
  const refuse = (code: string, path: string, message: string) => unprocessable(code, message, [{ path, message }]);
  const worker = findWorkerRow(tx, actor.tenantId, input.worker_id);
  if (!worker) throw refuse('worker_not_found', 'worker_id', `worker ${input.worker_id} does not exist`);
  if (worker.warehouseId !== row.warehouseId)
    throw refuse('worker_not_in_warehouse', 'worker_id', `worker ${worker.id} works in another warehouse`);
  if (worker.status !== 'active') throw refuse('worker_inactive', 'worker_id', `worker ${worker.id} is inactive`);
  if (!worker.roles.includes('picker') && !worker.roles.includes('supervisor'))
    throw refuse('worker_cannot_pick', 'worker_id', `worker ${worker.id} has no picker role`);
  if (input.device_id !== undefined) {
    const device = findDeviceRow(tx, actor.tenantId, input.device_id);
    if (!device) throw refuse('device_not_found', 'device_id', `device ${input.device_id} is not registered`);
    if (device.status !== 'active') throw refuse('device_revoked', 'device_id', `device ${device.id} is revoked`);
  }
  picklistChanged(tx, actor, row, {
    type: 'picklist.assigned',
    set: {
      status: 'assigned',
      assignedWorkerId: worker.id,
      assignedDeviceId: input.device_id ?? null,
      assignedAt: actor.now.toISOString(),
    },
    data: { worker_id: worker.id, device_id: input.device_id ?? null, previous_worker_id: row.assignedWorkerId },
  });
}

/** `assigned → in_progress`. Starting a picklist already in progress changes nothing (a retried start). */
export function startPicklist(tx: Tx, actor: Actor, id: string, access: PickAccess = {}): void {
  const row = requirePicklist(tx, actor, id);
  assertMayPick(actor, row, access);
  if (row.status === 'in_progress') return;
  if (row.status !== 'assigned') {
    throw conflict('picklist_not_startable', `a picklist that is ${row.status} cannot be started: assign it first`);
  }
  picklistChanged(tx, actor, row, {
    type: 'picklist.started',
    set: { status: 'in_progress', startedAt: actor.now.toISOString() },
    data: { worker_id: row.assignedWorkerId },
  });
}

/** One scan's answer. `duplicate`: the scan id was judged before; `verdict` and the rest are that first judgement. */
export type ScanResult = {
  scan_id: string;
  status: 'accepted' | 'rejected' | 'duplicate';
  verdict: 'accepted' | 'rejected';
  code?: ScanRejectionCode;
  message?: string;
  task_id?: string;
  qty?: number;
  picks?: PickSplit[];
};

/** What a stored verdict answers with (the `pick_scans` columns `resultOf` reads). */
type JudgedScan = Pick<
  typeof pickScans.$inferSelect,
  'scanId' | 'verdict' | 'code' | 'message' | 'taskId' | 'qty' | 'picks'
>;

function resultOf(stored: JudgedScan, duplicate: boolean): ScanResult {
  // Written out, not `{ ...base, code, message }`: a spread followed by new keys is V8's slow path (about 2 µs).
  const status = duplicate ? 'duplicate' : stored.verdict;
  if (stored.verdict === 'rejected')
    return {
      scan_id: stored.scanId,
      status,
      verdict: stored.verdict,
      code: stored.code as ScanRejectionCode,
      message: stored.message!,
    };
  return {
    scan_id: stored.scanId,
    status,
    verdict: stored.verdict,
    task_id: stored.taskId!,
    qty: stored.qty!,
    picks: stored.picks,
  };
}

const filled = (s: string | null | undefined) => s !== undefined && s !== null && s.trim() !== '';

/**
 * The last business date worked out, by time zone and UTC second: each mutation of a push has its own
 * instant, a few hundred microseconds apart. Time zone offsets are whole seconds (tzdb has no finer
 * unit), so a local midnight falls on a whole UTC second and the date cannot change within one.
 */
let lastDate = { timeZone: '', second: NaN, date: '' };

/** Where scans are judged: the warehouse's business date and year. */
function scanOptions(tx: Tx, row: PicklistRow, now: Date) {
  // Read once per push's transaction (nothing a push applies changes a warehouse).
  const zones = transactionScoped(tx, 'warehouse-time-zones', () => new Map<string, string>());
  let timeZone = zones.get(row.warehouseId);
  if (timeZone === undefined) {
    timeZone = picklistQueries(tx).timezone.get({ id: row.warehouseId })?.tz ?? 'UTC';
    zones.set(row.warehouseId, timeZone);
  }
  const second = Math.floor(now.getTime() / 1000);
  if (lastDate.timeZone !== timeZone || lastDate.second !== second)
    lastDate = { timeZone, second, date: businessDateOf(now, timeZone) };
  const businessDate = lastDate.date;
  return { businessDate, referenceYear: Number(businessDate.slice(0, 4)) };
}

/*
 * recordPickScans' helpers live out here, not as closures inside it: the server runs under tsx, whose
 * esbuild keeps function names by calling `Object.defineProperty(fn, 'name', ...)` on every named
 * closure each time it is created, which cost about 2 % of a one-scan mutation's CPU.
 */

/** The domain's view of a task row, remembered as it was (a task the scans leave alone stays that object). */
function remembered(before: Map<string, PickTask>, row: TaskRow): PickTask {
  const task = toPickTask(row);
  before.set(task.task_id, task);
  return task;
}

/** The tasks a scan at one of these bins (by id or label barcode) can pick: open, with units left. */
function openAt(tasks: TaskRow[], bins: Set<string>): TaskRow[] {
  return tasks.filter(
    (t) =>
      t.status === 'open' &&
      t.qtyRequired - t.qtyPicked - t.qtyShort > 0 &&
      (bins.has(t.locationId) || (t.locationBarcode !== null && bins.has(t.locationBarcode))),
  );
}

/** Every task of the run, those judged so far (`judged`) as they are now. */
function everyTask(run: ScanRun, judged: PickTask[], before: Map<string, PickTask>): PickTask[] {
  const now = new Map(judged.map((t) => [t.task_id, t]));
  return run.tasks.map((t) => now.get(t.id) ?? remembered(before, t));
}

/** Puts what the scans did to a task into the run's row (written back when the run ends). */
function keep(run: ScanRun, task: PickTask, added: string[]): void {
  const row = run.byId.get(task.task_id)!;
  row.qtyPicked = task.qty_picked;
  row.qtyShort = task.qty_short;
  row.shortReason = task.short_reason;
  row.status = task.status;
  if (added.length > 0) row.serials = [...row.serials, ...added];
  run.changed.add(row);
}

/**
 * Judges and records a batch of scans, in order, in the caller's transaction: every new scan id gets
 * its verdict stored (accepted or rejected, once), accepted ones count on their tasks, and a scan id
 * seen before answers `duplicate` with its first verdict and counts nothing. A picklist that is not in
 * progress rejects each new scan (`picklist_not_active`); replays still answer `duplicate`.
 *
 * The tasks come from the scan run (`scan-runs.ts`: read once per run of scans in a push's
 * transaction, written back when it ends). The state judged against holds only the open tasks at
 * the bins the batch names: `validateScan` looks at no other task but for the "next:" of
 * `wrong_location`, and such a verdict is judged again against every task of the picklist.
 * `judged_scan_ids` starts empty: a scan id already stored answers `duplicate` before it is judged,
 * so `applyScan` only needs this batch's ids.
 */
export function recordPickScans(
  tx: Tx,
  actor: Actor,
  id: string,
  scans: PickScan[],
  access: PickAccess = {},
): ScanResult[] {
  // Not `requirePicklist`: the scans before these in the transaction stay in their run, to be written with them.
  const row = found(readPicklistRow(tx, actor.tenantId, id), id);
  assertMayPick(actor, row, access);
  const queries = picklistQueries(tx);
  const stored = new Map<string, JudgedScan>();
  for (const scanId of new Set(scans.map((s) => s.scan_id))) {
    const seen = queries.judgedScan.get({ picklistId: id, scanId });
    if (seen) stored.set(scanId, seen);
  }
  if (scans.every((s) => stored.has(s.scan_id))) return scans.map((s) => resultOf(stored.get(s.scan_id)!, true));

  const run = scanRunOf(tx, actor, row);
  const fresh = scans.filter((s) => !stored.has(s.scan_id));
  const before = new Map<string, PickTask>();
  let state: PicklistState = {
    picklist_id: row.id,
    status: row.status,
    tasks: openAt(run.tasks, new Set(fresh.map((s) => s.location_id))).map((t) => remembered(before, t)),
    // Only a scan with a serial, typed or in a (GS1) barcode, is checked against the picked serials.
    picked_serials: fresh.some((s) => filled(s.serial) || filled(s.barcode)) ? run.tasks.flatMap((t) => t.serials) : [],
    judged_scan_ids: [],
  };
  let whole = false;

  const options = scanOptions(tx, row, actor.now);
  const serials = new Map<string, string[]>();
  const confirmed = new Map<string, { scan_id: string; sku: string; qty: number; task_ids: string[] }[]>();
  const results: ScanResult[] = [];
  for (const scan of scans) {
    const seen = stored.get(scan.scan_id);
    if (seen) {
      results.push(resultOf(seen, true));
      continue;
    }
    let verdict = validateScan(state, scan, options);
    if (!whole && verdict.verdict === 'rejected' && verdict.code === 'wrong_location') {
      whole = true;
      state = { ...state, tasks: everyTask(run, state.tasks, before) };
      verdict = validateScan(state, scan, options);
    }
    state = applyScan(state, verdict);
    const accepted = verdict.verdict === 'accepted' ? verdict : null;
    const record: ScanRecord = {
      picklistId: id,
      scanId: scan.scan_id,
      tenantId: actor.tenantId,
      verdict: verdict.verdict,
      code: verdict.verdict === 'rejected' ? verdict.code : null,
      message: verdict.verdict === 'rejected' ? verdict.message : null,
      taskId: accepted?.task_id ?? null,
      picks: accepted?.picks ?? [],
      qty: accepted?.qty ?? null,
      sku: accepted?.sku ?? null,
      lot: accepted?.lot ?? null,
      serial: accepted?.serial ?? null,
      expiry: accepted?.expiry ?? null,
      scan: { ...scan },
      scannedAt: scan.timestamp,
      workerId: actor.workerId ?? null,
      deviceId: actor.deviceId ?? null,
      requestId: actor.requestId,
      recordedAt: isoTime(actor.now),
    };
    insertScanRecord(tx, record);
    stored.set(scan.scan_id, record);
    results.push(resultOf(record, false));
    if (!accepted) continue;
    if (accepted.serial !== null)
      serials.set(accepted.task_id, [...(serials.get(accepted.task_id) ?? []), accepted.serial]);
    for (const pick of accepted.picks) {
      const fulfillmentId = run.byId.get(pick.task_id)!.fulfillmentId;
      const list = confirmed.get(fulfillmentId) ?? [];
      const entry = list.find((e) => e.scan_id === scan.scan_id);
      if (entry) {
        entry.qty += pick.qty;
        entry.task_ids.push(pick.task_id);
      } else list.push({ scan_id: scan.scan_id, sku: accepted.sku, qty: pick.qty, task_ids: [pick.task_id] });
      confirmed.set(fulfillmentId, list);
    }
  }
  const judged = results.filter((r) => r.status !== 'duplicate');

  // Only the tasks the scans changed are kept to be written back.
  for (const task of state.tasks) {
    const added = serials.get(task.task_id) ?? [];
    if (task !== before.get(task.task_id) || added.length > 0) keep(run, task, added);
  }
  // One entry per scan and fulfillment: what the warehouse's throughput (picks per hour) counts.
  for (const [fulfillmentId, entries] of confirmed)
    for (const e of entries) recordPickEntry(tx, actor, id, fulfillmentId, 'pick.confirmed', { ...e });
  addToRun(tx, run, id, {
    scans: judged.length,
    accepted: judged.filter((r) => r.status === 'accepted').length,
    rejected: judged.filter((r) => r.status === 'rejected').length,
    duplicates: results.length - judged.length,
  });
  return results;
}

const shortStatus: Record<ShortRejectionCode, 409 | 422> = {
  picklist_not_active: 409,
  task_not_open: 409,
  task_not_found: 422,
  invalid_qty: 422,
  reason_required: 422,
};

/**
 * Declares units of a task missing (the picker found the bin short): the task closes as `short` when
 * nothing else is left of it. The shortfall is backordered when the picklist is completed (or at once
 * by `POST /adjust`).
 */
export function declareShortPick(
  tx: Tx,
  actor: Actor,
  id: string,
  input: ShortPickInput,
  access: PickAccess = {},
): { task: PickTask; adjustment_id: string } {
  const row = requirePicklist(tx, actor, id);
  assertMayPick(actor, row, access);
  const tasks = taskRowsOf(tx, id);
  const before = stateOf(tx, row, tasks);
  const refused = checkShort(before, input.task_id, input.qty_short, input.reason);
  if (refused) throw new ProblemError(shortStatus[refused.code], refused.code, refused.message);
  const after = declareShort(before, input.task_id, input.qty_short, input.reason);
  saveTasks(tx, before, after);
  const task = after.tasks.find((t) => t.task_id === input.task_id)!;
  const adjustmentId = recordAdjustment(tx, actor, {
    picklistId: id,
    taskId: task.task_id,
    kind: 'short',
    qty: input.qty_short,
    reason: input.reason,
  });
  const data = { task_id: task.task_id, sku: task.sku, qty_short: input.qty_short, reason: input.reason };
  recordPickEntry(tx, actor, id, task.fulfillment_id, 'pick.short', { ...data, adjustment_id: adjustmentId });
  picklistChanged(tx, actor, row, { type: 'pick.short_declared', data });
  return { task, adjustment_id: adjustmentId };
}
