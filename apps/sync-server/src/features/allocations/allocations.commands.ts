import type { ConfirmPickInput, RequestAllocationInput } from '@fulfillment/domain/allocation/allocation-schemas';
import { and, eq } from 'drizzle-orm';
import type { AllocateRequest, PickConfirmation, Reservation } from '../../adapters/inventory/inventory-service.ts';
import type { Tx } from '../../db/client.ts';
import { allocationLines, allocations, allocationUnits } from '../../db/schema/allocations.ts';
import { fulfillmentLines } from '../../db/schema/fulfillments.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { conflict, unprocessable } from '../../platform/problem.ts';
import { publishEvent, recordTimeline } from '../../platform/timeline.ts';
import { moveFulfillment } from '../fulfillments/fulfillments.commands.ts';
import { findFulfillmentRow } from '../fulfillments/fulfillments.queries.ts';
import { isTraceable, recordTrace } from '../traceability/trace-ledger.ts';
import {
  allocationLinesOf,
  allocationUnitsOf,
  type AllocationRow,
  findActiveAllocation,
  findAllocationRow,
} from './allocations.queries.ts';

const allocatable = new Set(['created', 'awaiting_allocation']);

function change(tx: Tx, actor: Actor, row: AllocationRow, type: string, data: Record<string, unknown>) {
  recordTimeline(tx, actor, {
    type,
    subjectType: 'allocation',
    subjectId: row.id,
    fulfillmentId: row.fulfillmentId,
    data,
  });
  publishEvent(tx, actor, {
    type,
    subjectType: 'allocation',
    subjectId: row.id,
    payload: { allocation_id: row.id, fulfillment_id: row.fulfillmentId, ...data },
  });
}

/** Appends a reserved unit's movement to the traceability ledger, if the unit carries a lot or serial. */
function traceUnit(
  tx: Tx,
  actor: Actor,
  row: AllocationRow,
  kind: 'allocated' | 'picked',
  sku: string,
  unit: typeof allocationUnits.$inferInsert,
  quantity: number,
) {
  if (!isTraceable(unit)) return;
  recordTrace(tx, actor, {
    kind,
    sku,
    lot: unit.lot,
    lotId: unit.lotId,
    expiry: unit.expiry,
    serial: unit.serial,
    quantity,
    fulfillmentId: row.fulfillmentId,
    lineId: unit.fulfillmentLineId,
    allocationId: row.id,
    locationId: unit.locationId,
    warehouseId: unit.warehouseId,
  });
}

function linesOfFulfillment(tx: Tx, fulfillmentId: string) {
  return tx.select().from(fulfillmentLines).where(eq(fulfillmentLines.fulfillmentId, fulfillmentId)).all();
}

/** Builds what the Inventory Service is asked, from what this allocation recorded. */
export function allocateRequestOf(tx: Tx, row: AllocationRow, warehouseId: string | null, asOf: Date): AllocateRequest {
  return {
    tenant_id: row.tenantId,
    allocation_id: row.id,
    fulfillment_id: row.fulfillmentId,
    warehouse_id: warehouseId,
    strategy: row.strategy,
    lines: allocationLinesOf(tx, row.id).map((l) => ({
      line_id: l.fulfillmentLineId,
      sku: l.sku,
      quantity: l.requested,
    })),
    as_of: asOf.toISOString().slice(0, 10),
  };
}

/**
 * First half of an allocation: records what will be asked, moves the fulfillment to
 * `awaiting_allocation`, and returns the request. A fulfillment whose earlier request never got an
 * answer (the Inventory Service was down) resumes that same allocation: the inventory knows it by
 * its id, so asking again can never reserve twice.
 */
