import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { fulfillmentLines } from '../../db/schema/fulfillments.ts';
import { pickAdjustments } from '../../db/schema/picklists.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { jobStatusUrl } from '../../platform/jobs/accepted.ts';
import { enqueueJob } from '../../platform/jobs/enqueue.ts';
import { conflict } from '../../platform/problem.ts';
import { publishEvent, recordTimeline } from '../../platform/timeline.ts';
import { cancelFulfillment, createFulfillments, moveFulfillment } from '../fulfillments/fulfillments.commands.ts';
import { findFulfillmentRow } from '../fulfillments/fulfillments.queries.ts';
import { assertMayPick, type PickAccess } from './picklist-access.ts';
import { picklistChanged } from './picklist-events.ts';
import { requirePicklist } from './picklists.commands.ts';
import { fulfillmentIdsOf, type TaskRow, taskRowsOf } from './picklists.queries.ts';
import type { ConfirmInput } from './picklist-inventory.ts';

export const CONFIRM_JOB = 'picklists.confirm';

export type Backorder = {
  fulfillment_id: string;
  backorder_of: string;
  lines: { line_id: string; order_line_id: string; sku: string; qty: number }[];
};

/**
 * Makes a backorder fulfillment (status `created`, same order, warehouse and order lines) for every
 * short on the picklist that has none yet, one per original fulfillment, and links the shorts to it.
 * A fulfillment cancelled meanwhile gets none: there is nothing left to deliver.
 */
export function backorderShorts(tx: Tx, actor: Actor, picklistId: string, tasks: TaskRow[]): Backorder[] {
  const pending = tx
    .select()
    .from(pickAdjustments)
    .where(
      and(
        eq(pickAdjustments.picklistId, picklistId),
        eq(pickAdjustments.kind, 'short'),
        isNull(pickAdjustments.backorderFulfillmentId),
      ),
    )
    .all();
  const byFulfillment = new Map<string, { adjustmentIds: string[]; qtyByLine: Map<string, number> }>();
  for (const a of pending) {
    const task = tasks.find((t) => t.id === a.taskId)!;
    const group = byFulfillment.get(task.fulfillmentId) ?? {
      adjustmentIds: [] as string[],
      qtyByLine: new Map<string, number>(),
    };
    group.adjustmentIds.push(a.id);
    group.qtyByLine.set(task.fulfillmentLineId, (group.qtyByLine.get(task.fulfillmentLineId) ?? 0) + a.qty);
    byFulfillment.set(task.fulfillmentId, group);
  }
  const made: Backorder[] = [];
  for (const [fulfillmentId, group] of byFulfillment) {
    const original = findFulfillmentRow(tx, actor.tenantId, fulfillmentId)!;
    if (original.status === 'cancelled') continue;
    const lines = tx
      .select()
      .from(fulfillmentLines)
      .where(inArray(fulfillmentLines.id, [...group.qtyByLine.keys()]))
      .orderBy(fulfillmentLines.position)
      .all();
    const [id] = createFulfillments(tx, actor, {
      order_id: original.orderId,
      source: 'backorder',
      ...(original.warehouseId ? { warehouse_id: original.warehouseId } : {}),
      ...(original.requestedShipDate ? { requested_ship_date: original.requestedShipDate } : {}),
      lines: lines.map((l) => ({
        order_line_id: l.orderLineId,
        sku: l.sku,
        quantity: group.qtyByLine.get(l.id)!,
        attributes: l.attributes,
      })),
      metadata: { backorder_of: fulfillmentId, picklist_id: picklistId },
    });
    tx.update(pickAdjustments)
      .set({ backorderFulfillmentId: id! })
      .where(inArray(pickAdjustments.id, group.adjustmentIds))
      .run();
    const backorder: Backorder = {
      fulfillment_id: id!,
      backorder_of: fulfillmentId,
      lines: lines.map((l) => ({
        line_id: l.id,
        order_line_id: l.orderLineId,
        sku: l.sku,
        qty: group.qtyByLine.get(l.id)!,
      })),
    };
    made.push(backorder);
    const data = { backorder_fulfillment_id: id, picklist_id: picklistId, lines: backorder.lines };
    recordTimeline(tx, actor, {
      type: 'fulfillment.backordered',
      subjectType: 'fulfillment',
      subjectId: fulfillmentId,
      fulfillmentId,
      data,
    });
    publishEvent(tx, actor, {
      type: 'fulfillment.backordered',
      subjectType: 'fulfillment',
      subjectId: fulfillmentId,
      payload: { fulfillment_id: fulfillmentId, order_id: original.orderId, ...data },
    });
  }
  return made;
}

export type CompletionResult = {
  picklist_id: string;
  pick_confirmation_id: string;
  picked: { fulfillment_id: string; line_id: string; sku: string; qty_required: number; qty_picked: number }[];
  shorts: {
    fulfillment_id: string;
    line_id: string;
    sku: string;
    qty_short: number;
    reasons: string[];
    backorder_fulfillment_id: string | null;
  }[];
  /** What became of each fulfillment: `picked`; `cancelled` when nothing of it was picked (all backordered); `skipped` when cancelled before. */
  fulfillments: { fulfillment_id: string; status: 'picked' | 'cancelled' | 'skipped' }[];
  backorders: Backorder[];
  /** Units picked for a fulfillment cancelled meanwhile: back to the bins they came from. */
  put_back: { task_id: string; location_id: string; location_code: string; sku: string; qty: number }[];
  /** Picked totals go to the Inventory Service from a job: the handheld never waits on that call. */
  inventory_confirmation: { status: 'pending'; job_id: string; status_url: string };
};

