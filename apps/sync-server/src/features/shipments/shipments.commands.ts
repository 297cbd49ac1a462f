import { chooseRoutingRule } from '@fulfillment/domain/shipment/route-shipment';
import type { CreateShipmentInput, ShippingAddress } from '@fulfillment/domain/shipment/shipment-schemas';
import { and, eq, inArray } from 'drizzle-orm';
import type { CarrierRegistry } from '../../adapters/carriers/carrier-registry.ts';
import { SANDBOX_CONNECTOR_ID } from '../../adapters/carriers/carrier-registry.ts';
import type { Tx } from '../../db/client.ts';
import { packageItems, packages } from '../../db/schema/packing.ts';
import { shipmentPackages, shipments, type VendorDetails } from '../../db/schema/shipments.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { conflict, notFound, unprocessable } from '../../platform/problem.ts';
import { publishEvent, recordTimeline } from '../../platform/timeline.ts';
import { findFulfillmentRow } from '../fulfillments/fulfillments.queries.ts';
import { findPackageRow } from '../pack-stations/pack-stations.queries.ts';
import { requireKnownCarrier } from '../routing-rules/routing-rules.commands.ts';
import { activeRoutingRules } from '../routing-rules/routing-rules.queries.ts';
import { findWarehouseRow } from '../warehouses/warehouse-lookup.ts';
import type { ShipmentRow } from './shipments.queries.ts';

/** The service asked of the default carrier when neither the request nor a routing rule names one. */
export const DEFAULT_SERVICE_CODE = 'standard';

export type Parcel = {
  packageId: string | null;
  sscc: string;
  weightG: number;
  dimsMm: { l: number; w: number; h: number };
};

type NewShipment = {
  kind: 'outbound' | 'vendor';
  fulfillmentId: string | null;
  warehouseId: string;
  to: ShippingAddress;
  parcels: Parcel[];
  skus: string[];
  carrierHint: string | undefined;
  serviceCode: string | undefined;
  /** What routing rules match `service_levels` against when the request names no service. */
  serviceLevel: string | undefined;
  insurance: CreateShipmentInput['insurance'];
  reference: string | null;
  vendor: VendorDetails | null;
  metadata: Record<string, unknown>;
};

/** The warehouse's address as a label's sender block: the warehouse name is who it is from. */
function senderOf(tx: Tx, tenantId: string, warehouseId: string): ShippingAddress {
  const warehouse = findWarehouseRow(tx, tenantId, warehouseId);
  if (!warehouse) throw notFound('warehouse', warehouseId);
  const { line1, line2, city, region, postal_code, country } = warehouse.address;
  return {
    name: warehouse.name.slice(0, 100),
    line1,
    ...(line2 ? { line2 } : {}),
    city,
    ...(region ? { region } : {}),
    postal_code,
    country,
  };
}

/**
 * Carrier and service: the request's `carrier_hint` (with its `service_code` or the default one);
 * else the first routing rule that matches; else the sandbox with the service asked for.
 */
function routeShipment(tx: Tx, actor: Actor, carriers: CarrierRegistry | undefined, s: NewShipment) {
  if (s.carrierHint) {
    if (carriers) requireKnownCarrier(carriers, s.carrierHint, 'carrier_hint');
    return { carrier: s.carrierHint, service: s.serviceCode ?? DEFAULT_SERVICE_CODE, source: 'request' };
  }
  const rule = chooseRoutingRule(activeRoutingRules(tx, actor.tenantId), {
    skus: s.skus,
    weight_g: s.parcels.reduce((sum, p) => sum + p.weightG, 0),
    to: s.to,
    service_level: s.serviceCode ?? s.serviceLevel,
    warehouse_id: s.warehouseId,
  });
  if (rule) return { carrier: rule.carrier, service: rule.service_code, source: `routing_rule:${rule.id}` };
  return { carrier: SANDBOX_CONNECTOR_ID, service: s.serviceCode ?? DEFAULT_SERVICE_CODE, source: 'default' };
}

