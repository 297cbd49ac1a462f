import { checkShort, declareShort, taskStatusOf } from '@fulfillment/domain/picklist/apply-scan';
import type { AdjustInput, RebinInput } from '@fulfillment/domain/picklist/picklist-schemas';
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { pickTasks } from '../../db/schema/picklists.ts';
import { locations, zones } from '../../db/schema/warehouses.ts';
import type { Actor } from '../../platform/context.ts';
import { conflict, ProblemError, unprocessable } from '../../platform/problem.ts';
import { assertMayPick, type PickAccess } from './picklist-access.ts';
import { type Backorder, backorderShorts } from './picklist-completion.ts';
import { picklistChanged, recordPickEntry } from './picklist-events.ts';
import { recordAdjustment, requirePicklist, saveTasks } from './picklists.commands.ts';
import { stateOf, taskRowsOf } from './picklists.queries.ts';

export type AdjustResult = {
  picklist_id: string;
  adjustments: { adjustment_id: string; task_id: string; kind: 'short' | 'over'; qty: number; reason: string }[];
  /** Fulfillments made for what is missing (every short of the picklist not yet backordered). */
  backorders: Backorder[];
  /** Over-picked units, to be returned to the bin they came from. */
  put_back: { task_id: string; location_id: string; location_code: string; sku: string; qty: number }[];
  /**
   * The Inventory Service releases a reservation as a whole, so a short's unpicked remainder is
   * released right after the picks of its allocation are confirmed: by the completion's job.
   */
  inventory_release: { allocation_ids: string[]; when: 'after_completion' };
};

const shortStatus = {
  picklist_not_active: 409,
  task_not_open: 409,
  task_not_found: 422,
  invalid_qty: 422,
  reason_required: 422,
} as const;

/**
 * `POST /adjust`, a supervisor reconciling: `qty_short` declares units missing (picklist in
 * progress) and backorders them at once; `qty_over` records units picked beyond a task (in progress or
 * completed) and says where they go back. All or nothing: one refused adjustment refuses the request.
 */
export function adjustPicklist(tx: Tx, actor: Actor, id: string, input: AdjustInput): AdjustResult {
  const row = requirePicklist(tx, actor, id);
  const tasks = taskRowsOf(tx, id);
  const before = stateOf(tx, row, tasks);
  let state = before;
  const result: AdjustResult = {
    picklist_id: id,
    adjustments: [],
    backorders: [],
    put_back: [],
    inventory_release: { allocation_ids: [], when: 'after_completion' },
  };
  input.adjustments.forEach((a, i) => {
    const task = tasks.find((t) => t.id === a.task_id);
    if (!task) {
      throw unprocessable('task_not_found', `task ${a.task_id} is not on picklist ${id}`, [
        { path: `adjustments[${i}].task_id`, message: 'not a task of this picklist' },
      ]);
    }
    const kind = a.qty_short !== undefined ? 'short' : 'over';
    const qty = a.qty_short ?? a.qty_over!;
    if (kind === 'short') {
      const refused = checkShort(state, a.task_id, qty, a.reason);
      if (refused) {
        throw new ProblemError(shortStatus[refused.code], refused.code, `adjustments[${i}]: ${refused.message}`, {
          errors: [{ path: `adjustments[${i}].qty_short`, message: refused.message }],
        });
      }
      state = declareShort(state, a.task_id, qty, a.reason);
      if (!result.inventory_release.allocation_ids.includes(task.allocationId))
        result.inventory_release.allocation_ids.push(task.allocationId);
    } else {
      if (row.status !== 'in_progress' && row.status !== 'completed') {
        throw conflict('picklist_not_adjustable', `a picklist that is ${row.status} has nothing picked to adjust`);
      }
      result.put_back.push({
        task_id: task.id,
        location_id: task.locationId,
        location_code: task.locationCode,
        sku: task.sku,
        qty,
      });
    }
    const adjustmentId = recordAdjustment(tx, actor, { picklistId: id, taskId: task.id, kind, qty, reason: a.reason });
    result.adjustments.push({ adjustment_id: adjustmentId, task_id: task.id, kind, qty, reason: a.reason });
    recordPickEntry(tx, actor, id, task.fulfillmentId, kind === 'short' ? 'pick.short' : 'pick.over', {
      task_id: task.id,
      sku: task.sku,
      qty,
      reason: a.reason,
      adjustment_id: adjustmentId,
    });
  });
  saveTasks(tx, before, state);
  result.backorders = backorderShorts(tx, actor, id, taskRowsOf(tx, id));
  picklistChanged(tx, actor, row, {
    type: 'picklist.adjusted',
    data: {
      adjustments: result.adjustments,
      backorders: result.backorders.map((b) => b.fulfillment_id),
    },
  });
  return result;
}

export type RebinResult = {
  picklist_id: string;
  moves: {
    adjustment_id: string;
    task_id: string;
    kind: 'stage' | 'put_back';
    qty: number;
    to_location_id: string;
    to_location_code: string;
  }[];
};

