import type { AssignSerialsInput } from '@fulfillment/domain/traceability/traceability-schemas';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { type fulfillmentLines, fulfillments } from '../../db/schema/fulfillments.ts';
import { serialAssignments } from '../../db/schema/traceability.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { ProblemError, unprocessable } from '../../platform/problem.ts';
import { publishEvent, recordTimeline } from '../../platform/timeline.ts';
import { recordTrace } from './trace-ledger.ts';
import { requireOpenLine, reservedUnitOf } from './traceability-lines.ts';

type LineRow = typeof fulfillmentLines.$inferSelect;

function serialsOfLine(db: Db | Tx, tenantId: string, lineId: string): string[] {
  return db
    .select({ serial: serialAssignments.serial })
    .from(serialAssignments)
    .where(and(eq(serialAssignments.tenantId, tenantId), eq(serialAssignments.lineId, lineId)))
    .orderBy(asc(serialAssignments.id))
    .all()
    .map((r) => r.serial);
}

const lineSerials = (line: LineRow, serials: string[], added: string[]) => ({
  fulfillment_id: line.fulfillmentId,
  line_id: line.id,
  order_line_id: line.orderLineId,
  sku: line.sku,
  qty: line.quantity,
  serials,
  added,
});
export type LineSerialsResource = ReturnType<typeof lineSerials>;

/**
 * Records the serial numbers of a line's picked units. A serial already on this line is skipped, so
 * sending the same list again changes nothing; one on another live fulfillment (a unit cannot ship
 * twice) refuses the whole request. A serial belongs to a SKU, so the same number on another SKU is
 * another unit. A cancelled fulfillment's serials are free again.
 */
export function assignSerials(tx: Tx, actor: Actor, input: AssignSerialsInput): LineSerialsResource {
  const { fulfillment, line } = requireOpenLine(tx, actor, input.fulfillment_id, input.line_id);
  const onLine = serialsOfLine(tx, actor.tenantId, line.id);
  const known = new Set(onLine);
  const added = input.serials.filter((s) => !known.has(s));
  if (added.length === 0) return lineSerials(line, onLine, []);

  const taken = tx
    .select({ serial: serialAssignments.serial, fulfillmentId: serialAssignments.fulfillmentId })
    .from(serialAssignments)
    .innerJoin(fulfillments, eq(fulfillments.id, serialAssignments.fulfillmentId))
    .where(
      and(
        eq(serialAssignments.tenantId, actor.tenantId),
        eq(serialAssignments.sku, line.sku),
        inArray(serialAssignments.serial, added),
        ne(fulfillments.status, 'cancelled'),
      ),
    )
    .all();
  if (taken.length > 0) {
    const where = new Map(taken.map((t) => [t.serial, t.fulfillmentId]));
    const first = added.find((s) => where.has(s))!;
    throw new ProblemError(
      409,
      'duplicate_serial',
      `serial ${first} of ${line.sku} is already assigned to fulfillment ${where.get(first)}`,
      {
        errors: input.serials.flatMap((serial, i) =>
          where.has(serial)
            ? [{ path: `serials[${i}]`, message: `already assigned to fulfillment ${where.get(serial)}` }]
            : [],
        ),
      },
    );
  }
  if (onLine.length + added.length > line.quantity) {
    throw unprocessable(
      'too_many_serials',
      `line ${line.id} has ${line.quantity} units and ${onLine.length} serials already: ${added.length} more is too many`,
      [{ path: 'serials', message: `at most ${line.quantity - onLine.length} more` }],
    );
  }

  const now = actor.now.toISOString();
  for (const serial of added) {
    tx.insert(serialAssignments)
      .values({
        id: newId('sn'),
        tenantId: actor.tenantId,
        serial,
        sku: line.sku,
        fulfillmentId: fulfillment.id,
        lineId: line.id,
        assignedAt: now,
        actorType: actor.type,
        actorId: actor.id,
        deviceId: actor.deviceId,
        requestId: actor.requestId,
      })
      .run();
    // Where the unit came from, when it was reserved by serial; otherwise only the warehouse is known.
    const unit = reservedUnitOf(tx, actor.tenantId, fulfillment.id, line.id, { serial });
    recordTrace(tx, actor, {
      kind: 'serial_assigned',
      sku: line.sku,
      serial,
      lot: unit?.lot,
      lotId: unit?.lotId,
      expiry: unit?.expiry,
      quantity: 1,
      fulfillmentId: fulfillment.id,
      lineId: line.id,
      allocationId: unit?.allocationId ?? fulfillment.allocationId,
      locationId: unit?.locationId,
      warehouseId: unit?.warehouseId ?? fulfillment.warehouseId,
    });
  }
  const data = { line_id: line.id, order_line_id: line.orderLineId, sku: line.sku, serials: added };
  recordTimeline(tx, actor, {
    type: 'serials.assigned',
    subjectType: 'fulfillment',
    subjectId: fulfillment.id,
    fulfillmentId: fulfillment.id,
    data,
  });
  publishEvent(tx, actor, {
    type: 'serials.assigned',
    subjectType: 'fulfillment',
    subjectId: fulfillment.id,
    payload: { fulfillment_id: fulfillment.id, ...data },
  });
  return lineSerials(line, [...onLine, ...added], added);
}
