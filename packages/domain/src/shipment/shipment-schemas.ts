import { z } from 'zod';
import {
  codeSchema,
  externalId,
  metadataSchema,
  prefixedId,
  skuSchema,
  timestampSchema,
} from '../common/common-schemas.ts';
import { dimsSchema, MAX_WEIGHT_G } from '../packaging/packaging-schemas.ts';
import { countryCodeSchema } from '../warehouse/serviceable-regions.ts';
import { addressSchema } from '../warehouse/warehouse-schemas.ts';

/** Request bodies of shipments, routing rules, manifests, ASNs and vendor shipments (api-design 4, 5, 11, 16). */

/**
 * The life of a shipment (api-design section 18) plus `cancelled`, which the design leaves implicit:
 * a cancelled shipment keeps its record and frees its packages for a new one.
 */
export const shipmentStatuses = [
  'label_pending',
  'label_generated',
  'booked',
  'in_transit',
  'delivered',
  'failed',
  'cancelled',
] as const;
export type ShipmentStatus = (typeof shipmentStatuses)[number];
export const shipmentStatusSchema = z.enum(shipmentStatuses);

export const labelFormats = ['pdf', 'zpl', 'png'] as const;
export const labelFormatSchema = z.enum(labelFormats);

/** Where a parcel goes: a postal address with the name it is for. */
export const shippingAddressSchema = addressSchema.extend({
  name: z.string().trim().min(1).max(100),
  company: z.string().trim().min(1).max(100).optional(),
  phone: z.string().trim().min(3).max(32).optional(),
});
export type ShippingAddress = z.infer<typeof shippingAddressSchema>;

export const MAX_PACKAGES_PER_SHIPMENT = 50;
export const MAX_SHIPMENTS_PER_BATCH = 1_000;

const connectorId = codeSchema.max(64);
const serviceCode = codeSchema.max(64);

export const createShipmentInput = z.strictObject({
  fulfillment_id: prefixedId('ful'),
  /** Sealed packages of the fulfillment; all its sealed packages not on another shipment when left out. */
  packages: z
    .array(
      z.strictObject({
        package_id: prefixedId('pkg'),
        /** A sealed package is immutable: a weight or dimensions sent must match what was sealed. */
        weight: z.number().int().min(1).max(MAX_WEIGHT_G).optional(),
        dimensions: dimsSchema.optional(),
      }),
    )
    .min(1)
    .max(MAX_PACKAGES_PER_SHIPMENT)
    .optional(),
  from_warehouse_id: prefixedId('wh').optional(),
  /** The fulfillment's `ship_to` when left out. */
  to_address: shippingAddressSchema.optional(),
  /** A carrier connector id (`sandbox`, ...); routing rules choose when left out. */
  carrier_hint: connectorId.optional(),
  service_code: serviceCode.optional(),
  insurance: z
    .strictObject({
      value: z.number().int().min(0).max(100_000_000),
      currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as GBP'),
    })
    .optional(),
  reference: z.string().trim().min(1).max(64).optional(),
  metadata: metadataSchema.optional(),
});
export type CreateShipmentInput = z.infer<typeof createShipmentInput>;

export const generateLabelInput = z.strictObject({
  label_format: labelFormatSchema.optional(),
  /** Another connector than the shipment's: allowed only before its first label. */
  connector_id: connectorId.optional(),
});
export type GenerateLabelInput = z.infer<typeof generateLabelInput>;

const isoDate = z.iso.date();
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');

export const schedulePickupInput = z
  .strictObject({
    /** YYYY-MM-DD in the warehouse's local time. */
    date: isoDate,
    ready_time: clockTime,
    close_time: clockTime,
  })
  .refine((p) => p.ready_time < p.close_time, { path: ['close_time'], message: 'must be after ready_time' });
export type SchedulePickupInput = z.infer<typeof schedulePickupInput>;

export const cancelShipmentInput = z.strictObject({
  reason: z.string().trim().min(1).max(500).optional(),
  version: z.number().int().positive().optional(),
});
export type CancelShipmentInput = z.infer<typeof cancelShipmentInput>;

export const bookShipmentInput = z.strictObject({
  /** YYYY-MM-DD: the manifest (collection day) to add the shipment to; today in the warehouse when left out. */
  dispatch_date: isoDate.optional(),
});
export type BookShipmentInput = z.infer<typeof bookShipmentInput>;

export const trackShipmentInput = z.strictObject({
  /**
   * `webhook` (default) subscribes to the carrier's pushes to POST /webhook/carrier; `poll` only
   * answers what is known now.
   */
  mode: z.enum(['webhook', 'poll']).optional(),
});
export type TrackShipmentInput = z.infer<typeof trackShipmentInput>;

export const bulkGenerateLabelsInput = z.strictObject({
  shipment_ids: z.array(prefixedId('sh')).min(1).max(MAX_SHIPMENTS_PER_BATCH),
  label_format: labelFormatSchema.optional(),
});
export type BulkGenerateLabelsInput = z.infer<typeof bulkGenerateLabelsInput>;

/** What a carrier tells us about a parcel, pushed to POST /webhook/carrier. */
export const carrierTrackingStatuses = ['in_transit', 'out_for_delivery', 'delivered', 'failed', 'exception'] as const;

