import { and, asc, eq, or } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { allocations, allocationUnits } from '../../db/schema/allocations.ts';
import { fulfillmentLines } from '../../db/schema/fulfillments.ts';
import type { Actor } from '../../platform/context.ts';
import { conflict, unprocessable } from '../../platform/problem.ts';
import { findFulfillmentRow } from '../fulfillments/fulfillments.queries.ts';

type Reader = Db | Tx;

/** Goods of these have left (or will never leave): what went into them can no longer change. */
const finished = new Set(['cancelled', 'shipped', 'closed']);

/**
 * The fulfillment and line a serial or lot is recorded against, named in the body: unknown ones are
 * 422 (another tenant's included), a finished fulfillment 409.
 */
export function requireOpenLine(db: Reader, actor: Actor, fulfillmentId: string, lineRef: string) {
  const fulfillment = findFulfillmentRow(db, actor.tenantId, fulfillmentId);
  if (!fulfillment) {
    throw unprocessable('fulfillment_not_found', `fulfillment ${fulfillmentId} does not exist`, [
      { path: 'fulfillment_id', message: 'no such fulfillment' },
    ]);
  }
  const line = db
    .select()
    .from(fulfillmentLines)
    .where(
      and(
        eq(fulfillmentLines.fulfillmentId, fulfillment.id),
        or(eq(fulfillmentLines.id, lineRef), eq(fulfillmentLines.orderLineId, lineRef)),
      ),
    )
    .orderBy(asc(fulfillmentLines.position))
    .get();
  if (!line) {
    throw unprocessable('line_not_found', `line ${lineRef} is not on fulfillment ${fulfillment.id}`, [
      { path: 'line_id', message: 'not a line of this fulfillment' },
    ]);
  }
  if (finished.has(fulfillment.status)) {
    throw conflict(
      'fulfillment_not_open',
      `fulfillment ${fulfillment.id} is ${fulfillment.status}: what went into it can no longer change`,
    );
  }
  return { fulfillment, line };
}

/**
 * The unit reserved for this line that matches (by serial or lot id), from the newest allocation that
 * has one: where the goods were taken from, for the ledger.
 */
export function reservedUnitOf(
  db: Reader,
  tenantId: string,
  fulfillmentId: string,
  lineId: string,
  match: { serial: string } | { lotId: string },
) {
  return db
    .select({
      allocationId: allocationUnits.allocationId,
      warehouseId: allocationUnits.warehouseId,
      locationId: allocationUnits.locationId,
      lot: allocationUnits.lot,
      lotId: allocationUnits.lotId,
      expiry: allocationUnits.expiry,
    })
    .from(allocationUnits)
    .innerJoin(allocations, eq(allocations.id, allocationUnits.allocationId))
    .where(
      and(
        eq(allocations.tenantId, tenantId),
        eq(allocations.fulfillmentId, fulfillmentId),
        eq(allocationUnits.fulfillmentLineId, lineId),
        'serial' in match ? eq(allocationUnits.serial, match.serial) : eq(allocationUnits.lotId, match.lotId),
      ),
    )
    .orderBy(asc(allocations.id))
    .all()
    .at(-1);
}
