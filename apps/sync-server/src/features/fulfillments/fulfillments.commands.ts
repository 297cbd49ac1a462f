import type {
  CancelFulfillmentInput,
  CreateFulfillmentInput,
  UpdateFulfillmentInput,
} from '@fulfillment/domain/fulfillment/fulfillment-schemas';
import {
  canChangeRequestedShipDate,
  canChangeWarehouse,
  checkTransition,
  isTerminal,
  type FulfillmentStatus,
} from '@fulfillment/domain/fulfillment/fulfillment-status';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { fulfillmentLines, fulfillments } from '../../db/schema/fulfillments.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { conflict, notFound } from '../../platform/problem.ts';
import { publishEvent, recordTimeline } from '../../platform/timeline.ts';
import { requireActiveWarehouseRef } from '../warehouses/warehouse-lookup.ts';
import { enqueueJob } from '../../platform/jobs/enqueue.ts';
import { findActiveAllocation } from '../allocations/allocations.queries.ts';
import { findFulfillmentRow } from './fulfillments.queries.ts';

/**
 * Creates the fulfillment units of one order: one per ship-from warehouse, so a line given its own
 * `warehouse_id` becomes a split shipment. Returns the ids in line order of first appearance.
 */
export function createFulfillments(tx: Tx, actor: Actor, input: CreateFulfillmentInput): string[] {
  if (input.warehouse_id) requireActiveWarehouseRef(tx, actor.tenantId, input.warehouse_id, 'warehouse_id');
  const groups = new Map<string | null, typeof input.lines>();
  input.lines.forEach((line, i) => {
    if (line.warehouse_id && line.warehouse_id !== input.warehouse_id) {
      requireActiveWarehouseRef(tx, actor.tenantId, line.warehouse_id, `lines[${i}].warehouse_id`);
    }
    const key = line.warehouse_id ?? input.warehouse_id ?? null;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  });

  const now = actor.now.toISOString();
  const ids: string[] = [];
  const splitInto = groups.size;
  for (const [warehouseId, lines] of groups) {
    const id = newId('ful');
    ids.push(id);
    tx.insert(fulfillments)
      .values({
        id,
        tenantId: actor.tenantId,
        orderId: input.order_id,
        source: input.source ?? null,
        warehouseId,
        status: 'created',
        requestedShipDate: input.requested_ship_date ? new Date(input.requested_ship_date).toISOString() : null,
        shipTo: input.ship_to ?? null,
        metadata: input.metadata ?? {},
        createdAt: now,
        updatedAt: now,
      })
      .run();
    tx.insert(fulfillmentLines)
      .values(
        lines.map((line, position) => ({
          id: newId('fl'),
          tenantId: actor.tenantId,
          fulfillmentId: id,
          position,
          orderLineId: line.order_line_id,
          sku: line.sku,
          quantity: line.quantity,
          attributes: line.attributes ?? {},
        })),
      )
      .run();
    const data = { order_id: input.order_id, warehouse_id: warehouseId, lines: lines.length, split_into: splitInto };
    recordTimeline(tx, actor, {
      type: 'fulfillment.created',
      subjectType: 'fulfillment',
      subjectId: id,
      fulfillmentId: id,
      data,
    });
    publishEvent(tx, actor, {
      type: 'fulfillment.created',
      subjectType: 'fulfillment',
      subjectId: id,
      payload: { fulfillment_id: id, status: 'created', ...data },
    });
  }
  return ids;
}

function loadForWrite(tx: Tx, actor: Actor, id: string, expectedVersion: number | undefined) {
  const row = findFulfillmentRow(tx, actor.tenantId, id);
  if (!row) throw notFound('fulfillment', id);
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw conflict('version_conflict', `version ${expectedVersion} is stale: the current version is ${row.version}`);
  }
  return row;
}

