import { and, asc, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { allocationLines, allocations, allocationUnits } from '../../db/schema/allocations.ts';

type Reader = Db | Tx;
export type AllocationRow = typeof allocations.$inferSelect;

export function findAllocationRow(db: Reader, tenantId: string, id: string): AllocationRow | undefined {
  return db
    .select()
    .from(allocations)
    .where(and(eq(allocations.tenantId, tenantId), eq(allocations.id, id)))
    .get();
}

/** The allocation that currently holds (or is asking for) stock for a fulfillment, if any. */
export function findActiveAllocation(db: Reader, tenantId: string, fulfillmentId: string): AllocationRow | undefined {
  return db
    .select()
    .from(allocations)
    .where(
      and(
        eq(allocations.tenantId, tenantId),
        eq(allocations.fulfillmentId, fulfillmentId),
        notInArray(allocations.status, ['released', 'failed']),
      ),
    )
    .orderBy(desc(allocations.id))
    .get();
}

export function allocationLinesOf(db: Reader, allocationId: string) {
  return db
    .select()
    .from(allocationLines)
    .where(eq(allocationLines.allocationId, allocationId))
    .orderBy(asc(allocationLines.position))
    .all();
}

export function allocationUnitsOf(db: Reader, allocationIds: string[]) {
  if (allocationIds.length === 0) return [];
  return db
    .select()
    .from(allocationUnits)
    .where(inArray(allocationUnits.allocationId, allocationIds))
    .orderBy(asc(allocationUnits.id))
    .all();
}

function toResource(
  row: AllocationRow,
  lines: ReturnType<typeof allocationLinesOf>,
  units: ReturnType<typeof allocationUnitsOf>,
) {
  return {
    id: row.id,
    allocation_id: row.id,
    fulfillment_id: row.fulfillmentId,
    status: row.status,
    strategy: row.strategy,
    reservation_id: row.reservationId,
    lines: lines.map((l) => ({
      line_id: l.fulfillmentLineId,
      order_line_id: l.orderLineId,
      sku: l.sku,
      requested: l.requested,
      allocated: l.allocated,
      status: l.status,
      reason: l.reason,
      locations: units
        .filter((u) => u.fulfillmentLineId === l.fulfillmentLineId)
        .map((u) => ({
          warehouse_id: u.warehouseId,
          location_id: u.locationId,
          lot_id: u.lotId,
          lot: u.lot,
          expiry: u.expiry,
          serial: u.serial,
          qty: u.quantity,
          picked: u.picked,
        })),
    })),
    last_error: row.lastError ?? null,
    resolved_at: row.resolvedAt,
    released_at: row.releasedAt,
    release_reason: row.releaseReason,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}
export type AllocationResource = ReturnType<typeof toResource>;

export function getAllocation(db: Reader, tenantId: string, id: string): AllocationResource | undefined {
  const row = findAllocationRow(db, tenantId, id);
  if (!row) return undefined;
  return toResource(row, allocationLinesOf(db, id), allocationUnitsOf(db, [id]));
}

/** Every allocation of a fulfillment, newest last: its history of asking the Inventory Service. */
export function allocationsOfFulfillment(db: Reader, tenantId: string, fulfillmentId: string): AllocationResource[] {
  const rows = db
    .select()
    .from(allocations)
    .where(and(eq(allocations.tenantId, tenantId), eq(allocations.fulfillmentId, fulfillmentId)))
    .orderBy(asc(allocations.id))
    .all();
  const units = allocationUnitsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toResource(r, allocationLinesOf(db, r.id), units));
}

/**
 * What each fulfillment line holds now, from the fulfillment's current allocation (if it holds
 * stock): line id → `{location, lot_id, qty}` as the fulfillment resource shows it.
 */
export function heldByLine(db: Reader, allocationIds: (string | null)[]) {
  const ids = allocationIds.filter((id): id is string => id !== null);
  const held = new Map<string, { location: string; lot_id: string | null; qty: number }[]>();
  if (ids.length === 0) return held;
  const holding = db
    .select({ id: allocations.id })
    .from(allocations)
    .where(and(inArray(allocations.id, ids), inArray(allocations.status, ['allocated', 'partial'])))
    .all()
    .map((r) => r.id);
  for (const u of allocationUnitsOf(db, holding)) {
    const list = held.get(u.fulfillmentLineId) ?? [];
    list.push({ location: u.locationId, lot_id: u.lotId, qty: u.quantity });
    held.set(u.fulfillmentLineId, list);
  }
  return held;
}
