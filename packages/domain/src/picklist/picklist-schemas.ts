import { z } from 'zod';
import { metadataSchema, prefixedId, skuSchema, timestampSchema } from '../common/common-schemas.ts';
import { MAX_SHORT_REASON_LENGTH } from './apply-scan.ts';
import { pickPriorities, picklistStatuses, type PickScan } from './picklist-model.ts';

/** Request bodies of the picklist routes and of the pick sync mutations: one definition for both doors. */

export const MAX_PICKLIST_FULFILLMENTS = 500;
export const MAX_SCANS_PER_BATCH = 200;
export const MAX_ITEMS_PER_ADJUSTMENT = 500;

const distinct = <T extends z.ZodType<string>>(item: T, max: number, what: string) =>
  z
    .array(item)
    .min(1)
    .max(max)
    .superRefine((values, ctx) => {
      const seen = new Set<string>();
      values.forEach((v, i) => {
        if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], message: `repeats ${what} ${v}` });
        seen.add(v);
      });
    });

const visible = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII without spaces');

const reason = z.string().trim().min(1).max(MAX_SHORT_REASON_LENGTH);

export const pickPrioritySchema = z.enum(pickPriorities);
export const picklistStatusSchema = z.enum(picklistStatuses);

export const createPicklistInput = z.strictObject({
  warehouse_id: prefixedId('wh'),
  fulfillment_ids: distinct(prefixedId('ful'), MAX_PICKLIST_FULFILLMENTS, 'fulfillment'),
  priority: pickPrioritySchema.default('normal'),
  /** Who may take the wave (a zone team, a shift): free text the supervisor filters by. */
  picker_group: z.string().trim().min(1).max(64).optional(),
  metadata: metadataSchema.optional(),
});
export type CreatePicklistInput = z.infer<typeof createPicklistInput>;

export const assignPicklistInput = z.strictObject({
  worker_id: prefixedId('wkr'),
  /** The handheld the picklist goes to; a registered, active device. */
  device_id: z.string().min(1).max(64).optional(),
});
export type AssignPicklistInput = z.infer<typeof assignPicklistInput>;

/**
 * One scan. `qty` is any number here: a quantity that is not a whole 1-10,000 is a business verdict
 * (`invalid_qty`) recorded for that scan alone, not a reason to refuse the batch around it.
 */
export const pickScanSchema = z
  .strictObject({
    scan_id: visible(64),
    /** The bin's id, or the barcode on its label as scanned. */
    location_id: visible(64),
    sku: skuSchema.optional(),
    barcode: z.string().min(1).max(512).optional(),
    lot: z.string().min(1).max(64).nullable().optional(),
    serial: z.string().min(1).max(128).nullable().optional(),
    qty: z.number().min(-1_000_000).max(1_000_000),
    timestamp: timestampSchema,
  })
  .refine((s) => s.sku !== undefined || s.barcode !== undefined, {
    message: 'send the sku or the scanned barcode',
    path: ['sku'],
  }) satisfies z.ZodType<PickScan>;

export const scanBatchInput = z.strictObject({
  scans: z.array(pickScanSchema).min(1).max(MAX_SCANS_PER_BATCH),
});
export type ScanBatchInput = z.infer<typeof scanBatchInput>;

export const shortPickInput = z.strictObject({
  task_id: prefixedId('task'),
  qty_short: z.number().int().min(1).max(1_000_000),
  reason,
});
export type ShortPickInput = z.infer<typeof shortPickInput>;

export const rebinInput = z.strictObject({
  items: z
    .array(
      z.strictObject({
        task_id: prefixedId('task'),
        qty: z.number().int().min(1).max(1_000_000),
        to_location_id: prefixedId('loc'),
        reason,
      }),
    )
    .min(1)
    .max(MAX_ITEMS_PER_ADJUSTMENT),
});
export type RebinInput = z.infer<typeof rebinInput>;

export const adjustInput = z.strictObject({
  adjustments: z
    .array(
      z
        .strictObject({
          task_id: prefixedId('task'),
          /** Units that are not there: declared short, and backordered. */
          qty_short: z.number().int().min(1).max(1_000_000).optional(),
          /** Units picked beyond the task (found in the tote): recorded, to be put back. */
          qty_over: z.number().int().min(1).max(1_000_000).optional(),
          reason,
        })
        .refine((a) => (a.qty_short === undefined) !== (a.qty_over === undefined), {
          message: 'give exactly one of qty_short and qty_over',
        }),
    )
    .min(1)
    .max(MAX_ITEMS_PER_ADJUSTMENT),
});
export type AdjustInput = z.infer<typeof adjustInput>;