const stagingLocationTypes = new Set(['staging', 'tote_wall']);
const stagingZoneTypes = new Set(['staging', 'pack', 'shipping']);

function binOf(tx: Tx, tenantId: string, warehouseId: string, id: string) {
  return tx
    .select({ id: locations.id, code: locations.code, type: locations.type, zoneType: zones.type })
    .from(locations)
    .innerJoin(zones, eq(zones.id, locations.zoneId))
    .where(
      and(
        eq(locations.tenantId, tenantId),
        eq(locations.warehouseId, warehouseId),
        eq(locations.id, id),
        isNull(locations.deletedAt),
      ),
    )
    .get();
}

/**
 * `POST /rebin`: moves picked units of a task out of the tote. To a staging location (a `staging` or
 * `tote_wall` bin, or any bin of a staging, pack or shipping zone) they stay picked for their
 * fulfillment and the task remembers where they wait (`staged_location_id`). Back to the task's own
 * bin (before completion only: nothing is confirmed to the Inventory Service yet) they are un-picked
 * and the task is open again; a serial-tracked task goes back whole, its serials with it.
 */
export function rebinPicklist(
  tx: Tx,
  actor: Actor,
  id: string,
  input: RebinInput,
  access: PickAccess = {},
): RebinResult {
  const row = requirePicklist(tx, actor, id);
  assertMayPick(actor, row, access);
  if (row.status !== 'in_progress' && row.status !== 'completed') {
    throw conflict('picklist_not_active', `a picklist that is ${row.status} has nothing picked to re-bin`);
  }
  const result: RebinResult = { picklist_id: id, moves: [] };
  input.items.forEach((item, i) => {
    const path = `items[${i}]`;
    const task = tx
      .select()
      .from(pickTasks)
      .where(and(eq(pickTasks.picklistId, id), eq(pickTasks.id, item.task_id)))
      .get();
    if (!task) {
      throw unprocessable('task_not_found', `task ${item.task_id} is not on picklist ${id}`, [
        { path: `${path}.task_id`, message: 'not a task of this picklist' },
      ]);
    }
    const bin = binOf(tx, actor.tenantId, row.warehouseId, item.to_location_id);
    if (!bin) {
      throw unprocessable('location_not_found', `${item.to_location_id} is no bin of this warehouse`, [
        { path: `${path}.to_location_id`, message: 'no such bin in this warehouse' },
      ]);
    }
    if (item.qty > task.qtyPicked) {
      throw unprocessable('rebin_exceeds_picked', `task ${task.id} has ${task.qtyPicked} picked, ${item.qty} asked`, [
        { path: `${path}.qty`, message: `at most ${task.qtyPicked}` },
      ]);
    }
    let kind: 'stage' | 'put_back';
    if (bin.id === task.locationId) {
      if (row.status === 'completed') {
        throw conflict(
          'put_back_after_completion',
          'the picks were confirmed to the Inventory Service: return stock there',
        );
      }
      if (task.serials.length > 0 && item.qty !== task.qtyPicked) {
        throw unprocessable(
          'serial_put_back_partial',
          `task ${task.id} is serial-tracked: put all ${task.qtyPicked} back`,
          [{ path: `${path}.qty`, message: `must be ${task.qtyPicked}` }],
        );
      }
      kind = 'put_back';
      const qtyPicked = task.qtyPicked - item.qty;
      tx.update(pickTasks)
        .set({
          qtyPicked,
          status: taskStatusOf({ qty_required: task.qtyRequired, qty_picked: qtyPicked, qty_short: task.qtyShort }),
          serials: qtyPicked === 0 ? [] : task.serials,
        })
        .where(eq(pickTasks.id, task.id))
        .run();
    } else if (stagingLocationTypes.has(bin.type) || stagingZoneTypes.has(bin.zoneType)) {
      kind = 'stage';
      tx.update(pickTasks).set({ stagedLocationId: bin.id }).where(eq(pickTasks.id, task.id)).run();
    } else {
      throw unprocessable(
        'rebin_location_not_allowed',
        `${bin.code} is neither a staging location nor the bin the units came from`,
        [{ path: `${path}.to_location_id`, message: 'not a staging location nor the pick bin' }],
      );
    }
    const adjustmentId = recordAdjustment(tx, actor, {
      picklistId: id,
      taskId: task.id,
      kind,
      qty: item.qty,
      reason: item.reason,
      toLocationId: bin.id,
    });
    const move = {
      adjustment_id: adjustmentId,
      task_id: task.id,
      kind,
      qty: item.qty,
      to_location_id: bin.id,
      to_location_code: bin.code,
    };
    result.moves.push(move);
    recordPickEntry(tx, actor, id, task.fulfillmentId, 'pick.rebinned', {
      ...move,
      sku: task.sku,
      reason: item.reason,
    });
  });
  picklistChanged(tx, actor, row, { type: 'picklist.rebinned', data: { moves: result.moves } });
  return result;
}
