import type { Tx } from '../../db/client.ts';
import { runDeferredNow, transactionScoped, writeBehind } from '../../db/prepared.ts';
import type { Actor } from '../../platform/context.ts';
import { pendingScansKey, picklistChanged, type PicklistRow, readPicklistRow } from './picklist-events.ts';
import { updateTaskRow } from './picklist-statements.ts';
import { type TaskRow, taskRowsOf } from './picklists.queries.ts';

/** What a `pick.scanned` event counts. */
export type ScanCounts = { scans: number; accepted: number; rejected: number; duplicates: number };
const countKeys = ['scans', 'accepted', 'rejected', 'duplicates'] as const;

/**
 * The scans of one picklist by one actor, in a row within a transaction. A push applies up to 100
 * one-scan mutations of the same picklist in one transaction (features/sync/push.ts); each used to
 * read the open tasks at its bin, write its task back, and record a `pick.scanned` (the picklist's
 * version, a timeline entry, an outbox event): most of a scan's work, for rows the next scan wrote
 * again. A run reads the picklist's tasks once, keeps them as its scans change them, and writes the
 * changed tasks and one `pick.scanned` (the counts summed, as of the last scan) when it ends:
 *
 * - before the transaction commits, or outside a push's transaction at the end of the call;
 * - before another command reads or changes the picklist (`currentPicklistRow`) or before a push's
 *   mutation of another kind (`settleWrites`): whatever reads the tasks reads them written;
 * - when another actor scans (a shift change within a push): an event never mixes actors.
 *
 * Each scan's own row (`pick_scans`) and its fulfillment's `pick.confirmed` entry are still written
 * at once: a scan id is judged once, and the throughput counts every scan.
 */
export type ScanRun = {
  actor: Actor;
  counts: ScanCounts;
  /** Every task of the picklist, in id (pick-path) order, as the run's scans left them. */
  tasks: TaskRow[];
  byId: Map<string, TaskRow>;
  /** The tasks to write back. */
  changed: Set<TaskRow>;
};

const runs = (tx: Tx) => transactionScoped(tx, 'scan-runs', () => new Map<string, ScanRun>());

const sameActor = (a: Actor, b: Actor) =>
  a.tenantId === b.tenantId &&
  a.type === b.type &&
  a.id === b.id &&
  a.workerId === b.workerId &&
  a.deviceId === b.deviceId &&
  a.requestId === b.requestId;

/** The run `actor`'s scans of this picklist join: the one in progress, or a new one. */
export function scanRunOf(tx: Tx, actor: Actor, row: PicklistRow): ScanRun {
  const open = runs(tx);
  const current = open.get(row.id);
  if (current && sameActor(current.actor, actor)) {
    current.actor = actor;
    return current;
  }
  if (current) runDeferredNow(tx, pendingScansKey(row.id));
  const tasks = taskRowsOf(tx, row.id);
  const run: ScanRun = {
    actor,
    counts: { scans: 0, accepted: 0, rejected: 0, duplicates: 0 },
    tasks,
    byId: new Map(tasks.map((t) => [t.id, t])),
    changed: new Set(),
  };
  open.set(row.id, run);
  return run;
}

/** Adds a call's scans to its run, which is written when it ends (see ScanRun). */
export function addToRun(tx: Tx, run: ScanRun, picklistId: string, counts: ScanCounts): void {
  for (const k of countKeys) run.counts[k] += counts[k];
  writeBehind(tx, pendingScansKey(picklistId), () => writeRun(tx, run, picklistId));
}

function writeRun(tx: Tx, run: ScanRun, picklistId: string): void {
  runs(tx).delete(picklistId);
  for (const task of run.changed) updateTaskRow(tx, task);
  const row = readPicklistRow(tx, run.actor.tenantId, picklistId)!;
  picklistChanged(tx, run.actor, row, { type: 'pick.scanned', data: { ...run.counts } });
}
