import { parseLocationCode } from '@fulfillment/domain/warehouse/location-code';
import type {
  CreateLocationsInput,
  CreateZoneInput,
  ZoneLocationInput,
} from '@fulfillment/domain/warehouse/zone-schemas';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { locations, zones } from '../../db/schema/warehouses.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { recordTimeline } from '../../platform/timeline.ts';
import { badReference, taken } from './warehouse-problems.ts';
import { requireWarehouse } from './warehouses.queries.ts';

type NewLocation = { zoneId: string; input: ZoneLocationInput; path: string };

/**
 * Checked before inserting so that a clash is a 409 naming the field, not a constraint error:
 * codes are unique in the warehouse, barcodes among the tenant's live bins (a scan must name one bin).
 */
function checkLocationClashes(tx: Tx, actor: Actor, warehouseId: string, items: NewLocation[]) {
  const codeOwners = new Map(
    tx
      .select({ code: locations.code, id: locations.id })
      .from(locations)
      .where(
        and(
          eq(locations.warehouseId, warehouseId),
          inArray(
            locations.code,
            items.map((i) => i.input.code),
          ),
        ),
      )
      .all()
      .map((r) => [r.code, r.id]),
  );
  const codeErrors = items.flatMap((i) => {
    const owner = codeOwners.get(i.input.code);
    return owner
      ? [{ path: `${i.path}.code`, message: `${i.input.code} is already the code of location ${owner}` }]
      : [];
  });
  if (codeErrors.length) throw taken('location_code_taken', codeErrors);

  const barcodeOf = (i: NewLocation) => i.input.barcode ?? i.input.code;
  const barcodeOwners = new Map(
    tx
      .select({ barcode: locations.barcode, id: locations.id })
      .from(locations)
      .where(
        and(
          eq(locations.tenantId, actor.tenantId),
          isNull(locations.deletedAt),
          inArray(locations.barcode, items.map(barcodeOf)),
        ),
      )
      .all()
      .map((r) => [r.barcode, r.id]),
  );
  const barcodeErrors = items.flatMap((i) => {
    const owner = barcodeOwners.get(barcodeOf(i));
    return owner
      ? [{ path: `${i.path}.barcode`, message: `${barcodeOf(i)} is already the barcode of location ${owner}` }]
      : [];
  });
  if (barcodeErrors.length) throw taken('location_barcode_taken', barcodeErrors);
}

function insertLocations(tx: Tx, actor: Actor, warehouseId: string, items: NewLocation[]): string[] {
  if (items.length === 0) return [];
  checkLocationClashes(tx, actor, warehouseId, items);
  const now = actor.now.toISOString();
  const rows = items.map(({ zoneId, input }) => {
    const parts = parseLocationCode(input.code);
    return {
      id: newId('loc'),
      tenantId: actor.tenantId,
      warehouseId,
      zoneId,
      code: input.code,
      barcode: input.barcode ?? input.code,
      type: input.type ?? 'bin',
      aisle: input.aisle ?? parts?.aisle ?? null,
      bay: input.bay ?? parts?.bay ?? null,
      level: input.level ?? parts?.level ?? null,
      position: input.position ?? parts?.position ?? null,
      metadata: input.metadata ?? {},
      createdAt: now,
      updatedAt: now,
    };
  });
  tx.insert(locations).values(rows).run();
  return rows.map((r) => r.id);
}

/** Adds a zone (and its bins) to a warehouse already known to exist; `path` prefixes error paths. */
export function insertZone(tx: Tx, actor: Actor, warehouseId: string, input: CreateZoneInput, path = ''): string {
  const clash = tx
    .select({ id: zones.id })
    .from(zones)
    .where(and(eq(zones.warehouseId, warehouseId), eq(zones.code, input.code)))
    .get();
  if (clash)
    throw taken('zone_code_taken', [
      { path: `${path}code`, message: `${input.code} is already the code of zone ${clash.id}` },
    ]);

  const id = newId('zone');
  const now = actor.now.toISOString();
  tx.insert(zones)
    .values({
      id,
      tenantId: actor.tenantId,
      warehouseId,
      code: input.code,
      name: input.name,
      type: input.type,
      pickSequence: input.pick_sequence ?? 0,
      metadata: input.metadata ?? {},
      createdAt: now,
      updatedAt: now,
    })
    .run();
  const bins = (input.locations ?? []).map((l, i) => ({ zoneId: id, input: l, path: `${path}locations[${i}]` }));
  const locationIds = insertLocations(tx, actor, warehouseId, bins);
  const data = { warehouse_id: warehouseId, code: input.code, type: input.type, locations: locationIds.length };
  recordTimeline(tx, actor, { type: 'zone.created', subjectType: 'zone', subjectId: id, data });
  return id;
}

export function createZone(tx: Tx, actor: Actor, warehouseId: string, input: CreateZoneInput): string {
  requireWarehouse(tx, actor.tenantId, warehouseId);
  return insertZone(tx, actor, warehouseId, input);
}

/** Bulk-adds bins to zones of one warehouse: all of them or, on any clash, none. */
export function createLocations(tx: Tx, actor: Actor, warehouseId: string, input: CreateLocationsInput): string[] {
  requireWarehouse(tx, actor.tenantId, warehouseId);
  const zoneIds = [...new Set(input.locations.map((l) => l.zone_id))];
  const known = new Set(
    tx
      .select({ id: zones.id })
      .from(zones)
      .where(and(eq(zones.tenantId, actor.tenantId), eq(zones.warehouseId, warehouseId), inArray(zones.id, zoneIds)))
      .all()
      .map((z) => z.id),
  );
  const unknown = input.locations.flatMap((l, i) =>
    known.has(l.zone_id)
      ? []
      : [{ path: `locations[${i}].zone_id`, message: `${l.zone_id} is not a zone of warehouse ${warehouseId}` }],
  );
  if (unknown.length) throw badReference('zone_not_found', unknown);

  const ids = insertLocations(
    tx,
    actor,
    warehouseId,
    input.locations.map(({ zone_id, ...l }, i) => ({ zoneId: zone_id, input: l, path: `locations[${i}]` })),
  );
  recordTimeline(tx, actor, {
    type: 'locations.created',
    subjectType: 'warehouse',
    subjectId: warehouseId,
    data: { count: ids.length, zone_ids: zoneIds, location_ids: ids },
  });
  return ids;
}