type LineTotals = {
  fulfillment_id: string;
  line_id: string;
  sku: string;
  qty_required: number;
  qty_picked: number;
  qty_short: number;
};

function totalsByLine(tasks: TaskRow[]): LineTotals[] {
  const lines = new Map<string, LineTotals>();
  for (const t of tasks) {
    const line = lines.get(t.fulfillmentLineId) ?? {
      fulfillment_id: t.fulfillmentId,
      line_id: t.fulfillmentLineId,
      sku: t.sku,
      qty_required: 0,
      qty_picked: 0,
      qty_short: 0,
    };
    line.qty_required += t.qtyRequired;
    line.qty_picked += t.qtyPicked;
    line.qty_short += t.qtyShort;
    lines.set(t.fulfillmentLineId, line);
  }
  return [...lines.values()];
}

/**
 * Completes a picklist whose every task is picked or declared short: backorders the shorts, moves each
 * fulfillment to `picked` (or cancels one of which nothing was picked), and enqueues, in this same
 * transaction, the job that confirms the picked totals with the Inventory Service and releases what a
 * short left reserved. Usable as is from a sync mutation: it makes no outside call.
 */
export function completePicklist(tx: Tx, actor: Actor, id: string, access: PickAccess = {}): CompletionResult {
  const row = requirePicklist(tx, actor, id);
  assertMayPick(actor, row, access);
  if (row.status !== 'in_progress') {
    throw conflict('picklist_not_completable', `a picklist that is ${row.status} cannot be completed`);
  }
  const tasks = taskRowsOf(tx, id);
  // A fulfillment cancelled while it was being picked neither blocks the wave nor gets picked.
  const cancelled = new Set(
    fulfillmentIdsOf(tx, id).filter((f) => findFulfillmentRow(tx, actor.tenantId, f)!.status === 'cancelled'),
  );
  const open = tasks.filter((t) => t.status === 'open' && !cancelled.has(t.fulfillmentId));
  if (open.length > 0) {
    const first = open[0]!;
    throw conflict(
      'tasks_open',
      `${open.length} task(s) are neither picked nor declared short, first ${first.id}: ${first.qtyRequired - first.qtyPicked - first.qtyShort} of ${first.sku} at ${first.locationCode}`,
    );
  }
  const confirmationId = newId('pkc');
  const backorders = backorderShorts(tx, actor, id, tasks);
  const lines = totalsByLine(tasks.filter((t) => !cancelled.has(t.fulfillmentId)));

  const fulfillments: CompletionResult['fulfillments'] = [];
  for (const fulfillmentId of fulfillmentIdsOf(tx, id)) {
    if (cancelled.has(fulfillmentId)) {
      fulfillments.push({ fulfillment_id: fulfillmentId, status: 'skipped' });
      continue;
    }
    const picked = lines.filter((l) => l.fulfillment_id === fulfillmentId).reduce((n, l) => n + l.qty_picked, 0);
    if (picked > 0) {
      moveFulfillment(tx, actor, fulfillmentId, 'picked');
      fulfillments.push({ fulfillment_id: fulfillmentId, status: 'picked' });
    } else {
      const backorder = backorders.find((b) => b.backorder_of === fulfillmentId);
      cancelFulfillment(tx, actor, fulfillmentId, {
        reason: `nothing picked on ${id}${backorder ? `: backordered as ${backorder.fulfillment_id}` : ''}`,
      });
      fulfillments.push({ fulfillment_id: fulfillmentId, status: 'cancelled' });
    }
  }

  const job = enqueueJob(tx, actor, {
    type: CONFIRM_JOB,
    input: {
      picklist_id: id,
      skipped_fulfillment_ids: fulfillments.filter((f) => f.status === 'skipped').map((f) => f.fulfillment_id),
    } satisfies ConfirmInput,
    total: new Set(tasks.map((t) => t.allocationId)).size,
  });
  const adjustments = tx.select().from(pickAdjustments).where(eq(pickAdjustments.picklistId, id)).all();
  const result: CompletionResult = {
    picklist_id: id,
    pick_confirmation_id: confirmationId,
    picked: lines.map(({ qty_short: _, ...l }) => l),
    shorts: lines
      .filter((l) => l.qty_short > 0)
      .map((l) => {
        const shorts = adjustments.filter(
          (a) => a.kind === 'short' && tasks.find((t) => t.id === a.taskId)?.fulfillmentLineId === l.line_id,
        );
        return {
          fulfillment_id: l.fulfillment_id,
          line_id: l.line_id,
          sku: l.sku,
          qty_short: l.qty_short,
          reasons: [...new Set(shorts.map((a) => a.reason))],
          backorder_fulfillment_id: shorts.find((a) => a.backorderFulfillmentId)?.backorderFulfillmentId ?? null,
        };
      }),
    fulfillments,
    backorders,
    put_back: tasks
      .filter((t) => cancelled.has(t.fulfillmentId) && t.qtyPicked > 0)
      .map((t) => ({
        task_id: t.id,
        location_id: t.locationId,
        location_code: t.locationCode,
        sku: t.sku,
        qty: t.qtyPicked,
      })),
    inventory_confirmation: { status: 'pending', job_id: job.id, status_url: jobStatusUrl(job.id) },
  };
  picklistChanged(tx, actor, row, {
    type: 'picklist.completed',
    set: {
      status: 'completed',
      completedAt: actor.now.toISOString(),
      pickConfirmationId: confirmationId,
      inventoryStatus: 'pending',
      inventoryJobId: job.id,
    },
    data: {
      pick_confirmation_id: confirmationId,
      picked: result.picked,
      shorts: result.shorts,
      backorders: backorders.map((b) => b.fulfillment_id),
      job_id: job.id,
    },
  });
  return result;
}
