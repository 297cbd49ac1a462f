import { toGtin14 } from '@fulfillment/domain/barcode/check-digit';
import { and, asc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { fulfillmentLines, fulfillments } from '../../db/schema/fulfillments.ts';
import { packageItems } from '../../db/schema/packing.ts';
import { pickedLinesOf } from './pack-stations.queries.ts';

type Reader = Db | Tx;
type PageRequest = { after: string | undefined; limit: number };
type Dims = { l: number; w: number; h: number };

/** Only these can be packed (packItems refuses the rest). */
export const PACKABLE_STATUSES = ['picked', 'packing'] as const;
type PackableStatus = (typeof PACKABLE_STATUSES)[number];

/** Item barcodes that count as the line's SKU: `attributes.gtin` / `attributes.gtins`, as GTIN-14 (as picking reads them). */
function gtinsOf(attributes: Record<string, unknown>): string[] {
  const given = [attributes.gtin, ...(Array.isArray(attributes.gtins) ? attributes.gtins : [])];
  return [...new Set(given.flatMap((g) => (typeof g === 'string' && toGtin14(g) ? [toGtin14(g)!] : [])))];
}

const positiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** `attributes.dims_mm` ({l, w, h} in whole mm) when well formed: what cartonization needs per unit. */
function dimsOf(attributes: Record<string, unknown>): Dims | null {
  const d = attributes.dims_mm;
  if (typeof d !== 'object' || d === null) return null;
  const { l, w, h } = d as Record<string, unknown>;
  return positiveInt(l) && positiveInt(w) && positiveInt(h) ? { l, w, h } : null;
}

function weightOf(attributes: Record<string, unknown>): number | null {
  const g = attributes.weight_g;
  return typeof g === 'number' && Number.isInteger(g) && g >= 0 ? g : null;
}

/**
 * The fulfillments waiting at a warehouse's pack stations (picked or being packed), oldest first,
 * each with what was picked per line and is not yet in a package: everything a pack station needs
 * to check a package on its own (checkPackContents) and suggest a box (cartonize), offline.
 */
export function listPackQueue(db: Reader, tenantId: string, warehouseId: string, pageRequest: PageRequest) {
  const where: SQL[] = [
    eq(fulfillments.tenantId, tenantId),
    eq(fulfillments.warehouseId, warehouseId),
    inArray(fulfillments.status, [...PACKABLE_STATUSES]),
  ];
  if (pageRequest.after) where.push(gt(fulfillments.id, pageRequest.after));
  const rows = db
    .select({
      id: fulfillments.id,
      orderId: fulfillments.orderId,
      status: fulfillments.status,
      picklistId: fulfillments.picklistId,
    })
    .from(fulfillments)
    .where(and(...where))
    .orderBy(asc(fulfillments.id))
    .limit(pageRequest.limit + 1)
    .all();
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const picked = pickedLinesOf(db, tenantId, ids);
  const attributes = new Map(
    db
      .select({ id: fulfillmentLines.id, attributes: fulfillmentLines.attributes })
      .from(fulfillmentLines)
      .where(and(eq(fulfillmentLines.tenantId, tenantId), inArray(fulfillmentLines.fulfillmentId, ids)))
      .all()
      .map((l) => [l.id, l.attributes]),
  );
  const packagesOf = new Map<string, Set<string>>();
  for (const p of db
    .select({ fulfillmentId: packageItems.fulfillmentId, packageId: packageItems.packageId })
    .from(packageItems)
    .where(and(eq(packageItems.tenantId, tenantId), inArray(packageItems.fulfillmentId, ids)))
    .orderBy(asc(packageItems.packageId))
    .all()) {
    packagesOf.set(p.fulfillmentId, (packagesOf.get(p.fulfillmentId) ?? new Set()).add(p.packageId));
  }
  return rows.map((row) => ({
    id: row.id,
    entry: {
      fulfillment_id: row.id,
      order_id: row.orderId,
      // The query only reads these.
      status: row.status as PackableStatus,
      warehouse_id: warehouseId,
      picklist_id: row.picklistId,
      package_ids: [...(packagesOf.get(row.id) ?? [])],
      lines: picked
        .filter((l) => l.fulfillment_id === row.id)
        .map((l) => {
          const attrs = attributes.get(l.line_id) ?? {};
          return {
            line_id: l.line_id,
            order_line_id: l.order_line_id,
            sku: l.sku,
            picked_qty: l.pickedQty,
            packed_qty: l.packed_qty ?? 0,
            qty: l.qty,
            serials: [...l.serials],
            gtins: gtinsOf(attrs),
            dims_mm: dimsOf(attrs),
            weight_g: weightOf(attrs),
          };
        }),
    },
  }));
}
