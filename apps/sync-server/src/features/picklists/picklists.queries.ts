import { pickProgress } from '@fulfillment/domain/picklist/apply-scan';
import { groupByLocation } from '@fulfillment/domain/picklist/pick-path';
import type { PicklistState, PicklistStatus, PickTask } from '@fulfillment/domain/picklist/picklist-model';
import { and, asc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { picklistFulfillments, picklists, pickScans, pickTasks } from '../../db/schema/picklists.ts';
import { warehouses } from '../../db/schema/warehouses.ts';
import type { PicklistRow } from './picklist-events.ts';
import { picklistQueries } from './picklist-statements.ts';

type Reader = Db | Tx;
export type TaskRow = typeof pickTasks.$inferSelect;

export function findPicklistRow(db: Reader, tenantId: string, id: string): PicklistRow | undefined {
  return picklistQueries(db).picklist.get({ tenantId, id });
}

/** A picklist's tasks in walking order (ids are made in pick-path order). */
export function taskRowsOf(db: Reader, picklistId: string): TaskRow[] {
  return picklistQueries(db).tasks.all({ picklistId });
}

export function toPickTask(row: TaskRow): PickTask {
  return {
    task_id: row.id,
    sequence: row.sequence,
    location_id: row.locationId,
    location_code: row.locationCode,
    location_barcode: row.locationBarcode,
    zone_code: row.zoneCode,
    sku: row.sku,
    gtins: row.gtins,
    fulfillment_id: row.fulfillmentId,
    fulfillment_line_id: row.fulfillmentLineId,
    allocation_id: row.allocationId,
    lot: row.lot,
    expiry: row.expiry,
    serial: row.serial,
    serial_required: row.serialRequired,
    qty_required: row.qtyRequired,
    qty_picked: row.qtyPicked,
    status: row.status,
    qty_short: row.qtyShort,
    short_reason: row.shortReason,
  };
}

export function fulfillmentIdsOf(db: Reader, picklistId: string): string[] {
  return db
    .select({ id: picklistFulfillments.fulfillmentId })
    .from(picklistFulfillments)
    .where(eq(picklistFulfillments.picklistId, picklistId))
    .orderBy(asc(picklistFulfillments.position))
    .all()
    .map((r) => r.id);
}

/** The state `validateScan` judges against: the same on the server as in the handheld's cache. */
export function stateOf(db: Reader, row: PicklistRow, tasks: TaskRow[] = taskRowsOf(db, row.id)): PicklistState {
  const judged = db
    .select({ id: pickScans.scanId })
    .from(pickScans)
    .where(eq(pickScans.picklistId, row.id))
    .orderBy(asc(pickScans.scanId))
    .all();
  return {
    picklist_id: row.id,
    status: row.status,
    tasks: tasks.map(toPickTask),
    picked_serials: tasks.flatMap((t) => t.serials),
    judged_scan_ids: judged.map((s) => s.id),
  };
}

function timezoneOf(db: Reader, warehouseId: string): string {
  return (
    db.select({ tz: warehouses.timezone }).from(warehouses).where(eq(warehouses.id, warehouseId)).get()?.tz ?? 'UTC'
  );
}

/** `GET /picklists/{id}/state`: PicklistState, plus what the handheld needs to judge scans itself. */
export function getPicklistState(db: Reader, tenantId: string, id: string) {
  const row = findPicklistRow(db, tenantId, id);
  if (!row) return undefined;
  return {
    ...stateOf(db, row),
    version: row.version,
    warehouse_id: row.warehouseId,
    assigned_worker_id: row.assignedWorkerId,
    timezone: timezoneOf(db, row.warehouseId),
  };
}

function summaryOf(row: PicklistRow, fulfillmentIds: string[], tasks: PickTask[], timezone: string) {
  return {
    id: row.id,
    picklist_id: row.id,
    warehouse_id: row.warehouseId,
    fulfillment_ids: fulfillmentIds,
    status: row.status,
    priority: row.priority,
    picker_group: row.pickerGroup,
    assigned_worker_id: row.assignedWorkerId,
    assigned_device_id: row.assignedDeviceId,
    assigned_at: row.assignedAt,
    started_at: row.startedAt,
    completed_at: row.completedAt,
    timezone,
    progress: pickProgress({ tasks }),
    pick_confirmation_id: row.pickConfirmationId,
    inventory_confirmation: { status: row.inventoryStatus, job_id: row.inventoryJobId, error: row.inventoryError },
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}
export type PicklistSummary = ReturnType<typeof summaryOf>;

/** The canonical Picklist: its tasks grouped by bin, in walking order. */
export function getPicklist(db: Reader, tenantId: string, id: string) {
  const row = findPicklistRow(db, tenantId, id);
  if (!row) return undefined;
  const tasks = taskRowsOf(db, id).map(toPickTask);
  const summary = summaryOf(row, fulfillmentIdsOf(db, id), tasks, timezoneOf(db, row.warehouseId));
  return { ...summary, tasks: groupByLocation(tasks) };
}
export type PicklistResource = NonNullable<ReturnType<typeof getPicklist>>;

export type PicklistFilters = {
  statuses?: PicklistStatus[] | undefined;
  warehouseId?: string | undefined;
  /** null: only unassigned picklists. */
  assignedWorkerId?: string | null | undefined;
};

export function listPicklists(
  db: Reader,
  tenantId: string,
  filters: PicklistFilters,
  pageRequest: { after: string | undefined; limit: number },
): PicklistSummary[] {
  const where: SQL[] = [eq(picklists.tenantId, tenantId)];
  if (filters.statuses?.length) where.push(inArray(picklists.status, filters.statuses));
  if (filters.warehouseId) where.push(eq(picklists.warehouseId, filters.warehouseId));
  if (filters.assignedWorkerId) where.push(eq(picklists.assignedWorkerId, filters.assignedWorkerId));
  if (pageRequest.after) where.push(gt(picklists.id, pageRequest.after));
  const rows = db
    .select()
    .from(picklists)
    .where(and(...where))
    .orderBy(asc(picklists.id))
    .limit(pageRequest.limit + 1)
    .all();
  return rows.map((row) =>
    summaryOf(
      row,
      fulfillmentIdsOf(db, row.id),
      taskRowsOf(db, row.id).map(toPickTask),
      timezoneOf(db, row.warehouseId),
    ),
  );
}

export function listTasks(
  db: Reader,
  picklistId: string,
  filters: { statuses?: PickTask['status'][] | undefined; fulfillmentId?: string | undefined },
  pageRequest: { after: string | undefined; limit: number },
) {
  const where: SQL[] = [eq(pickTasks.picklistId, picklistId)];
  if (filters.statuses?.length) where.push(inArray(pickTasks.status, filters.statuses));
  if (filters.fulfillmentId) where.push(eq(pickTasks.fulfillmentId, filters.fulfillmentId));
  if (pageRequest.after) where.push(gt(pickTasks.id, pageRequest.after));
  return db
    .select()
    .from(pickTasks)
    .where(and(...where))
    .orderBy(asc(pickTasks.id))
    .limit(pageRequest.limit + 1)
    .all()
    .map((row) => ({ id: row.id, ...toPickTask(row), staged_location_id: row.stagedLocationId }));
}
