import type { ConsumeLotInput } from '@fulfillment/domain/traceability/traceability-schemas';
import { and, eq, sum } from 'drizzle-orm';
import type { Lot } from '../../adapters/inventory/inventory-service.ts';
import type { Tx } from '../../db/client.ts';
import { lotConsumptions } from '../../db/schema/traceability.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { unprocessable } from '../../platform/problem.ts';
import { publishEvent, recordTimeline } from '../../platform/timeline.ts';
import { recordTrace } from './trace-ledger.ts';
import { requireOpenLine, reservedUnitOf } from './traceability-lines.ts';

function consumedOnLine(tx: Tx, tenantId: string, lineId: string): number {
  const row = tx
    .select({ total: sum(lotConsumptions.quantity).mapWith(Number) })
    .from(lotConsumptions)
    .where(and(eq(lotConsumptions.tenantId, tenantId), eq(lotConsumptions.lineId, lineId)))
    .get();
  return row?.total ?? 0;
}

/**
 * Records that `qty` of a lot the Inventory Service vouched for (known, not recalled, not expired)
 * went into a line. The fulfillment and line are checked again here: they may have changed while the
 * Inventory Service was being asked.
 */
export function recordLotConsumption(tx: Tx, actor: Actor, input: ConsumeLotInput, lot: Lot) {
  const { fulfillment, line } = requireOpenLine(tx, actor, input.fulfillment_id, input.line_id);
  const consumed = consumedOnLine(tx, actor.tenantId, line.id);
  if (consumed + input.qty > line.quantity) {
    throw unprocessable(
      'lot_qty_exceeded',
      `line ${line.id} has ${line.quantity} units and ${consumed} already consumed from lots: ${input.qty} more is too many`,
      [{ path: 'qty', message: `at most ${line.quantity - consumed}` }],
    );
  }
  const id = newId('lc');
  const now = actor.now.toISOString();
  tx.insert(lotConsumptions)
    .values({
      id,
      tenantId: actor.tenantId,
      fulfillmentId: fulfillment.id,
      lineId: line.id,
      sku: line.sku,
      lot: lot.lot,
      lotId: lot.lot_id,
      expiry: lot.expiry,
      quantity: input.qty,
      consumedAt: now,
      actorType: actor.type,
      actorId: actor.id,
      deviceId: actor.deviceId,
      requestId: actor.requestId,
    })
    .run();
  // Where it was taken from, when this lot was reserved for the line; otherwise only the warehouse is known.
  const unit = reservedUnitOf(tx, actor.tenantId, fulfillment.id, line.id, { lotId: lot.lot_id });
  recordTrace(tx, actor, {
    kind: 'lot_consumed',
    sku: line.sku,
    lot: lot.lot,
    lotId: lot.lot_id,
    expiry: lot.expiry,
    quantity: input.qty,
    fulfillmentId: fulfillment.id,
    lineId: line.id,
    allocationId: unit?.allocationId ?? fulfillment.allocationId,
    locationId: unit?.locationId,
    warehouseId: unit?.warehouseId ?? fulfillment.warehouseId,
  });
  const data = {
    line_id: line.id,
    sku: line.sku,
    lot: lot.lot,
    lot_id: lot.lot_id,
    expiry: lot.expiry,
    qty: input.qty,
  };
  recordTimeline(tx, actor, {
    type: 'lot.consumed',
    subjectType: 'fulfillment',
    subjectId: fulfillment.id,
    fulfillmentId: fulfillment.id,
    data,
  });
  publishEvent(tx, actor, {
    type: 'lot.consumed',
    subjectType: 'fulfillment',
    subjectId: fulfillment.id,
    payload: { fulfillment_id: fulfillment.id, lot_consumption_id: id, ...data },
  });
  return {
    id,
    fulfillment_id: fulfillment.id,
    line_id: line.id,
    order_line_id: line.orderLineId,
    sku: line.sku,
    lot: lot.lot,
    lot_id: lot.lot_id,
    expiry: lot.expiry,
    qty: input.qty,
    consumed_at: now,
    line_qty: line.quantity,
    line_consumed: consumed + input.qty,
  };
}