export function beginAllocation(tx: Tx, actor: Actor, input: RequestAllocationInput): AllocateRequest {
  const fulfillment = findFulfillmentRow(tx, actor.tenantId, input.fulfillment_id);
  if (!fulfillment) {
    throw unprocessable('fulfillment_not_found', `fulfillment ${input.fulfillment_id} does not exist`, [
      { path: 'fulfillment_id', message: 'no such fulfillment' },
    ]);
  }
  const active = findActiveAllocation(tx, actor.tenantId, fulfillment.id);
  if (active?.status === 'pending') return allocateRequestOf(tx, active, fulfillment.warehouseId, actor.now);
  if (active) {
    throw conflict(
      'allocation_already_active',
      `fulfillment ${fulfillment.id} already holds allocation ${active.id} (${active.status}); release it first`,
    );
  }
  if (!allocatable.has(fulfillment.status)) {
    throw conflict('fulfillment_not_allocatable', `a fulfillment that is ${fulfillment.status} cannot be allocated`);
  }

  const lines = linesOfFulfillment(tx, fulfillment.id);
  const wanted = (input.lines ?? lines.map((l) => ({ line_id: l.id, sku: l.sku, qty: l.quantity }))).map((w, i) => {
    const line = lines.find((l) => l.id === w.line_id || l.orderLineId === w.line_id);
    const path = `lines[${i}]`;
    if (!line)
      throw unprocessable('line_not_found', `line ${w.line_id} is not on fulfillment ${fulfillment.id}`, [
        { path: `${path}.line_id`, message: 'not a line of this fulfillment' },
      ]);
    if (line.sku !== w.sku)
      throw unprocessable('line_sku_mismatch', `line ${w.line_id} is for ${line.sku}, not ${w.sku}`, [
        { path: `${path}.sku`, message: `the line is for ${line.sku}` },
      ]);
    if (w.qty > line.quantity)
      throw unprocessable('line_qty_exceeded', `line ${w.line_id} has ${line.quantity}, ${w.qty} asked`, [
        { path: `${path}.qty`, message: `at most ${line.quantity}` },
      ]);
    return { line, qty: w.qty };
  });
  const seen = new Set<string>();
  for (const [i, w] of wanted.entries()) {
    if (seen.has(w.line.id))
      throw unprocessable('line_repeated', `line ${w.line.id} is asked twice`, [
        { path: `lines[${i}].line_id`, message: 'repeats a line' },
      ]);
    seen.add(w.line.id);
  }

  const id = newId('alloc');
  const now = actor.now.toISOString();
  tx.insert(allocations)
    .values({
      id,
      tenantId: actor.tenantId,
      fulfillmentId: fulfillment.id,
      strategy: input.strategy,
      status: 'pending',
      metadata: input.metadata ?? {},
      createdAt: now,
      updatedAt: now,
    })
    .run();
  tx.insert(allocationLines)
    .values(
      wanted.map((w, position) => ({
        allocationId: id,
        fulfillmentLineId: w.line.id,
        position,
        orderLineId: w.line.orderLineId,
        sku: w.line.sku,
        requested: w.qty,
        status: 'pending' as const,
      })),
    )
    .run();
  moveFulfillment(tx, actor, fulfillment.id, 'awaiting_allocation', { allocationId: id });
  const row = findAllocationRow(tx, actor.tenantId, id)!;
  change(tx, actor, row, 'allocation.requested', { strategy: input.strategy, lines: wanted.length });
  return allocateRequestOf(tx, row, fulfillment.warehouseId, actor.now);
}

const signature = (
  units: {
    fulfillmentLineId: string;
    locationId: string;
    lotId: string | null;
    serial: string | null;
    quantity: number;
  }[],
) => JSON.stringify(units.map((u) => [u.fulfillmentLineId, u.locationId, u.lotId, u.serial, u.quantity]).sort());

/**
 * Second half, also the landing point of the Inventory Service's later events: records what was
 * reserved where, and moves the fulfillment to `allocated` when all of it was. Applying the same
 * answer twice changes nothing.
 */
