import type { ConfirmPickInput } from '@fulfillment/domain/allocation/allocation-schemas';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/context.ts';
import type { JobContext, JobRegistry } from '../../platform/jobs/registry.ts';
import { ProblemError } from '../../platform/problem.ts';
import { allocationUnitsOf, findAllocationRow } from '../allocations/allocations.queries.ts';
import { confirmAllocationPick, releaseAllocation } from '../allocations/allocations.service.ts';
import { CONFIRM_JOB } from './picklist-completion.ts';
import { picklistChanged } from './picklist-events.ts';
import { findPicklistRow, taskRowsOf } from './picklists.queries.ts';

/** `skipped_fulfillment_ids`: cancelled before the completion; their cancellation releases their stock. */
export type ConfirmInput = { picklist_id: string; skipped_fulfillment_ids?: string[] };
type Step = { allocationId: string; picks: NonNullable<ConfirmPickInput['picks']>; short: boolean };

const ATTEMPTS = 8;

/**
 * Per allocation of the picklist: the picked total of each reserved unit (the Inventory Service takes
 * totals, so confirming twice changes nothing) and whether a short left part of it reserved.
 * Fulfillments cancelled before the completion are left out.
 */
function plan(db: Db, picklistId: string, skipped: Set<string>): Step[] {
  const steps = new Map<string, Step & { totals: Map<string, NonNullable<ConfirmPickInput['picks']>[number]> }>();
  for (const t of taskRowsOf(db, picklistId)) {
    if (skipped.has(t.fulfillmentId)) continue;
    const step = steps.get(t.allocationId) ?? {
      allocationId: t.allocationId,
      picks: [],
      short: false,
      totals: new Map(),
    };
    step.short ||= t.qtyPicked < t.qtyRequired;
    // The allocations feature tells reserved units apart by line, bin, lot and serial.
    const key = JSON.stringify([t.fulfillmentLineId, t.locationId, t.lotId, t.serial]);
    const pick = step.totals.get(key) ?? {
      line_id: t.fulfillmentLineId,
      location_id: t.locationId,
      lot_id: t.lotId,
      serial: t.serial,
      qty: 0,
    };
    pick.qty += t.qtyPicked;
    step.totals.set(key, pick);
    steps.set(t.allocationId, step);
  }
  return [...steps.values()].map((s) => ({
    allocationId: s.allocationId,
    picks: [...s.totals.values()].filter((p) => p.qty > 0),
    short: s.short,
  }));
}

/** Whether an earlier run confirmed these totals already (it confirms before it releases). */
function alreadyConfirmed(db: Db, step: Step): boolean {
  const units = allocationUnitsOf(db, [step.allocationId]);
  return step.picks.every((p) => {
    const confirmed = units
      .filter(
        (u) =>
          u.fulfillmentLineId === p.line_id &&
          u.locationId === p.location_id &&
          u.lotId === (p.lot_id ?? null) &&
          u.serial === (p.serial ?? null),
      )
      .reduce((n, u) => n + u.picked, 0);
    return confirmed >= p.qty;
  });
}

async function withRetries<T>(ctx: JobContext<ConfirmInput>, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    ctx.throwIfStopping();
    try {
      return await work();
    } catch (error) {
      const outage = error instanceof ProblemError && error.status >= 502;
      if (!outage || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 250 * 2 ** attempt)));
    }
  }
}

function record(
  db: Db,
  actor: Actor,
  picklistId: string,
  outcome: { ok: true } | { ok: false; code: string; message: string },
) {
  db.transaction((tx) => {
    const row = findPicklistRow(tx, actor.tenantId, picklistId)!;
    if (outcome.ok) {
      picklistChanged(tx, actor, row, {
        type: 'picklist.inventory_confirmed',
        set: { inventoryStatus: 'confirmed', inventoryError: null },
        data: { pick_confirmation_id: row.pickConfirmationId },
      });
    } else {
      const error = { code: outcome.code, message: outcome.message, at: actor.now.toISOString() };
      picklistChanged(tx, actor, row, {
        type: 'picklist.inventory_failed',
        set: { inventoryStatus: 'failed', inventoryError: error },
        data: { pick_confirmation_id: row.pickConfirmationId, error },
      });
    }
  });
}

/**
 * `picklists.confirm`, enqueued by the completion in its own transaction: confirms each allocation's
 * picked totals with the Inventory Service (through the allocations feature, which records them), then
 * releases an allocation a short left partly reserved, which returns exactly the unpicked remainder to
 * stock. Outages are retried with backoff; a refusal marks the picklist's inventory confirmation
 * `failed` with the reason, for a supervisor to reconcile. A re-run redoes nothing already done.
 */
async function confirmPicklist(ctx: JobContext<ConfirmInput>) {
  const { db, inventory } = ctx.deps;
  const actor = ctx.actor;
  const id = ctx.input.picklist_id;
  const row = findPicklistRow(db, actor.tenantId, id);
  if (!row || row.inventoryStatus === 'confirmed') return { picklist_id: id, confirmed: 0, released: 0 };
  const steps = plan(db, id, new Set(ctx.input.skipped_fulfillment_ids ?? []));
  let confirmed = 0;
  let released = 0;
  try {
    for (const step of steps) {
      const allocation = findAllocationRow(db, actor.tenantId, step.allocationId);
      if (step.picks.length > 0 && (allocation?.status === 'allocated' || allocation?.status === 'partial')) {
        await withRetries(ctx, () =>
          confirmAllocationPick({ db, inventory }, actor, step.allocationId, { picks: step.picks }),
        );
        confirmed++;
      } else if (step.picks.length > 0 && !alreadyConfirmed(db, step)) {
        // Released by someone else before its picks were confirmed: the books need a person.
        throw new ProblemError(
          409,
          'allocation_not_confirmable',
          `allocation ${step.allocationId} is ${allocation?.status ?? 'gone'}: its picks could not be confirmed`,
        );
      }
      if (step.short && findAllocationRow(db, actor.tenantId, step.allocationId)?.status !== 'released') {
        await withRetries(ctx, () =>
          releaseAllocation({ db, inventory }, actor, step.allocationId, `short pick on picklist ${id}`),
        );
        released++;
      }
      db.transaction((tx) => ctx.reportProgress({ processed: 1, succeeded: 1 }, tx));
    }
  } catch (error) {
    if (error instanceof ProblemError) record(db, actor, id, { ok: false, code: error.code, message: error.message });
    throw error;
  }
  record(db, actor, id, { ok: true });
  return { picklist_id: id, confirmed, released };
}

export function registerPicklistJobs(registry: JobRegistry): void {
  registry.register(CONFIRM_JOB, confirmPicklist);
}
