import type { TraceEventKind } from '@fulfillment/domain/traceability/traceability-schemas';
import type { Tx } from '../../db/client.ts';
import { traceEvents } from '../../db/schema/traceability.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';

export type TraceEntry = {
  kind: TraceEventKind;
  sku: string;
  lot?: string | null;
  lotId?: string | null;
  expiry?: string | null;
  serial?: string | null;
  quantity: number;
  fulfillmentId?: string | null;
  lineId?: string | null;
  allocationId?: string | null;
  packageId?: string | null;
  shipmentId?: string | null;
  returnId?: string | null;
  locationId?: string | null;
  warehouseId?: string | null;
};

/** Only units that carry a lot or a serial can be traced: the others have nothing to recall by. */
export const isTraceable = (unit: { lotId?: string | null; serial?: string | null }) =>
  Boolean(unit.lotId || unit.serial);

/**
 * Appends one movement to the traceability ledger, in the caller's transaction: the entry exists if
 * and only if the movement does. Every command that moves a lot or serial calls this.
 */
export function recordTrace(tx: Tx, actor: Actor, entry: TraceEntry): void {
  tx.insert(traceEvents)
    .values({
      id: newId('evt'),
      tenantId: actor.tenantId,
      kind: entry.kind,
      sku: entry.sku,
      lot: entry.lot ?? null,
      lotId: entry.lotId ?? null,
      expiry: entry.expiry ?? null,
      serial: entry.serial ?? null,
      quantity: entry.quantity,
      fulfillmentId: entry.fulfillmentId ?? null,
      lineId: entry.lineId ?? null,
      allocationId: entry.allocationId ?? null,
      packageId: entry.packageId ?? null,
      shipmentId: entry.shipmentId ?? null,
      returnId: entry.returnId ?? null,
      locationId: entry.locationId ?? null,
      warehouseId: entry.warehouseId ?? null,
      actorType: actor.type,
      actorId: actor.id,
      deviceId: actor.deviceId,
      workerId: actor.workerId,
      requestId: actor.requestId,
      occurredAt: actor.now.toISOString(),
    })
    .run();
}