/** Writes a shipment and its parcels, status `label_pending`: the one way every kind of shipment is made. */
export function insertShipment(tx: Tx, actor: Actor, carriers: CarrierRegistry | undefined, s: NewShipment): string {
  const route = routeShipment(tx, actor, carriers, s);
  const id = newId('sh');
  const now = actor.now.toISOString();
  tx.insert(shipments)
    .values({
      id,
      tenantId: actor.tenantId,
      kind: s.kind,
      fulfillmentId: s.fulfillmentId,
      warehouseId: s.warehouseId,
      status: 'label_pending',
      carrier: route.carrier,
      carrierService: route.service,
      carrierSource: route.source,
      labels: {},
      fromAddress: senderOf(tx, actor.tenantId, s.warehouseId),
      toAddress: s.to,
      insurance: s.insurance ?? null,
      reference: s.reference,
      vendor: s.vendor,
      metadata: s.metadata,
      createdAt: now,
      updatedAt: now,
    })
    .run();
  tx.insert(shipmentPackages)
    .values(
      s.parcels.map((p, position) => ({
        id: newId('shp'),
        tenantId: actor.tenantId,
        shipmentId: id,
        position,
        packageId: p.packageId,
        sscc: p.sscc,
        weightG: p.weightG,
        dimsMm: p.dimsMm,
        live: true,
      })),
    )
    .run();
  const data = {
    shipment_id: id,
    kind: s.kind,
    carrier: route.carrier,
    carrier_service: route.service,
    carrier_source: route.source,
    packages: s.parcels.length,
  };
  if (s.fulfillmentId) {
    recordTimeline(tx, actor, {
      type: 'shipment.created',
      subjectType: 'shipment',
      subjectId: id,
      fulfillmentId: s.fulfillmentId,
      data,
    });
  }
  publishEvent(tx, actor, {
    type: 'shipment.created',
    subjectType: 'shipment',
    subjectId: id,
    payload: { ...data, fulfillment_id: s.fulfillmentId, status: 'label_pending' },
  });
  return id;
}

/** Sealed packages of the fulfillment that no live shipment carries yet, oldest first. */
function unshippedPackages(tx: Tx, tenantId: string, fulfillmentId: string) {
  const inFulfillment = tx
    .selectDistinct({ id: packageItems.packageId })
    .from(packageItems)
    .where(and(eq(packageItems.tenantId, tenantId), eq(packageItems.fulfillmentId, fulfillmentId)));
  const sealed = tx
    .select()
    .from(packages)
    .where(and(eq(packages.tenantId, tenantId), eq(packages.status, 'sealed'), inArray(packages.id, inFulfillment)))
    .orderBy(packages.id)
    .all();
  return sealed.filter((p) => !isOnLiveShipment(tx, tenantId, p.id));
}

function isOnLiveShipment(tx: Tx, tenantId: string, packageId: string): boolean {
  return (
    tx
      .select({ id: shipmentPackages.id })
      .from(shipmentPackages)
      .where(
        and(
          eq(shipmentPackages.tenantId, tenantId),
          eq(shipmentPackages.packageId, packageId),
          eq(shipmentPackages.live, true),
        ),
      )
      .get() !== undefined
  );
}

const SHIPPABLE = new Set(['packing', 'ready_to_ship', 'shipped']);

/**
 * A shipment of sealed packages of one fulfillment (api-design section 4). Packages are checked to be
 * sealed, the fulfillment's, of its warehouse and on no other live shipment; a weight or dimensions
 * sent must match the sealed package (it is immutable). Without packages, every sealed package not yet
 * shipped goes. Without `to_address`, the fulfillment's `ship_to`.
 */
