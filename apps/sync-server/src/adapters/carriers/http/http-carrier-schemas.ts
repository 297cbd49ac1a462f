import { z } from 'zod';
import {
  type CancelResult,
  type LabelResult,
  type ManifestResult,
  type PickupResult,
  type RateQuote,
  labelFormats,
} from '../carrier.ts';

/*
 * The wire JSON of docs/carrier-connector.openapi.yaml. Requests are parsed by the reference server,
 * answers by the `http` connector. Unknown fields are stripped, not refused, so either side may grow;
 * a missing or mistyped field makes the whole message unusable, never guessed at. Business rules (a
 * valid SSCC, a pickup date not in the past) are the carrier's to judge, not the shape's.
 */

const count = z.number().int().nonnegative();
const positive = z.number().int().positive();
const text = z.string().max(1000);
const id = z.string().min(1).max(255);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
/** The caller's moment (`CarrierCallContext.now`): the carrier keeps no clock of its own for our answers. */
const now = z.iso.datetime();

const bytes = (value: string): Uint8Array => new Uint8Array(Buffer.from(value, 'base64'));

// --- requests ---

const address = z.object({
  name: text,
  company: text.optional(),
  line1: text,
  line2: text.optional(),
  city: text,
  region: text.optional(),
  postal_code: text,
  country: text,
  phone: text.optional(),
});
const dimensions = z.object({ l: count, w: count, h: count });
const format = z.enum(labelFormats);

export const rateRequestBody = z.object({
  now,
  service_code: id.optional(),
  from: address,
  to: address,
  packages: z.array(z.object({ weight_g: count, dimensions_mm: dimensions })).max(1000),
});

export const labelRequestBody = z.object({
  now,
  /** 0 for a shipment's first label, 1 after a cancel and relabel...: part of the Idempotency-Key. */
  sequence: count,
  shipment_id: id,
  service_code: id,
  from: address,
  to: address,
  packages: z
    .array(z.object({ package_id: id, sscc: z.string().max(64), weight_g: count, dimensions_mm: dimensions }))
    .max(1000),
  reference: text,
  format,
});

export const cancelRequestBody = z.object({ now, shipment_id: id });

export const pickupRequestBody = z.object({
  now,
  address,
  date: z.string().max(32),
  ready_time: z.string().max(32),
  close_time: z.string().max(32),
  tracking_numbers: z.array(id).max(10_000),
  package_count: count,
});

export const manifestRequestBody = z.object({
  now,
  manifest_id: id,
  dispatch_date: z.string().max(32),
  shipments: z
    .array(z.object({ shipment_id: id, tracking_number: id, package_count: count, weight_g: count }))
    .max(10_000),
});

export type WireRateRequest = z.infer<typeof rateRequestBody>;
export type WireLabelRequest = z.infer<typeof labelRequestBody>;
export type WireCancelRequest = z.infer<typeof cancelRequestBody>;
export type WirePickupRequest = z.infer<typeof pickupRequestBody>;
export type WireManifestRequest = z.infer<typeof manifestRequestBody>;

// --- answers: parsed into the interface's own types ---

const rateQuote: z.ZodType<RateQuote> = z.object({
  service_code: id,
  service_name: text,
  price: z.object({ value: count, currency: z.string().regex(/^[A-Z]{3}$/) }),
  billable_weight_g: count,
  transit_business_days: count,
  estimated_delivery_date: isoDate,
});

/** Wrapped in an object so the answer can grow (a quote id, say) without breaking us. */
export const ratesAnswer = z.object({ quotes: z.array(rateQuote) });

/** Label bytes travel as base64 in `data_base64`; the connector hands out the decoded bytes as `data`. */
export const labelAnswer: z.ZodType<LabelResult, unknown> = z
  .object({
    tracking_number: id,
    format,
    content_type: z.string().min(1).max(255),
    pages: positive,
    data_base64: z.base64().min(1),
  })
  .transform(({ data_base64, ...rest }) => ({ ...rest, data: bytes(data_base64) }));

export const cancelAnswer: z.ZodType<CancelResult, unknown> = z.object({
  tracking_number: id,
  status: z.literal('cancelled'),
  cancelled_at: z.iso.datetime({ offset: true }),
});

export const pickupAnswer: z.ZodType<PickupResult, unknown> = z.object({
  confirmation_number: id,
  date: isoDate,
  window: z.object({ from: clockTime, to: clockTime }),
});

export const manifestAnswer: z.ZodType<ManifestResult, unknown> = z
  .object({
    carrier_manifest_id: id,
    status: z.literal('accepted'),
    shipment_count: count,
    content_type: z.string().min(1).max(255),
    data_base64: z.base64(),
  })
  .transform(({ data_base64, ...rest }) => ({ ...rest, data: bytes(data_base64) }));