export function applyReservation(tx: Tx, actor: Actor, allocationId: string, reservation: Reservation): void {
  const row = findAllocationRow(tx, actor.tenantId, allocationId);
  if (!row) throw unprocessable('allocation_not_found', `allocation ${allocationId} does not exist`);
  if (row.status === 'released') return;
  const incoming = reservation.lines.flatMap((line) =>
    line.units.map((u) => ({
      fulfillmentLineId: line.line_id,
      sku: line.sku,
      locationId: u.location_id,
      lotId: u.lot_id,
      serial: u.serial,
      quantity: u.quantity,
      unit: u,
    })),
  );
  const current = allocationUnitsOf(tx, [row.id]);
  const status = reservation.status;
  if (
    row.status === status &&
    row.reservationId === reservation.reservation_id &&
    signature(current) === signature(incoming)
  )
    return;

  tx.delete(allocationUnits).where(eq(allocationUnits.allocationId, row.id)).run();
  for (const u of incoming) {
    const previous = current.find(
      (c) =>
        c.fulfillmentLineId === u.fulfillmentLineId &&
        c.locationId === u.locationId &&
        c.lotId === u.lotId &&
        c.serial === u.serial,
    );
    const unit = {
      id: newId('au'),
      tenantId: actor.tenantId,
      allocationId: row.id,
      fulfillmentLineId: u.fulfillmentLineId,
      warehouseId: u.unit.warehouse_id,
      locationId: u.locationId,
      lotId: u.lotId,
      lot: u.unit.lot,
      expiry: u.unit.expiry,
      serial: u.serial,
      quantity: u.quantity,
      picked: previous?.picked ?? 0,
    };
    tx.insert(allocationUnits).values(unit).run();
    // A unit carried over unchanged from the last answer was traced when it was first reserved.
    if (previous?.quantity !== unit.quantity) traceUnit(tx, actor, row, 'allocated', u.sku, unit, unit.quantity);
  }
  for (const line of reservation.lines) {
    tx.update(allocationLines)
      .set({ allocated: line.allocated, status: line.status, reason: line.reason })
      .where(and(eq(allocationLines.allocationId, row.id), eq(allocationLines.fulfillmentLineId, line.line_id)))
      .run();
  }
  const now = actor.now.toISOString();
  tx.update(allocations)
    .set({
      status: status === 'released' ? 'released' : status,
      reservationId: reservation.reservation_id,
      lastError: null,
      resolvedAt: now,
      updatedAt: now,
      version: row.version + 1,
    })
    .where(eq(allocations.id, row.id))
    .run();

  const fulfillment = findFulfillmentRow(tx, actor.tenantId, row.fulfillmentId)!;
  if (status === 'allocated' && fulfillment.status === 'awaiting_allocation')
    moveFulfillment(tx, actor, fulfillment.id, 'allocated');
  if (status !== 'allocated' && fulfillment.status === 'allocated')
    moveFulfillment(tx, actor, fulfillment.id, 'awaiting_allocation');
  change(tx, actor, row, `allocation.${status}`, {
    status,
    reservation_id: reservation.reservation_id,
    lines: reservation.lines.map((l) => ({
      line_id: l.line_id,
      requested: l.requested,
      allocated: l.allocated,
      reason: l.reason,
    })),
  });
}

/** The Inventory Service could not be reached: the allocation stays pending, to be asked again. */
export function recordInventoryFailure(
  tx: Tx,
  actor: Actor,
  allocationId: string,
  error: { status: number; code: string; message: string },
): void {
  tx.update(allocations)
    .set({ lastError: { ...error, at: actor.now.toISOString() }, updatedAt: actor.now.toISOString() })
    .where(and(eq(allocations.tenantId, actor.tenantId), eq(allocations.id, allocationId)))
    .run();
}

/** The Inventory Service refused the request outright: the allocation failed and says why. */
export function failAllocation(
  tx: Tx,
  actor: Actor,
  allocationId: string,
  error: { code: string; message: string },
): void {
  const row = findAllocationRow(tx, actor.tenantId, allocationId)!;
  const now = actor.now.toISOString();
  tx.update(allocations)
    .set({
      status: 'failed',
      lastError: { status: 422, ...error, at: now },
      resolvedAt: now,
      updatedAt: now,
      version: row.version + 1,
    })
    .where(eq(allocations.id, row.id))
    .run();
  change(tx, actor, row, 'allocation.failed', { status: 'failed', code: error.code, message: error.message });
}

