import type { ConsumeLotInput } from '@fulfillment/domain/traceability/traceability-schemas';
import {
  InventoryRejectedError,
  type InventoryService,
  InventoryUnavailableError,
} from '../../adapters/inventory/inventory-service.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/context.ts';
import { unprocessable } from '../../platform/problem.ts';
import { outage } from '../allocations/allocations.service.ts';
import { recordLotConsumption } from './lots.commands.ts';
import { requireOpenLine, reservedUnitOf } from './traceability-lines.ts';

/** The business date: expiry is a day, and a lot is usable through its expiry day (as allocation has it). */
const businessDate = (actor: Actor) => actor.now.toISOString().slice(0, 10);

async function readLot(inventory: InventoryService, tenantId: string, sku: string, code: string) {
  try {
    return await inventory.getLot(tenantId, sku, code);
  } catch (error) {
    if (error instanceof InventoryUnavailableError) throw outage(error);
    if (error instanceof InventoryRejectedError) throw unprocessable(error.code, error.message);
    throw error;
  }
}

/**
 * Records lot consumption on pick. Lots belong to the Inventory Service, so the lot is read from it
 * (outside any transaction: no lock is held across the network) and judged on what it says now, a
 * recall made after the allocation included. Then one transaction records the consumption.
 */
export async function consumeLot(ctx: { db: Db; inventory: InventoryService }, actor: Actor, input: ConsumeLotInput) {
  // References first: a mistyped line is refused without asking the Inventory Service anything.
  const { fulfillment, line } = requireOpenLine(ctx.db, actor, input.fulfillment_id, input.line_id);
  const field = input.lot !== undefined ? 'lot' : 'lot_id';
  const refuse = (code: string, detail: string, message: string) =>
    unprocessable(code, detail, [{ path: field, message }]);
  // Fulfillment learns lot ids only from reservations: a lot_id names a lot reserved for this line.
  const code =
    input.lot ?? reservedUnitOf(ctx.db, actor.tenantId, fulfillment.id, line.id, { lotId: input.lot_id! })?.lot;
  if (!code) {
    throw refuse(
      'lot_not_found',
      `lot ${input.lot_id} was not reserved for line ${line.id}: name the lot by its code`,
      'not a lot reserved for this line',
    );
  }

  const lot = await readLot(ctx.inventory, actor.tenantId, line.sku, code);
  if (!lot || (input.lot_id !== undefined && lot.lot_id !== input.lot_id)) {
    throw refuse(
      'lot_not_found',
      `the Inventory Service has no lot ${input.lot ?? input.lot_id} of ${line.sku}`,
      'no such lot of this SKU',
    );
  }
  if (lot.recalled) {
    throw refuse('lot_recalled', `lot ${lot.lot} of ${lot.sku} has been recalled`, 'recalled');
  }
  const today = businessDate(actor);
  if (lot.expiry !== null && lot.expiry < today) {
    throw refuse(
      'lot_expired',
      `lot ${lot.lot} of ${lot.sku} expired on ${lot.expiry} (the business date is ${today})`,
      `expired on ${lot.expiry}`,
    );
  }
  return ctx.db.transaction((tx) => recordLotConsumption(tx, actor, input, lot));
}
