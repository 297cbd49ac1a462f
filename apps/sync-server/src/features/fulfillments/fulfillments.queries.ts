import type { FulfillmentStatus } from '@fulfillment/domain/fulfillment/fulfillment-status';
import { and, asc, desc, eq, gt, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { fulfillmentLines, fulfillments } from '../../db/schema/fulfillments.ts';
import { packageItems, type PackageStatus, packages } from '../../db/schema/packing.ts';
import { timelineEvents } from '../../db/schema/platform.ts';
import { shipments } from '../../db/schema/shipments.ts';
import { allocationsOfFulfillment, heldByLine } from '../allocations/allocations.queries.ts';

type Reader = Db | Tx;
type FulfillmentRow = typeof fulfillments.$inferSelect;
type LineRow = typeof fulfillmentLines.$inferSelect;
type TimelineRow = typeof timelineEvents.$inferSelect;

const TIMELINE_IN_DETAIL = 100;

export function timelineEntry(e: TimelineRow) {
  return {
    id: e.id,
    type: e.type,
    occurred_at: e.occurredAt,
    subject: { type: e.subjectType, id: e.subjectId },
    actor: { type: e.actorType, id: e.actorId },
    device_id: e.deviceId,
    worker_id: e.workerId,
    request_id: e.requestId,
    data: e.data,
  };
}

type PackageSummary = {
  package_id: string;
  status: PackageStatus;
  sscc: string | null;
  weight: number;
  dimensions: { l: number; w: number; h: number };
};
type Shipping = { packages: PackageSummary[]; shipments: string[] };

/** The packages and shipments of fulfillments (oldest first), for the resource's `packages` and `shipments`. */
function shippingOf(db: Reader, tenantId: string, ids: string[]): Map<string, Shipping> {
  const byId = new Map<string, Shipping>(ids.map((id) => [id, { packages: [], shipments: [] }]));
  if (ids.length === 0) return byId;
  const packed = db
    .selectDistinct({
      fulfillmentId: packageItems.fulfillmentId,
      id: packages.id,
      status: packages.status,
      sscc: packages.sscc,
      weightG: packages.weightG,
      dimsMm: packages.dimsMm,
    })
    .from(packageItems)
    .innerJoin(packages, eq(packages.id, packageItems.packageId))
    .where(and(eq(packageItems.tenantId, tenantId), inArray(packageItems.fulfillmentId, ids)))
    .orderBy(asc(packages.id))
    .all();
  for (const p of packed) {
    byId.get(p.fulfillmentId)!.packages.push({
      package_id: p.id,
      status: p.status,
      sscc: p.sscc,
      weight: p.weightG,
      dimensions: p.dimsMm,
    });
  }
  const shipped = db
    .select({ id: shipments.id, fulfillmentId: shipments.fulfillmentId })
    .from(shipments)
    .where(and(eq(shipments.tenantId, tenantId), inArray(shipments.fulfillmentId, ids)))
    .orderBy(asc(shipments.id))
    .all();
  for (const s of shipped) byId.get(s.fulfillmentId!)!.shipments.push(s.id);
  return byId;
}

function toResource(row: FulfillmentRow, lines: LineRow[], held: ReturnType<typeof heldByLine>, shipping: Shipping) {
  return {
    id: row.id,
    order_id: row.orderId,
    source: row.source,
    warehouse_id: row.warehouseId,
    status: row.status,
    requested_ship_date: row.requestedShipDate,
    ship_to: row.shipTo,
    lines: lines.map((l) => ({
      id: l.id,
      order_line_id: l.orderLineId,
      sku: l.sku,
      qty: l.quantity,
      attributes: l.attributes,
      allocated: held.get(l.id) ?? [],
    })),
    allocation_id: row.allocationId,
    picklist_id: row.picklistId,
    packages: shipping.packages,
    shipments: shipping.shipments,
    cancel_reason: row.cancelReason,
    cancelled_at: row.cancelledAt,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}
export type FulfillmentResource = ReturnType<typeof toResource>;

function linesByFulfillment(db: Reader, ids: string[]): Map<string, LineRow[]> {
  const byId = new Map<string, LineRow[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byId;
  const rows = db
    .select()
    .from(fulfillmentLines)
    .where(inArray(fulfillmentLines.fulfillmentId, ids))
    .orderBy(asc(fulfillmentLines.fulfillmentId), asc(fulfillmentLines.position))
    .all();
  for (const line of rows) byId.get(line.fulfillmentId)!.push(line);
  return byId;
}

export function findFulfillmentRow(db: Reader, tenantId: string, id: string): FulfillmentRow | undefined {
  return db
    .select()
    .from(fulfillments)
    .where(and(eq(fulfillments.tenantId, tenantId), eq(fulfillments.id, id)))
    .get();
}

export function getFulfillment(db: Reader, tenantId: string, id: string): FulfillmentResource | undefined {
  const row = findFulfillmentRow(db, tenantId, id);
  if (!row) return undefined;
  return toResource(
    row,
    linesByFulfillment(db, [id]).get(id)!,
    heldByLine(db, [row.allocationId]),
    shippingOf(db, tenantId, [id]).get(id)!,
  );
}

/** The full view of GET /fulfillments/{id}: the resource plus its related records and recent timeline. */
export function getFulfillmentDetail(db: Reader, tenantId: string, id: string) {
  const fulfillment = getFulfillment(db, tenantId, id);
  if (!fulfillment) return undefined;
  const recent = db
    .select()
    .from(timelineEvents)
    .where(and(eq(timelineEvents.tenantId, tenantId), eq(timelineEvents.fulfillmentId, id)))
    .orderBy(desc(timelineEvents.id))
    .limit(TIMELINE_IN_DETAIL)
    .all()
    .reverse();
  return {
    ...fulfillment,
    allocations: allocationsOfFulfillment(db, tenantId, id),
    // Filled as the task feature lands; empty means "none yet", never "unknown".
    tasks: [] as unknown[],
    timeline: recent.map(timelineEntry),
  };
}

export type FulfillmentFilters = {
  orderId?: string | undefined;
  statuses?: FulfillmentStatus[] | undefined;
  warehouseId?: string | undefined;
  createdAfter?: string | undefined;
  createdBefore?: string | undefined;
};

export function listFulfillments(
  db: Reader,
  tenantId: string,
  filters: FulfillmentFilters,
  pageRequest: { after: string | undefined; limit: number },
): FulfillmentResource[] {
  const where: SQL[] = [eq(fulfillments.tenantId, tenantId)];
  if (filters.orderId) where.push(eq(fulfillments.orderId, filters.orderId));
  if (filters.statuses?.length) where.push(inArray(fulfillments.status, filters.statuses));
  if (filters.warehouseId) where.push(eq(fulfillments.warehouseId, filters.warehouseId));
  if (filters.createdAfter) where.push(gte(fulfillments.createdAt, filters.createdAfter));
  if (filters.createdBefore) where.push(lt(fulfillments.createdAt, filters.createdBefore));
  if (pageRequest.after) where.push(gt(fulfillments.id, pageRequest.after));
  const rows = db
    .select()
    .from(fulfillments)
    .where(and(...where))
    .orderBy(asc(fulfillments.id))
    .limit(pageRequest.limit + 1)
    .all();
  const lines = linesByFulfillment(
    db,
    rows.map((r) => r.id),
  );
  const held = heldByLine(
    db,
    rows.map((r) => r.allocationId),
  );
  const shipping = shippingOf(
    db,
    tenantId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toResource(r, lines.get(r.id)!, held, shipping.get(r.id)!));
}

export function listTimeline(
  db: Reader,
  tenantId: string,
  fulfillmentId: string,
  pageRequest: { after: string | undefined; limit: number },
) {
  const where: SQL[] = [eq(timelineEvents.tenantId, tenantId), eq(timelineEvents.fulfillmentId, fulfillmentId)];
  if (pageRequest.after) where.push(gt(timelineEvents.id, pageRequest.after));
  return db
    .select()
    .from(timelineEvents)
    .where(and(...where))
    .orderBy(asc(timelineEvents.id))
    .limit(pageRequest.limit + 1)
    .all()
    .map(timelineEntry);
}

/** Which of these ids are fulfillments of the tenant (for bulk requests, checked in one query per 500). */
export function existingFulfillmentIds(db: Reader, tenantId: string, ids: string[]): Set<string> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    for (const row of db
      .select({ id: fulfillments.id })
      .from(fulfillments)
      .where(and(eq(fulfillments.tenantId, tenantId), inArray(fulfillments.id, batch)))
      .all())
      found.add(row.id);
  }
  return found;
}
