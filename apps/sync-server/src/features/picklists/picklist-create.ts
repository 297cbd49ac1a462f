import { toGtin14 } from '@fulfillment/domain/barcode/check-digit';
import { sortByPickPath } from '@fulfillment/domain/picklist/pick-path';
import type { CreatePicklistInput } from '@fulfillment/domain/picklist/picklist-schemas';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { allocationLines } from '../../db/schema/allocations.ts';
import { fulfillmentLines } from '../../db/schema/fulfillments.ts';
import { picklistFulfillments, picklists, pickTasks } from '../../db/schema/picklists.ts';
import { locations, zones } from '../../db/schema/warehouses.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { type FieldError, unprocessable } from '../../platform/problem.ts';
import { allocationUnitsOf, findActiveAllocation } from '../allocations/allocations.queries.ts';
import { moveFulfillment } from '../fulfillments/fulfillments.commands.ts';
import { findFulfillmentRow } from '../fulfillments/fulfillments.queries.ts';
import { requireActiveWarehouseRef } from '../warehouses/warehouse-lookup.ts';
import { picklistChanged } from './picklist-events.ts';
import { findPicklistRow } from './picklists.queries.ts';

/** More than this is not one walk: split the wave. */
export const MAX_TASKS_PER_PICKLIST = 5000;
const INSERT_CHUNK = 500;

type Unit = ReturnType<typeof allocationUnitsOf>[number];

/** Item barcodes that count as the line's SKU: `attributes.gtin` / `attributes.gtins`, as GTIN-14. */
function gtinsOf(attributes: Record<string, unknown>): string[] {
  const given = [attributes.gtin, ...(Array.isArray(attributes.gtins) ? attributes.gtins : [])];
  const valid = given.flatMap((g) => (typeof g === 'string' && toGtin14(g) ? [toGtin14(g)!] : []));
  return [...new Set(valid)];
}

function binsOf(tx: Tx, tenantId: string, warehouseId: string, ids: string[]) {
  const rows = tx
    .select({
      id: locations.id,
      code: locations.code,
      barcode: locations.barcode,
      aisle: locations.aisle,
      bay: locations.bay,
      level: locations.level,
      position: locations.position,
      zoneCode: zones.code,
      zoneSequence: zones.pickSequence,
    })
    .from(locations)
    .innerJoin(zones, eq(zones.id, locations.zoneId))
    .where(and(eq(locations.tenantId, tenantId), eq(locations.warehouseId, warehouseId), inArray(locations.id, ids)))
    .all();
  // (an empty `ids` selects nothing: drizzle renders `in ()` as false)
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Checks every fulfillment, naming each that cannot be picked here: it must be of this warehouse,
 * `allocated`, and hold a fully `allocated` allocation of stock in this warehouse.
 */
function pickableAllocations(tx: Tx, actor: Actor, input: CreatePicklistInput) {
  const errors: FieldError[] = [];
  const found: { fulfillmentId: string; allocationId: string; units: Unit[] }[] = [];
  input.fulfillment_ids.forEach((id, i) => {
    const refuse = (message: string) => errors.push({ path: `fulfillment_ids[${i}]`, message: `${id} ${message}` });
    const fulfillment = findFulfillmentRow(tx, actor.tenantId, id);
    if (!fulfillment) return refuse('does not exist');
    if (fulfillment.warehouseId !== input.warehouse_id)
      return refuse(`ships from ${fulfillment.warehouseId ?? 'no warehouse'}, not ${input.warehouse_id}`);
    if (fulfillment.status !== 'allocated') return refuse(`is ${fulfillment.status}, not allocated`);
    const allocation = findActiveAllocation(tx, actor.tenantId, id);
    if (!allocation || allocation.status !== 'allocated')
      return refuse(`holds no fully allocated allocation (${allocation?.status ?? 'none'})`);
    const units = allocationUnitsOf(tx, [allocation.id]).filter((u) => u.quantity > u.picked);
    const elsewhere = units.find((u) => u.warehouseId !== input.warehouse_id);
    if (elsewhere) return refuse(`has stock reserved in warehouse ${elsewhere.warehouseId}`);
    found.push({ fulfillmentId: id, allocationId: allocation.id, units });
  });
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    throw unprocessable('fulfillments_not_pickable', `${errors[0]!.message}${more}`, errors);
  }
  return found;
}

/**
 * `POST /picklists`: one task per reserved allocation unit (bin, lot, serial, quantity), ordered along
 * the pick path; the fulfillments move to `picking` and point at the picklist. Returns the new id.
 */