/** Moves the warehouse or the requested ship date while the status still allows it, and merges metadata. */
export function updateFulfillment(tx: Tx, actor: Actor, id: string, input: UpdateFulfillmentInput): void {
  const row = loadForWrite(tx, actor, id, input.version);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const set: Partial<typeof fulfillments.$inferInsert> = {};

  if (input.warehouse_id !== undefined && input.warehouse_id !== row.warehouseId) {
    if (!canChangeWarehouse(row.status)) {
      throw conflict('warehouse_change_not_allowed', `the warehouse cannot change once a fulfillment is ${row.status}`);
    }
    requireActiveWarehouseRef(tx, actor.tenantId, input.warehouse_id, 'warehouse_id');
    set.warehouseId = input.warehouse_id;
    changes.warehouse_id = { from: row.warehouseId, to: input.warehouse_id };
  }
  if (input.requested_ship_date !== undefined) {
    const next = input.requested_ship_date === null ? null : new Date(input.requested_ship_date).toISOString();
    if (next !== row.requestedShipDate) {
      if (!canChangeRequestedShipDate(row.status)) {
        throw conflict(
          'ship_date_change_not_allowed',
          `the requested ship date cannot change once a fulfillment is ${row.status}`,
        );
      }
      set.requestedShipDate = next;
      changes.requested_ship_date = { from: row.requestedShipDate, to: next };
    }
  }
  if (input.ship_to !== undefined) {
    if (row.status === 'shipped' || isTerminal(row.status)) {
      throw conflict('ship_to_change_not_allowed', `the address cannot change once a fulfillment is ${row.status}`);
    }
    set.shipTo = input.ship_to;
    changes.ship_to = { from: row.shipTo, to: input.ship_to };
  }
  if (input.metadata !== undefined) {
    const merged: Record<string, unknown> = { ...row.metadata };
    for (const [key, value] of Object.entries(input.metadata)) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    set.metadata = merged;
    changes.metadata = { from: row.metadata, to: merged };
  }
  if (Object.keys(changes).length === 0) return;

  tx.update(fulfillments)
    .set({ ...set, version: row.version + 1, updatedAt: actor.now.toISOString() })
    .where(and(eq(fulfillments.tenantId, actor.tenantId), eq(fulfillments.id, id)))
    .run();
  recordTimeline(tx, actor, {
    type: 'fulfillment.updated',
    subjectType: 'fulfillment',
    subjectId: id,
    fulfillmentId: id,
    data: { changes },
  });
  publishEvent(tx, actor, {
    type: 'fulfillment.updated',
    subjectType: 'fulfillment',
    subjectId: id,
    payload: { fulfillment_id: id, status: row.status, changes: Object.keys(changes) },
  });
}

/** Cancels a fulfillment that has not shipped, and tells the world (`fulfillment.cancelled`). */
export function cancelFulfillment(tx: Tx, actor: Actor, id: string, input: CancelFulfillmentInput): void {
  const row = loadForWrite(tx, actor, id, input.version);
  if (row.status === 'cancelled')
    throw conflict('fulfillment_already_cancelled', `fulfillment ${id} is already cancelled`);
  const check = checkTransition(row.status, 'cancelled');
  if (!check.ok) throw conflict(check.code, check.message);

  const now = actor.now.toISOString();
  tx.update(fulfillments)
    .set({
      status: 'cancelled',
      cancelReason: input.reason ?? null,
      cancelledAt: now,
      version: row.version + 1,
      updatedAt: now,
    })
    .where(and(eq(fulfillments.tenantId, actor.tenantId), eq(fulfillments.id, id)))
    .run();
  // Stock held for it goes back through a job enqueued in this same transaction: the release cannot
  // be lost, and waits out an Inventory Service outage instead of blocking the cancel.
  const holding = findActiveAllocation(tx, actor.tenantId, id);
  const release = holding
    ? enqueueJob(tx, actor, {
        type: 'allocations.release',
        input: { allocation_id: holding.id, reason: 'fulfillment cancelled' },
        total: 1,
      })
    : null;
  const data = {
    from_status: row.status,
    reason: input.reason ?? null,
    allocation_id: row.allocationId,
    release_job_id: release?.id ?? null,
  };
  recordTimeline(tx, actor, {
    type: 'fulfillment.cancelled',
    subjectType: 'fulfillment',
    subjectId: id,
    fulfillmentId: id,
    data,
  });
  publishEvent(tx, actor, {
    type: 'fulfillment.cancelled',
    subjectType: 'fulfillment',
    subjectId: id,
    payload: { fulfillment_id: id, order_id: row.orderId, status: 'cancelled', cancelled_at: now, ...data },
  });
}

/**
 * Moves a fulfillment along its status machine on behalf of another feature (allocation, picking,
 * packing, shipping); refuses an illegal move with 409 naming the rule. `changes` are extra columns
 * (e.g. the allocation id) written in the same update.
 */
export function moveFulfillment(
  tx: Tx,
  actor: Actor,
  id: string,
  to: FulfillmentStatus,
  changes: Partial<Pick<typeof fulfillments.$inferInsert, 'allocationId' | 'picklistId'>> = {},
): void {
  const row = findFulfillmentRow(tx, actor.tenantId, id);
  if (!row) throw notFound('fulfillment', id);
  if (row.status !== to) {
    const check = checkTransition(row.status, to);
    if (!check.ok) throw conflict(check.code, check.message);
  } else if (Object.keys(changes).length === 0) return;
  tx.update(fulfillments)
    .set({ ...changes, status: to, version: row.version + 1, updatedAt: actor.now.toISOString() })
    .where(and(eq(fulfillments.tenantId, actor.tenantId), eq(fulfillments.id, id)))
    .run();
  if (row.status !== to) {
    recordTimeline(tx, actor, {
      type: 'fulfillment.status_changed',
      subjectType: 'fulfillment',
      subjectId: id,
      fulfillmentId: id,
      data: { from: row.status, to },
    });
    publishEvent(tx, actor, {
      type: `fulfillment.${to}`,
      subjectType: 'fulfillment',
      subjectId: id,
      payload: { fulfillment_id: id, order_id: row.orderId, status: to, from_status: row.status },
    });
  }
}
