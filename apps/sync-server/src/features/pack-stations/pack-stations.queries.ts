import type { PickedLine } from '@fulfillment/domain/packing/check-pack-contents';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { fulfillmentLines } from '../../db/schema/fulfillments.ts';
import { packageItems, packages, packSessions } from '../../db/schema/packing.ts';
import { pickTasks } from '../../db/schema/picklists.ts';

type Reader = Db | Tx;
export type PackageRow = typeof packages.$inferSelect;
export type PackSessionRow = typeof packSessions.$inferSelect;

export function findOpenSession(db: Reader, tenantId: string, stationId: string): PackSessionRow | undefined {
  return db
    .select()
    .from(packSessions)
    .where(
      and(eq(packSessions.tenantId, tenantId), eq(packSessions.stationId, stationId), isNull(packSessions.closedAt)),
    )
    .get();
}

export function toPackSession(row: PackSessionRow) {
  return {
    session_id: row.id,
    station_id: row.stationId,
    warehouse_id: row.warehouseId,
    worker_id: row.workerId,
    device_id: row.deviceId,
    status: row.closedAt ? ('closed' as const) : ('open' as const),
    opened_at: row.openedAt,
    closed_at: row.closedAt,
  };
}

export function findPackageRow(db: Reader, tenantId: string, id: string): PackageRow | undefined {
  return db
    .select()
    .from(packages)
    .where(and(eq(packages.tenantId, tenantId), eq(packages.id, id)))
    .get();
}

export function getPackage(db: Reader, tenantId: string, id: string) {
  const row = findPackageRow(db, tenantId, id);
  if (!row) return undefined;
  const items = db
    .select()
    .from(packageItems)
    .where(eq(packageItems.packageId, id))
    .orderBy(asc(packageItems.id))
    .all();
  return {
    id: row.id,
    station_id: row.stationId,
    session_id: row.sessionId,
    warehouse_id: row.warehouseId,
    fulfillment_ids: row.fulfillmentIds,
    weight_g: row.weightG,
    dims_mm: row.dimsMm,
    packaging_profile_id: row.packagingProfileId,
    status: row.status,
    sscc: row.sscc,
    label_status: row.labelStatus,
    sealed_at: row.sealedAt,
    items: items.map((i) => ({
      fulfillment_id: i.fulfillmentId,
      line_id: i.lineId,
      sku: i.sku,
      qty: i.qty,
      serials: i.serials,
    })),
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}

export type PickedLineDetail = PickedLine & {
  /** Everything picked for the line, packed or not. */
  pickedQty: number;
  /** The lot the line was picked from, when exactly one. */
  lot: { lotId: string | null; lot: string | null; expiry: string | null } | null;
};

/**
 * Picked quantity and picked serials per fulfillment line (from the pick tasks), less what packages
 * already hold: what a pack station may still put in a package.
 */
export function pickedLinesOf(db: Reader, tenantId: string, fulfillmentIds: string[]): PickedLineDetail[] {
  if (fulfillmentIds.length === 0) return [];
  const lines = db
    .select()
    .from(fulfillmentLines)
    .where(and(eq(fulfillmentLines.tenantId, tenantId), inArray(fulfillmentLines.fulfillmentId, fulfillmentIds)))
    .orderBy(asc(fulfillmentLines.fulfillmentId), asc(fulfillmentLines.position))
    .all();
  const tasks = db
    .select()
    .from(pickTasks)
    .where(and(eq(pickTasks.tenantId, tenantId), inArray(pickTasks.fulfillmentId, fulfillmentIds)))
    .all();
  const packed = packedOf(db, tenantId, fulfillmentIds, false);
  return lines.map((line) => {
    const own = tasks.filter((t) => t.fulfillmentLineId === line.id && t.qtyPicked > 0);
    const pickedQty = own.reduce((n, t) => n + t.qtyPicked, 0);
    const serials = [...new Set(own.flatMap((t) => t.serials))];
    const done = packed.get(line.id) ?? { qty: 0, serials: [] };
    const lots = [...new Set(own.map((t) => t.lotId ?? t.lot).filter(Boolean))];
    const lotTask = own.find((t) => t.lotId || t.lot);
    return {
      fulfillment_id: line.fulfillmentId,
      line_id: line.id,
      order_line_id: line.orderLineId,
      sku: line.sku,
      qty: Math.max(0, pickedQty - done.qty),
      serials: serials.filter((s) => !done.serials.includes(s)),
      packed_qty: done.qty,
      pickedQty,
      lot: lots.length === 1 && lotTask ? { lotId: lotTask.lotId, lot: lotTask.lot, expiry: lotTask.expiry } : null,
    };
  });
}

/** Units and serials in packages per fulfillment line id; only sealed packages when `sealedOnly`. */
export function packedOf(db: Reader, tenantId: string, fulfillmentIds: string[], sealedOnly: boolean) {
  const rows = db
    .select({ lineId: packageItems.lineId, qty: packageItems.qty, serials: packageItems.serials })
    .from(packageItems)
    .innerJoin(packages, eq(packages.id, packageItems.packageId))
    .where(
      and(
        eq(packageItems.tenantId, tenantId),
        inArray(packageItems.fulfillmentId, fulfillmentIds),
        sealedOnly ? eq(packages.status, 'sealed') : undefined,
      ),
    )
    .all();
  const out = new Map<string, { qty: number; serials: string[] }>();
  for (const r of rows) {
    const cur = out.get(r.lineId) ?? { qty: 0, serials: [] };
    out.set(r.lineId, { qty: cur.qty + r.qty, serials: [...cur.serials, ...r.serials] });
  }
  return out;
}
