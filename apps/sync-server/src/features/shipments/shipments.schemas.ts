import {
  bookShipmentInput,
  bulkGenerateLabelsInput,
  cancelShipmentInput,
  createShipmentInput,
  generateLabelInput,
  labelFormatSchema,
  schedulePickupInput,
  shipmentStatuses,
  shipmentStatusSchema,
  trackShipmentInput,
} from '@fulfillment/domain/shipment/shipment-schemas';
import { z } from '@hono/zod-openapi';
import { paginationQuery } from '../../platform/pagination.ts';
import { commaSeparatedEnum, listOf, resourceBase } from '../../platform/schemas.ts';
import { shippingAddress } from '../fulfillments/fulfillments.schemas.ts';

export const CreateShipmentRequest = createShipmentInput.openapi('CreateShipmentRequest', {
  example: {
    fulfillment_id: 'ful_01JAAAAAAAAAAAAAAAAAAAAAAA',
    packages: [{ package_id: 'pkg_01JAAAAAAAAAAAAAAAAAAAAAAA', weight: 1200, dimensions: { l: 300, w: 200, h: 100 } }],
    from_warehouse_id: 'wh_01JAAAAAAAAAAAAAAAAAAAAAAA',
    to_address: {
      name: 'Ada Lovelace',
      line1: '12 St James Square',
      city: 'London',
      postal_code: 'SW1Y 4JH',
      country: 'GB',
    },
    carrier_hint: 'sandbox',
    service_code: 'express',
    insurance: { value: 20000, currency: 'GBP' },
    reference: 'order_shipment_123',
    metadata: {},
  },
});
export const GenerateLabelRequest = generateLabelInput.openapi('GenerateLabelRequest', {
  example: { label_format: 'zpl' },
});
export const SchedulePickupRequest = schedulePickupInput.openapi('SchedulePickupRequest', {
  example: { date: '2026-01-06', ready_time: '14:00', close_time: '18:00' },
});
export const CancelShipmentRequest = cancelShipmentInput.openapi('CancelShipmentRequest');
export const BookShipmentRequest = bookShipmentInput.openapi('BookShipmentRequest');
export const TrackShipmentRequest = trackShipmentInput.openapi('TrackShipmentRequest');
export const BulkGenerateLabelsRequest = bulkGenerateLabelsInput.openapi('BulkGenerateLabelsRequest');

const dims = z.object({ l: z.number().int(), w: z.number().int(), h: z.number().int() });

export const Shipment = z
  .object({
    id: z.string().openapi({ example: 'sh_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    kind: z.enum(['outbound', 'vendor']),
    fulfillment_id: z.string().nullable(),
    warehouse_id: z.string(),
    status: shipmentStatusSchema,
    carrier: z.string().openapi({ example: 'sandbox', description: 'The carrier connector id' }),
    carrier_service: z.string().openapi({ example: 'express' }),
    carrier_source: z
      .string()
      .openapi({ description: 'How the carrier was chosen: `request`, `routing_rule:<id>` or `default`.' }),
    carrier_tracking_number: z.string().nullable().openapi({ example: 'SBX00123456785' }),
    label_url: z.string().nullable().openapi({ description: 'Signed link to the latest label made; null before.' }),
    label_url_expires_at: z.string().nullable(),
    label_format: labelFormatSchema.nullable(),
    label_formats: z.array(labelFormatSchema).openapi({ description: 'Formats rendered so far.' }),
    packages: z.array(
      z.object({ package_id: z.string().nullable(), sscc: z.string(), weight: z.number().int(), dimensions: dims }),
    ),
    from_address: shippingAddress,
    to_address: shippingAddress,
    insurance: z.object({ value: z.number().int(), currency: z.string() }).nullable(),
    reference: z.string().nullable(),
    vendor: z
      .object({
        vendor_id: z.string(),
        reason: z.string(),
        rma_reference: z.string().nullable(),
        asn_reference: z.string().nullable(),
        lines: z.array(
          z.object({
            sku: z.string(),
            qty: z.number().int(),
            lot: z.string().optional(),
            serials: z.array(z.string()).optional(),
          }),
        ),
      })
      .nullable()
      .openapi({ description: 'Vendor shipments only (section 11).' }),
    manifest_id: z.string().nullable(),
    pickup: z
      .object({
        confirmation_number: z.string(),
        date: z.string(),
        window: z.object({ from: z.string(), to: z.string() }),
      })
      .nullable(),
    tracking: z.object({
      mode: z.enum(['webhook', 'poll']).nullable(),
      events: z.array(
        z.object({
          event_id: z.string(),
          status: z.string(),
          occurred_at: z.string(),
          location: z.string().nullable(),
          description: z.string().nullable(),
          received_at: z.string(),
        }),
      ),
    }),
    booked_at: z.string().nullable(),
    shipped_at: z.string().nullable(),
    delivered_at: z.string().nullable(),
    failed_at: z.string().nullable(),
    failure_reason: z.string().nullable(),
    cancelled_at: z.string().nullable(),
    cancel_reason: z.string().nullable(),
    ...resourceBase,
  })
  .openapi('Shipment');

export const ShipmentList = listOf(Shipment, 'ShipmentList');

export const ShipmentLabel = z
  .object({
    shipment_id: z.string(),
    status: shipmentStatusSchema,
    carrier: z.string(),
    carrier_tracking_number: z.string(),
    label_format: labelFormatSchema,
    label_url: z.string().openapi({ description: 'Signed, expiring link to the label file' }),
    expires_at: z.string(),
    content_type: z.string().openapi({ example: 'application/pdf' }),
    pages: z.number().int().openapi({ description: 'One label per package' }),
    generated_at: z.string(),
  })
  .openapi('ShipmentLabel');

export const BookingResult = z
  .object({ shipment_id: z.string(), status: shipmentStatusSchema, manifest_id: z.string() })
  .openapi('ShipmentBooking');

export const LabelQuery = z.strictObject({ format: labelFormatSchema.optional() });

const statusList = commaSeparatedEnum(shipmentStatuses, 'label_generated,booked');

export const ListShipmentsQuery = z.strictObject({
  ...paginationQuery,
  warehouse_id: z.string().min(1).max(64).optional(),
  status: statusList.optional(),
  fulfillment_id: z.string().min(1).max(64).optional(),
  package_id: z.string().min(1).max(64).optional(),
  manifest_id: z.string().min(1).max(64).optional(),
  carrier: z.string().min(1).max(64).optional(),
  kind: z.enum(['outbound', 'vendor']).optional(),
});
