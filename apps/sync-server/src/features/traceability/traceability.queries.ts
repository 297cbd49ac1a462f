import { and, asc, eq, gt, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client.ts';
import { traceEvents } from '../../db/schema/traceability.ts';

type TraceRow = typeof traceEvents.$inferSelect;

/** The summary lists stop here (a recall of a lot sold for years); the events page on without limit. */
export const MAX_SUMMARY_IDS = 1000;

export type TraceSubject = { serial?: string | undefined; lot?: string | undefined; sku?: string | undefined };

export function traceEventEntry(e: TraceRow) {
  return {
    id: e.id,
    kind: e.kind,
    occurred_at: e.occurredAt,
    sku: e.sku,
    lot: e.lot,
    lot_id: e.lotId,
    expiry: e.expiry,
    serial: e.serial,
    quantity: e.quantity,
    fulfillment_id: e.fulfillmentId,
    line_id: e.lineId,
    allocation_id: e.allocationId,
    package_id: e.packageId,
    shipment_id: e.shipmentId,
    return_id: e.returnId,
    location_id: e.locationId,
    warehouse_id: e.warehouseId,
    actor: { type: e.actorType, id: e.actorId },
    device_id: e.deviceId,
    worker_id: e.workerId,
    request_id: e.requestId,
  };
}

function subjectFilter(tenantId: string, q: TraceSubject): SQL {
  return and(
    eq(traceEvents.tenantId, tenantId),
    q.serial !== undefined ? eq(traceEvents.serial, q.serial) : eq(traceEvents.lot, q.lot!),
    q.sku !== undefined ? eq(traceEvents.sku, q.sku) : undefined,
  )!;
}

/**
 * One page of a serial's or lot's chain, in the order it was recorded (by event id, a ULID made in the
 * recording transaction), so a cursor never skips nor repeats an event. `limit + 1` rows come back.
 */
export function traceEventsPage(
  db: Db,
  tenantId: string,
  q: TraceSubject,
  page: { after: string | undefined; limit: number },
) {
  return db
    .select()
    .from(traceEvents)
    .where(and(subjectFilter(tenantId, q), page.after ? gt(traceEvents.id, page.after) : undefined))
    .orderBy(asc(traceEvents.id))
    .limit(page.limit + 1)
    .all();
}

/** The distinct values of a column over the whole chain, in order of first appearance, capped. */
function firstSeen(db: Db, tenantId: string, q: TraceSubject, column: SQLiteColumn) {
  const first = sql`min(${traceEvents.id})`;
  const rows = db
    .select({ value: sql<string>`${column}` })
    .from(traceEvents)
    .where(and(subjectFilter(tenantId, q), isNotNull(column)))
    .groupBy(column)
    .orderBy(first)
    .limit(MAX_SUMMARY_IDS + 1)
    .all();
  return { ids: rows.slice(0, MAX_SUMMARY_IDS).map((r) => r.value), truncated: rows.length > MAX_SUMMARY_IDS };
}

/** What a recall needs first: every fulfillment and shipment the serial or lot went into. */
export function traceSummary(db: Db, tenantId: string, q: TraceSubject) {
  const fulfillmentIds = firstSeen(db, tenantId, q, traceEvents.fulfillmentId);
  const shipmentIds = firstSeen(db, tenantId, q, traceEvents.shipmentId);
  return {
    fulfillment_ids: fulfillmentIds.ids,
    shipment_ids: shipmentIds.ids,
    ids_truncated: fulfillmentIds.truncated || shipmentIds.truncated,
  };
}