export const carrierTrackingEvent = z.strictObject({
  /** The carrier's id of this update: a redelivery with the same id is applied once. */
  event_id: z.string().min(1).max(128),
  tenant_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** Either names the shipment; the tracking number is what carriers know. */
  shipment_id: prefixedId('sh').optional(),
  tracking_number: z.string().min(1).max(64).optional(),
  status: z.enum(carrierTrackingStatuses),
  occurred_at: timestampSchema,
  location: z.string().max(200).optional(),
  description: z.string().max(500).optional(),
  /** `failed` only: why the parcel could not be delivered. */
  reason: z.string().max(500).optional(),
});
export type CarrierTrackingEvent = z.infer<typeof carrierTrackingEvent>;

// --- Routing rules (section 16) ---

export const MAX_RULE_VALUES = 200;

export const routingConditionsSchema = z
  .strictObject({
    /** Any of these SKUs is in the shipment. */
    skus: z.array(skuSchema).min(1).max(MAX_RULE_VALUES).optional(),
    /** Total shipment weight bounds in grams, inclusive. */
    min_weight_g: z.number().int().min(0).max(MAX_WEIGHT_G).optional(),
    max_weight_g: z.number().int().min(0).max(MAX_WEIGHT_G).optional(),
    /** Destination country (ISO alpha-2). */
    destination_countries: z.array(countryCodeSchema).min(1).max(MAX_RULE_VALUES).optional(),
    /** Destination postal code starts with one of these (case and spaces ignored). */
    postal_code_prefixes: z.array(z.string().trim().min(1).max(16)).min(1).max(MAX_RULE_VALUES).optional(),
    /** The service level asked for (`service_code` of the request, or the fulfillment's `metadata.service_level`). */
    service_levels: z.array(serviceCode).min(1).max(MAX_RULE_VALUES).optional(),
    /** Shipping from one of these warehouses. */
    warehouse_ids: z.array(prefixedId('wh')).min(1).max(MAX_RULE_VALUES).optional(),
  })
  .refine((c) => c.min_weight_g === undefined || c.max_weight_g === undefined || c.min_weight_g <= c.max_weight_g, {
    path: ['max_weight_g'],
    message: 'must be at least min_weight_g',
  });
export type RoutingConditions = z.infer<typeof routingConditionsSchema>;

export const createRoutingRuleInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  /** Lower runs first; the first active rule whose every condition holds wins. */
  priority: z.number().int().min(0).max(1_000_000),
  /** No conditions: matches every shipment (a catch-all, usually with the highest priority number). */
  conditions: routingConditionsSchema.optional(),
  carrier: connectorId,
  service_code: serviceCode,
  active: z.boolean().optional(),
  metadata: metadataSchema.optional(),
});
export type CreateRoutingRuleInput = z.infer<typeof createRoutingRuleInput>;

// --- Manifests and ASN (section 5) ---

export const createManifestInput = z.strictObject({
  warehouse_id: prefixedId('wh'),
  shipments: z.array(prefixedId('sh')).min(1).max(MAX_SHIPMENTS_PER_BATCH),
  carrier_id: connectorId,
  dispatch_date: isoDate,
  metadata: metadataSchema.optional(),
});
export type CreateManifestInput = z.infer<typeof createManifestInput>;

export const createAsnInput = z.strictObject({
  asn_reference: externalId,
  shipments: z.array(prefixedId('sh')).min(1).max(MAX_SHIPMENTS_PER_BATCH),
  expected_arrival: timestampSchema,
  /** The receiving DC, when it is one of ours. */
  destination_warehouse_id: prefixedId('wh').optional(),
  metadata: metadataSchema.optional(),
});
export type CreateAsnInput = z.infer<typeof createAsnInput>;

// --- Vendor shipments (section 11) ---

export const vendorShipmentReasons = ['return_to_vendor', 'repair', 'transfer'] as const;

export const createVendorShipmentInput = z
  .strictObject({
    vendor_id: externalId,
    reason: z.enum(vendorShipmentReasons),
    /** The supplier's return authorisation, printed as the label reference. */
    rma_reference: externalId.optional(),
    asn_reference: externalId.optional(),
    from_warehouse_id: prefixedId('wh'),
    to_address: shippingAddressSchema,
    /** What goes back, for the supplier's receiving and for traceability. */
    lines: z
      .array(
        z.strictObject({
          sku: skuSchema,
          qty: z.number().int().min(1).max(100_000),
          lot: z.string().min(1).max(64).optional(),
          serials: z.array(z.string().min(1).max(100)).max(1_000).optional(),
        }),
      )
      .min(1)
      .max(500),
    /** Packed outside the pack stations (bulk returns): weight and dimensions as measured. */
    packages: z
      .array(z.strictObject({ weight: z.number().int().min(1).max(MAX_WEIGHT_G), dimensions: dimsSchema }))
      .min(1)
      .max(MAX_PACKAGES_PER_SHIPMENT),
    carrier_hint: connectorId.optional(),
    service_code: serviceCode.optional(),
    metadata: metadataSchema.optional(),
  })
  .refine((v) => v.rma_reference !== undefined || v.asn_reference !== undefined, {
    path: ['rma_reference'],
    message: 'send an rma_reference or an asn_reference: the supplier needs one to receive the goods',
  });
export type CreateVendorShipmentInput = z.infer<typeof createVendorShipmentInput>;
