import { createHash } from 'node:crypto';
import type { ConfirmPickInput, RequestAllocationInput } from '@fulfillment/domain/allocation/allocation-schemas';
import {
  InventoryRejectedError,
  type InventoryService,
  InventoryUnavailableError,
} from '../../adapters/inventory/inventory-service.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/context.ts';
import { conflict, notFound, ProblemError, unprocessable } from '../../platform/problem.ts';
import {
  allocateRequestOf,
  applyReservation,
  beginAllocation,
  failAllocation,
  markReleased,
  pickConfirmationsOf,
  recordInventoryFailure,
  recordPickConfirmation,
} from './allocations.commands.ts';
import { findAllocationRow, getAllocation } from './allocations.queries.ts';
import { findFulfillmentRow } from '../fulfillments/fulfillments.queries.ts';

/**
 * The allocation hand-off: our transaction, then the Inventory Service's answer (awaited outside any
 * transaction: no lock is held across the network), then a second transaction that records it. The
 * REST routes, the bulk job and cancellation all come through here.
 */
export type AllocationContext = { db: Db; inventory: InventoryService };

/** An Inventory Service outage as the API reports it: 502/503/504 `inventory_unavailable`. */
export function outage(error: InventoryUnavailableError): ProblemError {
  return new ProblemError(
    error.status,
    'inventory_unavailable',
    `the Inventory Service did not answer: ${error.message}`,
    {
      headers: error.retryAfterSeconds ? { 'Retry-After': String(error.retryAfterSeconds) } : {},
    },
  );
}

export async function requestAllocation(ctx: AllocationContext, actor: Actor, input: RequestAllocationInput) {
  const request = ctx.db.transaction((tx) => beginAllocation(tx, actor, input));
  const id = request.allocation_id;
  try {
    const reservation = await ctx.inventory.allocate(request, `allocate:${id}`);
    ctx.db.transaction((tx) => applyReservation(tx, actor, id, reservation));
  } catch (error) {
    if (error instanceof InventoryUnavailableError) {
      ctx.db.transaction((tx) =>
        recordInventoryFailure(tx, actor, id, {
          status: error.status,
          code: 'inventory_unavailable',
          message: error.message,
        }),
      );
      throw outage(error);
    }
    if (error instanceof InventoryRejectedError) {
      ctx.db.transaction((tx) => failAllocation(tx, actor, id, { code: error.code, message: error.message }));
      throw unprocessable(error.code, error.message);
    }
    throw error;
  }
  return getAllocation(ctx.db, actor.tenantId, id)!;
}

function requireRow(ctx: AllocationContext, actor: Actor, id: string) {
  const row = findAllocationRow(ctx.db, actor.tenantId, id);
  if (!row) throw notFound('allocation', id);
  return row;
}

function rejected(error: unknown): never {
  if (error instanceof InventoryUnavailableError) throw outage(error);
  if (error instanceof InventoryRejectedError) throw conflict(error.code, error.message);
  throw error;
}

/** Confirms picked totals with the Inventory Service. Sending the same totals again changes nothing. */
export async function confirmAllocationPick(ctx: AllocationContext, actor: Actor, id: string, input: ConfirmPickInput) {
  const row = requireRow(ctx, actor, id);
  if (row.status !== 'allocated' && row.status !== 'partial') {
    throw conflict('allocation_not_confirmable', `an allocation that is ${row.status} has nothing reserved to confirm`);
  }
  const picks = ctx.db.transaction((tx) => pickConfirmationsOf(tx, row, input));
  try {
    await ctx.inventory.confirmPick(
      actor.tenantId,
      row.reservationId!,
      picks,
      `confirm:${id}:${createHash('sha256').update(JSON.stringify(picks)).digest('hex').slice(0, 32)}`,
    );
  } catch (error) {
    rejected(error);
  }
  ctx.db.transaction((tx) => recordPickConfirmation(tx, actor, findAllocationRow(tx, actor.tenantId, id)!, picks));
  return getAllocation(ctx.db, actor.tenantId, id)!;
}

/**
 * Gives the stock back. An allocation still pending (its request was never answered) is first
 * resolved by asking again, which the inventory answers from what it already did, so nothing it
 * may have reserved is left orphaned. Releasing twice is harmless.
 */
export async function releaseAllocation(ctx: AllocationContext, actor: Actor, id: string, reason: string | null) {
  let row = requireRow(ctx, actor, id);
  if (row.status === 'released') return getAllocation(ctx.db, actor.tenantId, id)!;
  try {
    let reservationId = row.reservationId;
    if (!reservationId && row.status === 'pending') {
      const fulfillment = findFulfillmentRow(ctx.db, actor.tenantId, row.fulfillmentId)!;
      const request = ctx.db.transaction((tx) => allocateRequestOf(tx, row, fulfillment.warehouseId, actor.now));
      reservationId = (await ctx.inventory.allocate(request, `allocate:${id}`)).reservation_id;
    }
    if (reservationId) await ctx.inventory.release(actor.tenantId, reservationId, `release:${id}`);
  } catch (error) {
    rejected(error);
  }
  ctx.db.transaction((tx) => {
    row = findAllocationRow(tx, actor.tenantId, id)!;
    markReleased(tx, actor, row, reason);
  });
  return getAllocation(ctx.db, actor.tenantId, id)!;
}
