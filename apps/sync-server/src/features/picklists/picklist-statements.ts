import type { PickSplit } from '@fulfillment/domain/picklist/picklist-model';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { connectionOf, lean, preparedOnce } from '../../db/prepared.ts';
import { picklists, pickScans, pickTasks } from '../../db/schema/picklists.ts';
import { warehouses } from '../../db/schema/warehouses.ts';

/**
 * The picklists' hot-path queries (every scan runs them), prepared once per connection
 * (`db/prepared.ts`): reads through drizzle's `.prepare()` with placeholders, run `lean` (its column mapping,
 * JSON and booleans included), writes as plain SQLite statements with the values drizzle would bind
 * (JSON columns as `JSON.stringify`, absent values as null) and drizzle's quoting, so SQL text that
 * tests watch for (the fault-injection test kills the server at `insert into "pick_scans"`) is unchanged.
 */

type Reader = Db | Tx;
const p = sql.placeholder;

export const picklistQueries = (db: Reader) =>
  preparedOnce(db, 'picklists-hot-reads', (d) => {
    const q = {
      picklist: d
        .select()
        .from(picklists)
        .where(and(eq(picklists.tenantId, p('tenantId')), eq(picklists.id, p('id'))))
        .prepare(),
      tasks: d
        .select()
        .from(pickTasks)
        .where(eq(pickTasks.picklistId, p('picklistId')))
        .orderBy(asc(pickTasks.id))
        .prepare(),
      judgedScan: d
        .select({
          scanId: pickScans.scanId,
          verdict: pickScans.verdict,
          code: pickScans.code,
          message: pickScans.message,
          taskId: pickScans.taskId,
          qty: pickScans.qty,
          picks: pickScans.picks,
        })
        .from(pickScans)
        .where(and(eq(pickScans.picklistId, p('picklistId')), eq(pickScans.scanId, p('scanId'))))
        .prepare(),
      timezone: d
        .select({ tz: warehouses.timezone })
        .from(warehouses)
        .where(eq(warehouses.id, p('id')))
        .prepare(),
    };
    return {
      picklist: lean(q.picklist),
      tasks: lean(q.tasks),
      judgedScan: lean(q.judgedScan),
      timezone: lean(q.timezone),
    };
  });

const writes = (db: Reader) =>
  preparedOnce(db, 'picklists-hot-writes', (d) => {
    const c = connectionOf(d);
    return {
      insertScan: c.prepare(
        `insert into "pick_scans" ("picklist_id", "scan_id", "tenant_id", "verdict", "code", "message", "task_id",
           "picks", "qty", "sku", "lot", "serial", "expiry", "scan", "scanned_at", "worker_id", "device_id",
           "request_id", "recorded_at")
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updateTask: c.prepare(
        `update "pick_tasks" set "qty_picked" = ?, "qty_short" = ?, "short_reason" = ?, "status" = ?, "serials" = ?
         where "id" = ?`,
      ),
      bumpVersion: c.prepare(`update "picklists" set "version" = "version" + 1, "updated_at" = ? where "id" = ?`),
    };
  });

/** A `pick_scans` row, as `recordPickScans` stores it. */
export type ScanRecord = {
  picklistId: string;
  scanId: string;
  tenantId: string;
  verdict: 'accepted' | 'rejected';
  code: string | null;
  message: string | null;
  taskId: string | null;
  picks: PickSplit[];
  qty: number | null;
  sku: string | null;
  lot: string | null;
  serial: string | null;
  expiry: string | null;
  scan: Record<string, unknown>;
  scannedAt: string;
  workerId: string | null;
  deviceId: string | null;
  requestId: string;
  recordedAt: string;
};

export function insertScanRecord(tx: Tx, r: ScanRecord): void {
  writes(tx).insertScan.run(
    r.picklistId,
    r.scanId,
    r.tenantId,
    r.verdict,
    r.code,
    r.message,
    r.taskId,
    JSON.stringify(r.picks),
    r.qty,
    r.sku,
    r.lot,
    r.serial,
    r.expiry,
    JSON.stringify(r.scan),
    r.scannedAt,
    r.workerId,
    r.deviceId,
    r.requestId,
    r.recordedAt,
  );
}

/** Writes a task's pick counters and its serials. */
export function updateTaskRow(tx: Tx, task: typeof pickTasks.$inferSelect): void {
  writes(tx).updateTask.run(
    task.qtyPicked,
    task.qtyShort,
    task.shortReason,
    task.status,
    JSON.stringify(task.serials),
    task.id,
  );
}

/** The version bump of a change that sets nothing else on the picklist row. */
export function bumpPicklistVersion(tx: Tx, id: string, updatedAt: string): void {
  writes(tx).bumpVersion.run(updatedAt, id);
}
