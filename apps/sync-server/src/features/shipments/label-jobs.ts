import type { JobItemError } from '../../db/schema/jobs.ts';
import type { LabelFormat } from '../../db/schema/shipments.ts';
import type { JobContext, JobRegistry } from '../../platform/jobs/registry.ts';
import { ProblemError } from '../../platform/problem.ts';
import { generateLabel } from './shipment-labels.ts';

type LabelsInput = { shipment_ids: string[]; label_format: LabelFormat };
type LabelsCheckpoint = { next: number };

const OUTAGE_ATTEMPTS = 6;
const isOutage = (error: unknown) => error instanceof ProblemError && error.status >= 502;
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(30_000, 200 * 2 ** attempt)));

/** One label, retried with backoff while the carrier is unreachable; other refusals are final. */
async function labelWithRetries(ctx: JobContext, shipmentId: string, format: LabelFormat) {
  for (let attempt = 1; ; attempt++) {
    ctx.throwIfStopping();
    try {
      return await generateLabel(ctx.deps, ctx.actor, shipmentId, { label_format: format });
    } catch (error) {
      if (!isOutage(error) || attempt >= OUTAGE_ATTEMPTS) throw error;
      await backoff(attempt);
    }
  }
}

/**
 * `shipments.generate_labels`: POST /shipments/bulk-generate-labels, one shipment at a time with a
 * checkpoint after each. A label call interrupted by a crash is made again after the restart; the
 * carrier gives the same tracking number for the same shipment, so nothing is booked twice.
 */
async function generateLabels(ctx: JobContext<LabelsInput, LabelsCheckpoint>) {
  const { shipment_ids: ids, label_format: format } = ctx.input;
  let next = ctx.getCheckpoint()?.next ?? 0;
  while (next < ids.length) {
    const id = ids[next]!;
    const errors: JobItemError[] = [];
    try {
      await labelWithRetries(ctx as JobContext, id, format);
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      errors.push({ item: id, code: error.code, message: error.message });
    }
    next++;
    ctx.db.transaction((tx) => {
      ctx.reportProgress({ processed: 1, succeeded: errors.length ? 0 : 1, failed: errors.length, errors }, tx);
      ctx.checkpoint({ next }, tx);
    });
  }
  return { labelled: ctx.reportProgress({}).succeeded };
}

/** `shipments.generate_label`: the label of a shipment created on its own (sealing a fulfillment's last package). */
async function generateOneLabel(ctx: JobContext<{ shipment_id: string; label_format: LabelFormat }>) {
  const row = await labelWithRetries(ctx as JobContext, ctx.input.shipment_id, ctx.input.label_format);
  ctx.db.transaction((tx) => ctx.reportProgress({ processed: 1, succeeded: 1 }, tx));
  return { shipment_id: row.id, carrier_tracking_number: row.trackingNumber, label_format: row.labelFormat };
}

export function registerShipmentJobs(registry: JobRegistry): void {
  registry.register('shipments.generate_labels', generateLabels);
  registry.register('shipments.generate_label', generateOneLabel);
}