/**
 * Turns a confirm-pick body into the inventory's terms (picked totals per reserved unit). With no
 * body, everything reserved counts as picked.
 */
export function pickConfirmationsOf(tx: Tx, row: AllocationRow, input: ConfirmPickInput): PickConfirmation[] {
  const units = allocationUnitsOf(tx, [row.id]);
  const lines = allocationLinesOf(tx, row.id);
  if (!input.picks) {
    return units.map((u) => ({
      line_id: u.fulfillmentLineId,
      location_id: u.locationId,
      lot_id: u.lotId,
      serial: u.serial,
      quantity: u.quantity,
    }));
  }
  return input.picks.map((p, i) => {
    const line = lines.find((l) => l.fulfillmentLineId === p.line_id || l.orderLineId === p.line_id);
    const unit =
      line &&
      units.find(
        (u) =>
          u.fulfillmentLineId === line.fulfillmentLineId &&
          u.locationId === p.location_id &&
          (p.lot_id == null || u.lotId === p.lot_id) &&
          (p.serial == null || u.serial === p.serial),
      );
    if (!line || !unit) {
      throw unprocessable('pick_not_reserved', `nothing of line ${p.line_id} is reserved at ${p.location_id}`, [
        { path: `picks[${i}]`, message: 'matches no reserved unit' },
      ]);
    }
    return {
      line_id: line.fulfillmentLineId,
      location_id: unit.locationId,
      lot_id: unit.lotId,
      serial: unit.serial,
      quantity: p.qty,
    };
  });
}

/** Records picked totals the Inventory Service accepted. */
export function recordPickConfirmation(tx: Tx, actor: Actor, row: AllocationRow, picks: PickConfirmation[]): void {
  const units = allocationUnitsOf(tx, [row.id]);
  const lines = allocationLinesOf(tx, row.id);
  let changed = false;
  for (const p of picks) {
    const unit = units.find(
      (u) =>
        u.fulfillmentLineId === p.line_id &&
        u.locationId === p.location_id &&
        u.lotId === p.lot_id &&
        u.serial === p.serial,
    );
    if (!unit || unit.picked === p.quantity) continue;
    tx.update(allocationUnits).set({ picked: p.quantity }).where(eq(allocationUnits.id, unit.id)).run();
    if (p.quantity > unit.picked) {
      const sku = lines.find((l) => l.fulfillmentLineId === unit.fulfillmentLineId)!.sku;
      traceUnit(tx, actor, row, 'picked', sku, unit, p.quantity - unit.picked);
    }
    changed = true;
  }
  if (!changed) return;
  tx.update(allocations)
    .set({ version: row.version + 1, updatedAt: actor.now.toISOString() })
    .where(eq(allocations.id, row.id))
    .run();
  change(tx, actor, row, 'allocation.pick_confirmed', {
    picks: picks.map((p) => ({
      line_id: p.line_id,
      location_id: p.location_id,
      lot_id: p.lot_id,
      serial: p.serial,
      qty: p.quantity,
    })),
  });
}

/** Stock went back to the shelf: the allocation is released and, unless cancelled, the fulfillment waits again. */
export function markReleased(tx: Tx, actor: Actor, row: AllocationRow, reason: string | null): void {
  if (row.status === 'released') return;
  const now = actor.now.toISOString();
  tx.update(allocations)
    .set({ status: 'released', releasedAt: now, releaseReason: reason, updatedAt: now, version: row.version + 1 })
    .where(eq(allocations.id, row.id))
    .run();
  const fulfillment = findFulfillmentRow(tx, actor.tenantId, row.fulfillmentId)!;
  if (fulfillment.status === 'allocated') moveFulfillment(tx, actor, fulfillment.id, 'awaiting_allocation');
  change(tx, actor, row, 'allocation.released', { reason });
}