export function createShipment(
  tx: Tx,
  actor: Actor,
  input: CreateShipmentInput,
  carriers: CarrierRegistry | undefined,
): string {
  const fulfillment = findFulfillmentRow(tx, actor.tenantId, input.fulfillment_id);
  if (!fulfillment) throw notFound('fulfillment', input.fulfillment_id);
  if (!SHIPPABLE.has(fulfillment.status)) {
    throw conflict(
      'fulfillment_not_shippable',
      `fulfillment ${fulfillment.id} is ${fulfillment.status}: only packed fulfillments ship`,
    );
  }
  const warehouseId = input.from_warehouse_id ?? fulfillment.warehouseId;
  if (!warehouseId || warehouseId !== fulfillment.warehouseId) {
    throw unprocessable('wrong_warehouse', `fulfillment ${fulfillment.id} ships from ${fulfillment.warehouseId}`, [
      { path: 'from_warehouse_id', message: `must be the fulfillment's warehouse ${fulfillment.warehouseId}` },
    ]);
  }
  const to = input.to_address ?? fulfillment.shipTo;
  if (!to) {
    throw unprocessable('address_required', `fulfillment ${fulfillment.id} has no ship_to: send to_address`, [
      { path: 'to_address', message: 'required: the fulfillment has no ship_to' },
    ]);
  }

  let rows;
  if (input.packages) {
    const seen = new Set<string>();
    rows = input.packages.map((p, i) => {
      const path = `packages[${i}]`;
      if (seen.has(p.package_id)) {
        throw unprocessable('duplicate_package', `package ${p.package_id} is listed twice`, [
          { path: `${path}.package_id`, message: 'listed twice' },
        ]);
      }
      seen.add(p.package_id);
      const row = findPackageRow(tx, actor.tenantId, p.package_id);
      if (!row || !row.fulfillmentIds.includes(fulfillment.id)) {
        throw unprocessable(
          'package_not_in_fulfillment',
          `package ${p.package_id} holds nothing of ${fulfillment.id}`,
          [{ path: `${path}.package_id`, message: 'not a package of this fulfillment' }],
        );
      }
      if (row.status !== 'sealed') throw conflict('package_not_sealed', `package ${row.id} is not sealed yet`);
      if (isOnLiveShipment(tx, actor.tenantId, row.id)) {
        throw conflict('package_already_shipped', `package ${row.id} is on another shipment`);
      }
      const dims = p.dimensions;
      if (
        (p.weight !== undefined && p.weight !== row.weightG) ||
        (dims && (dims.l !== row.dimsMm.l || dims.w !== row.dimsMm.w || dims.h !== row.dimsMm.h))
      ) {
        throw unprocessable('package_mismatch', `package ${row.id} was sealed with other weight or dimensions`, [
          { path, message: `sealed as ${row.weightG} g, ${row.dimsMm.l}x${row.dimsMm.w}x${row.dimsMm.h} mm` },
        ]);
      }
      return row;
    });
  } else {
    rows = unshippedPackages(tx, actor.tenantId, fulfillment.id);
    if (rows.length === 0) {
      throw conflict('no_packages_to_ship', `fulfillment ${fulfillment.id} has no sealed package left to ship`);
    }
  }
  const skus = tx
    .selectDistinct({ sku: packageItems.sku })
    .from(packageItems)
    .where(
      inArray(
        packageItems.packageId,
        rows.map((r) => r.id),
      ),
    )
    .all()
    .map((r) => r.sku);
  const serviceLevel = fulfillment.metadata.service_level;
  return insertShipment(tx, actor, carriers, {
    kind: 'outbound',
    fulfillmentId: fulfillment.id,
    warehouseId,
    to,
    parcels: rows.map((r) => ({ packageId: r.id, sscc: r.sscc!, weightG: r.weightG, dimsMm: r.dimsMm })),
    skus,
    carrierHint: input.carrier_hint,
    serviceCode: input.service_code,
    serviceLevel: typeof serviceLevel === 'string' ? serviceLevel : undefined,
    insurance: input.insurance,
    reference: input.reference ?? fulfillment.orderId,
    vendor: null,
    metadata: input.metadata ?? {},
  });
}

/** Bumps version and updated_at with the change: every shipment write goes through here. */
export function updateShipment(tx: Tx, actor: Actor, row: ShipmentRow, set: Partial<typeof shipments.$inferInsert>) {
  tx.update(shipments)
    .set({ ...set, version: row.version + 1, updatedAt: actor.now.toISOString() })
    .where(and(eq(shipments.tenantId, actor.tenantId), eq(shipments.id, row.id)))
    .run();
}

/** Timeline (when the shipment belongs to a fulfillment) and outbox event of a shipment change. */
export function recordShipmentEvent(
  tx: Tx,
  actor: Actor,
  row: ShipmentRow,
  type: string,
  data: Record<string, unknown>,
): void {
  if (row.fulfillmentId) {
    recordTimeline(tx, actor, {
      type,
      subjectType: 'shipment',
      subjectId: row.id,
      fulfillmentId: row.fulfillmentId,
      data: { shipment_id: row.id, ...data },
    });
  }
  publishEvent(tx, actor, {
    type,
    subjectType: 'shipment',
    subjectId: row.id,
    payload: { shipment_id: row.id, fulfillment_id: row.fulfillmentId, ...data },
  });
}

/** A cancelled shipment lets its packages go on another one, and their label is owed again. */
export function releaseParcels(tx: Tx, actor: Actor, shipmentId: string): void {
  const held = tx
    .select({ packageId: shipmentPackages.packageId })
    .from(shipmentPackages)
    .where(eq(shipmentPackages.shipmentId, shipmentId))
    .all()
    .flatMap((r) => (r.packageId ? [r.packageId] : []));
  tx.update(shipmentPackages).set({ live: false }).where(eq(shipmentPackages.shipmentId, shipmentId)).run();
  if (held.length) {
    tx.update(packages)
      .set({ labelStatus: 'pending', updatedAt: actor.now.toISOString() })
      .where(and(eq(packages.tenantId, actor.tenantId), inArray(packages.id, held)))
      .run();
  }
}
