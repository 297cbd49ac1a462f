import { z } from 'zod';
import { externalId, prefixedId, skuSchema } from '../common/common-schemas.ts';

/**
 * Serial and lot capture on pick, and the traceability query. Serials and lot codes are printed on
 * goods by manufacturers, so they are taken as given: any visible ASCII, bounded.
 */

const visibleAscii = /^[\x21-\x7e]+$/;

export const MAX_SERIALS_PER_REQUEST = 1000;

export const serialSchema = z.string().min(1).max(128).regex(visibleAscii, 'must be visible ASCII without spaces');
export const lotCodeSchema = z.string().min(1).max(64).regex(visibleAscii, 'must be visible ASCII without spaces');
/** The Inventory Service's id for a lot: opaque, as given. */
export const lotIdSchema = z.string().min(1).max(64);

/** What the ledger records, in the order goods move; `packed`, `shipped`, `returned` come with those features. */
export const traceEventKinds = [
  'allocated',
  'picked',
  'serial_assigned',
  'lot_consumed',
  'packed',
  'shipped',
  'returned',
] as const;
export type TraceEventKind = (typeof traceEventKinds)[number];

/** A line is named by the fulfillment line id (`fl_…`) or the order line id, whichever the caller has. */
const lineRef = externalId;

export const assignSerialsInput = z.strictObject({
  fulfillment_id: prefixedId('ful'),
  line_id: lineRef,
  serials: z
    .array(serialSchema)
    .min(1)
    .max(MAX_SERIALS_PER_REQUEST)
    .superRefine((serials, ctx) => {
      const seen = new Set<string>();
      serials.forEach((serial, i) => {
        if (seen.has(serial)) ctx.addIssue({ code: 'custom', path: [i], message: 'repeats a serial of this request' });
        seen.add(serial);
      });
    }),
});
export type AssignSerialsInput = z.infer<typeof assignSerialsInput>;

export const consumeLotInput = z
  .strictObject({
    fulfillment_id: prefixedId('ful'),
    line_id: lineRef,
    /** The lot code as printed on the goods. */
    lot: lotCodeSchema.optional(),
    /** Or the Inventory Service's lot id, as a reservation gave it. */
    lot_id: lotIdSchema.optional(),
    qty: z.number().int().positive().max(1_000_000),
  })
  .refine((b) => (b.lot === undefined) !== (b.lot_id === undefined), {
    path: ['lot'],
    message: 'give exactly one of lot or lot_id',
  });
export type ConsumeLotInput = z.infer<typeof consumeLotInput>;

/** The subject of a traceability query: exactly one of a serial or a lot code, optionally one SKU. */
export const traceSubjectFields = {
  serial: serialSchema.optional(),
  lot: lotCodeSchema.optional(),
  sku: skuSchema.optional(),
};

export const hasOneTraceSubject = (q: { serial?: string | undefined; lot?: string | undefined }) =>
  (q.serial === undefined) !== (q.lot === undefined);
