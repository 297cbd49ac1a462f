import { z } from 'zod';
import { externalId, metadataSchema, prefixedId, skuSchema } from '../common/common-schemas.ts';

export const allocationStrategies = ['nearest_warehouse', 'fifo', 'lot_expiry'] as const;
export const allocationStrategySchema = z.enum(allocationStrategies);
export type AllocationStrategy = (typeof allocationStrategies)[number];

export const allocationStatuses = ['pending', 'allocated', 'partial', 'failed', 'released'] as const;
export type AllocationStatus = (typeof allocationStatuses)[number];

export const MAX_BULK_ALLOCATIONS = 10_000;

/** A line is named by the fulfillment line id (`fl_…`) or the order line id, whichever the caller has. */
const lineRef = externalId;

export const requestAllocationInput = z.strictObject({
  fulfillment_id: prefixedId('ful'),
  /** Omitted: every line of the fulfillment, in full. */
  lines: z
    .array(z.strictObject({ line_id: lineRef, sku: skuSchema, qty: z.number().int().positive().max(1_000_000) }))
    .min(1)
    .max(500)
    .optional(),
  strategy: allocationStrategySchema.default('fifo'),
  metadata: metadataSchema.optional(),
});
export type RequestAllocationInput = z.infer<typeof requestAllocationInput>;

export const confirmPickInput = z.strictObject({
  /**
   * What has been picked so far from each reserved unit (a total, not an increment), so sending the
   * same confirmation twice changes nothing. Omitted: everything reserved was picked.
   */
  picks: z
    .array(
      z.strictObject({
        line_id: lineRef,
        location_id: z.string().min(1).max(64),
        lot_id: z.string().min(1).max(64).nullable().optional(),
        serial: z.string().min(1).max(128).nullable().optional(),
        qty: z.number().int().min(0).max(1_000_000),
      }),
    )
    .min(1)
    .max(1000)
    .optional(),
});
export type ConfirmPickInput = z.infer<typeof confirmPickInput>;

export const releaseAllocationInput = z.strictObject({
  reason: z.string().trim().min(1).max(500).optional(),
});
export type ReleaseAllocationInput = z.infer<typeof releaseAllocationInput>;

export const bulkAllocationInput = z
  .strictObject({
    fulfillment_ids: z.array(prefixedId('ful')).min(1).max(MAX_BULK_ALLOCATIONS),
    strategy: allocationStrategySchema.default('fifo'),
  })
  .refine((b) => new Set(b.fulfillment_ids).size === b.fulfillment_ids.length, {
    path: ['fulfillment_ids'],
    message: 'repeats a fulfillment id',
  });
export type BulkAllocationInput = z.infer<typeof bulkAllocationInput>;
