import type { CreateVendorShipmentInput } from '@fulfillment/domain/shipment/shipment-schemas';
import type { CarrierRegistry } from '../../adapters/carriers/carrier-registry.ts';
import type { Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/context.ts';
import { allocateSscc } from '../pack-stations/sscc-allocation.ts';
import { insertShipment } from '../shipments/shipments.commands.ts';
import { requireActiveWarehouseRef } from '../warehouses/warehouse-lookup.ts';

/**
 * A shipment to a supplier (section 11): returns to vendor, repairs, transfers. Its parcels were
 * packed outside the pack stations, so each gets its SSCC here; from then on it is a shipment like
 * any other (label, book, manifest, pickup, tracking, ASN), marked `kind: vendor` with the RMA/ASN
 * reference printed as the label reference.
 */
export function createVendorShipment(
  tx: Tx,
  actor: Actor,
  input: CreateVendorShipmentInput,
  carriers: CarrierRegistry,
): string {
  requireActiveWarehouseRef(tx, actor.tenantId, input.from_warehouse_id, 'from_warehouse_id');
  return insertShipment(tx, actor, carriers, {
    kind: 'vendor',
    fulfillmentId: null,
    warehouseId: input.from_warehouse_id,
    to: input.to_address,
    parcels: input.packages.map((p) => ({
      packageId: null,
      sscc: allocateSscc(tx, actor.tenantId).sscc,
      weightG: p.weight,
      dimsMm: p.dimensions,
    })),
    skus: [...new Set(input.lines.map((l) => l.sku))],
    carrierHint: input.carrier_hint,
    serviceCode: input.service_code,
    serviceLevel: undefined,
    insurance: undefined,
    reference: input.rma_reference ?? input.asn_reference ?? null,
    vendor: {
      vendor_id: input.vendor_id,
      reason: input.reason,
      rma_reference: input.rma_reference ?? null,
      asn_reference: input.asn_reference ?? null,
      lines: input.lines,
    },
    metadata: input.metadata ?? {},
  });
}
