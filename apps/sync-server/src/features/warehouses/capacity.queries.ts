import type { FulfillmentStatus } from '@fulfillment/domain/fulfillment/fulfillment-status';
import { type WarehouseRole, warehouseRoles } from '@fulfillment/domain/security/roles';
import {
  openFulfillmentStatuses,
  THROUGHPUT_WINDOW_MINUTES,
  throughputEventTypes,
} from '@fulfillment/domain/warehouse/warehouse-load';
import { type WorkstationType, workstationTypes } from '@fulfillment/domain/warehouse/workstation-schemas';
import { and, count, eq, gt, inArray, isNull, lte } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { fulfillments } from '../../db/schema/fulfillments.ts';
import { timelineEvents } from '../../db/schema/platform.ts';
import { workers, workstations } from '../../db/schema/warehouses.ts';
import { toWarehouse, type WarehouseRow } from './warehouses.queries.ts';

type Reader = Db | Tx;

const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function activeWorkersByRole(db: Reader, warehouseId: string) {
  const rows = db
    .select({ roles: workers.roles })
    .from(workers)
    .where(and(eq(workers.warehouseId, warehouseId), eq(workers.status, 'active'), isNull(workers.deletedAt)))
    .all();
  // A worker holding several roles is available for each of them, so by_role may sum to more than active.
  const byRole = zeroes<WarehouseRole>(warehouseRoles);
  for (const { roles } of rows) for (const role of roles) byRole[role] += 1;
  return { active: rows.length, by_role: byRole };
}

function activeStationsByType(db: Reader, warehouseId: string) {
  const byType = zeroes<WorkstationType>(workstationTypes);
  const rows = db
    .select({ type: workstations.type, n: count() })
    .from(workstations)
    .where(
      and(eq(workstations.warehouseId, warehouseId), eq(workstations.status, 'active'), isNull(workstations.deletedAt)),
    )
    .groupBy(workstations.type)
    .all();
  for (const r of rows) byType[r.type] = r.n;
  return { active_pack_stations: byType.pack_station, active_by_type: byType };
}

function backlog(db: Reader, warehouse: WarehouseRow) {
  const byStatus = zeroes<FulfillmentStatus>(openFulfillmentStatuses);
  const rows = db
    .select({ status: fulfillments.status, n: count() })
    .from(fulfillments)
    .where(
      and(
        eq(fulfillments.tenantId, warehouse.tenantId),
        eq(fulfillments.warehouseId, warehouse.id),
        inArray(fulfillments.status, openFulfillmentStatuses),
      ),
    )
    .groupBy(fulfillments.status)
    .all();
  for (const r of rows) byStatus[r.status] = r.n;
  const open = rows.reduce((n, r) => n + r.n, 0);
  const max = warehouse.capacity.max_open_fulfillments;
  return {
    open_fulfillments: open,
    by_status: byStatus,
    utilization: max ? Math.round((open / max) * 10_000) / 10_000 : null,
  };
}

/** Pick and pack entries of the warehouse's fulfillments in the window (start exclusive, end inclusive). */
function throughput(db: Reader, warehouse: WarehouseRow, now: Date) {
  const start = new Date(now.getTime() - THROUGHPUT_WINDOW_MINUTES * 60_000).toISOString();
  const end = now.toISOString();
  const types: string[] = [...throughputEventTypes.picks, ...throughputEventTypes.packs];
  const rows = db
    .select({ type: timelineEvents.type, n: count() })
    .from(timelineEvents)
    .innerJoin(fulfillments, eq(fulfillments.id, timelineEvents.fulfillmentId))
    .where(
      and(
        eq(timelineEvents.tenantId, warehouse.tenantId),
        eq(fulfillments.tenantId, warehouse.tenantId),
        eq(fulfillments.warehouseId, warehouse.id),
        inArray(timelineEvents.type, types),
        gt(timelineEvents.occurredAt, start),
        lte(timelineEvents.occurredAt, end),
      ),
    )
    .groupBy(timelineEvents.type)
    .all();
  const sum = (of: readonly string[]) => rows.filter((r) => of.includes(r.type)).reduce((n, r) => n + r.n, 0);
  return {
    window_start: start,
    window_end: end,
    picks_last_hour: sum(throughputEventTypes.picks),
    packs_last_hour: sum(throughputEventTypes.packs),
  };
}

/** GET /warehouses/{id}/capacity: configured targets beside what the database shows right now. */
export function getCapacity(db: Reader, warehouse: WarehouseRow, now: Date) {
  return {
    warehouse_id: warehouse.id,
    status: warehouse.status,
    as_of: now.toISOString(),
    targets: toWarehouse(warehouse).capacity,
    workers: activeWorkersByRole(db, warehouse.id),
    workstations: activeStationsByType(db, warehouse.id),
    backlog: backlog(db, warehouse),
    throughput: throughput(db, warehouse, now),
  };
}