export function createPicklist(tx: Tx, actor: Actor, input: CreatePicklistInput): string {
  requireActiveWarehouseRef(tx, actor.tenantId, input.warehouse_id, 'warehouse_id');
  const found = pickableAllocations(tx, actor, input);
  const units = found.flatMap((f, position) =>
    f.units.map((unit) => ({ unit, position, fulfillmentId: f.fulfillmentId })),
  );
  if (units.length > MAX_TASKS_PER_PICKLIST) {
    throw unprocessable(
      'picklist_too_large',
      `${units.length} tasks: a picklist holds at most ${MAX_TASKS_PER_PICKLIST}; split the fulfillments into more waves`,
    );
  }
  const bins = binsOf(tx, actor.tenantId, input.warehouse_id, [...new Set(units.map((u) => u.unit.locationId))]);
  const missing = units.find((u) => !bins.has(u.unit.locationId));
  if (missing) {
    throw unprocessable(
      'fulfillments_not_pickable',
      `${missing.fulfillmentId} has stock reserved at ${missing.unit.locationId}, which is no bin of this warehouse`,
      [{ path: `fulfillment_ids[${missing.position}]`, message: 'reserved at an unknown bin' }],
    );
  }
  const allocationIds = found.map((f) => f.allocationId);
  const skus = new Map(
    tx
      .select({ lineId: allocationLines.fulfillmentLineId, sku: allocationLines.sku })
      .from(allocationLines)
      .where(inArray(allocationLines.allocationId, allocationIds))
      .all()
      .map((l) => [l.lineId, l.sku]),
  );
  const attributes = new Map(
    tx
      .select({ id: fulfillmentLines.id, attributes: fulfillmentLines.attributes })
      .from(fulfillmentLines)
      .where(
        inArray(
          fulfillmentLines.fulfillmentId,
          found.map((f) => f.fulfillmentId),
        ),
      )
      .all()
      .map((l) => [l.id, l.attributes]),
  );

  const ordered = sortByPickPath(
    units,
    ({ unit }) => {
      const bin = bins.get(unit.locationId)!;
      return {
        zone_sequence: bin.zoneSequence,
        aisle: bin.aisle,
        bay: bin.bay,
        level: bin.level,
        position: bin.position,
        location_code: bin.code,
        sku: skus.get(unit.fulfillmentLineId) ?? '',
      };
    },
    ({ unit, position }) => `${String(position).padStart(4, '0')}|${unit.id}`,
  );

  const id = newId('pick');
  const now = actor.now.toISOString();
  tx.insert(picklists)
    .values({
      id,
      tenantId: actor.tenantId,
      warehouseId: input.warehouse_id,
      status: 'draft',
      priority: input.priority,
      pickerGroup: input.picker_group ?? null,
      inventoryStatus: 'not_due',
      metadata: input.metadata ?? {},
      createdAt: now,
      updatedAt: now,
    })
    .run();
  tx.insert(picklistFulfillments)
    .values(
      found.map((f, position) => ({
        picklistId: id,
        fulfillmentId: f.fulfillmentId,
        allocationId: f.allocationId,
        position,
      })),
    )
    .run();
  const tasks = ordered.map(({ unit, fulfillmentId }, i) => {
    const bin = bins.get(unit.locationId)!;
    const attrs = attributes.get(unit.fulfillmentLineId) ?? {};
    return {
      id: newId('task'),
      tenantId: actor.tenantId,
      picklistId: id,
      sequence: i + 1,
      locationId: unit.locationId,
      locationCode: bin.code,
      locationBarcode: bin.barcode,
      zoneCode: bin.zoneCode,
      sku: skus.get(unit.fulfillmentLineId) ?? '',
      gtins: gtinsOf(attrs),
      fulfillmentId,
      fulfillmentLineId: unit.fulfillmentLineId,
      allocationId: unit.allocationId,
      allocationUnitId: unit.id,
      lotId: unit.lotId,
      lot: unit.lot,
      expiry: unit.expiry,
      serial: unit.serial,
      serialRequired: unit.serial !== null || attrs.serial_required === true,
      qtyRequired: unit.quantity - unit.picked,
      status: 'open' as const,
      serials: [],
    };
  });
  for (let i = 0; i < tasks.length; i += INSERT_CHUNK)
    tx.insert(pickTasks)
      .values(tasks.slice(i, i + INSERT_CHUNK))
      .run();
  for (const f of found) moveFulfillment(tx, actor, f.fulfillmentId, 'picking', { picklistId: id });
  picklistChanged(tx, actor, findPicklistRow(tx, actor.tenantId, id)!, {
    type: 'picklist.created',
    bump: false,
    data: { fulfillment_ids: input.fulfillment_ids, tasks: tasks.length, priority: input.priority },
  });
  return id;
}
