import { z } from 'zod';
import { externalId, metadataSchema, prefixedId, skuSchema, timestampSchema } from '../common/common-schemas.ts';
import { shippingAddressSchema } from '../shipment/shipment-schemas.ts';
import { fulfillmentStatuses } from './fulfillment-status.ts';

export const MAX_LINES_PER_FULFILLMENT = 500;

export const fulfillmentLineInput = z.strictObject({
  order_line_id: externalId,
  sku: skuSchema,
  quantity: z.number().int().positive().max(1_000_000),
  /** Ships this line from another warehouse: lines are split into one fulfillment unit per warehouse. */
  warehouse_id: prefixedId('wh').optional(),
  attributes: metadataSchema.optional(),
});

export const createFulfillmentInput = z
  .strictObject({
    order_id: externalId,
    source: z.string().min(1).max(64).optional(),
    requested_ship_date: timestampSchema.optional(),
    warehouse_id: prefixedId('wh').optional(),
    lines: z.array(fulfillmentLineInput).min(1).max(MAX_LINES_PER_FULFILLMENT),
    /** Where the parcels go. Shipments default to it; without it every shipment must name `to_address`. */
    ship_to: shippingAddressSchema.optional(),
    metadata: metadataSchema.optional(),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.lines.forEach((line, i) => {
      if (seen.has(line.order_line_id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', i, 'order_line_id'],
          message: `repeats order line ${line.order_line_id}`,
        });
      }
      seen.add(line.order_line_id);
    });
  });
export type CreateFulfillmentInput = z.infer<typeof createFulfillmentInput>;

export const updateFulfillmentInput = z
  .strictObject({
    warehouse_id: prefixedId('wh').optional(),
    requested_ship_date: timestampSchema.nullable().optional(),
    /** Replaces the whole address (null removes it) until the fulfillment has shipped. */
    ship_to: shippingAddressSchema.nullable().optional(),
    /** Merged into the existing metadata; a key set to null is removed. */
    metadata: metadataSchema.optional(),
    version: z.number().int().positive().optional(),
  })
  .refine(
    (p) =>
      p.warehouse_id !== undefined ||
      p.requested_ship_date !== undefined ||
      p.ship_to !== undefined ||
      p.metadata !== undefined,
    { message: 'send at least one of warehouse_id, requested_ship_date, ship_to, metadata' },
  );
export type UpdateFulfillmentInput = z.infer<typeof updateFulfillmentInput>;

export const cancelFulfillmentInput = z.strictObject({
  reason: z.string().trim().min(1).max(500).optional(),
  version: z.number().int().positive().optional(),
});
export type CancelFulfillmentInput = z.infer<typeof cancelFulfillmentInput>;

export const fulfillmentStatusSchema = z.enum(fulfillmentStatuses);
