import {
  cancelFulfillmentInput,
  createFulfillmentInput,
  fulfillmentStatusSchema,
  updateFulfillmentInput,
} from '@fulfillment/domain/fulfillment/fulfillment-schemas';
import { fulfillmentStatuses } from '@fulfillment/domain/fulfillment/fulfillment-status';
import { shippingAddressSchema } from '@fulfillment/domain/shipment/shipment-schemas';
import { z } from '@hono/zod-openapi';
import { paginationQuery } from '../../platform/pagination.ts';
import { commaSeparatedEnum, listOf, resourceBase } from '../../platform/schemas.ts';
import { Allocation } from '../allocations/allocations.schemas.ts';

export const CreateFulfillmentRequest = createFulfillmentInput.openapi('CreateFulfillmentRequest', {
  example: {
    order_id: 'ord_123',
    source: 'order_service',
    requested_ship_date: '2025-09-01T09:00:00Z',
    warehouse_id: 'wh_01JAAAAAAAAAAAAAAAAAAAAAAA',
    lines: [
      { order_line_id: 'line_1', sku: 'SKU-1', quantity: 2, attributes: {} },
      { order_line_id: 'line_2', sku: 'SKU-2', quantity: 1 },
    ],
    metadata: {},
  },
});
export const UpdateFulfillmentRequest = updateFulfillmentInput.openapi('UpdateFulfillmentRequest');
export const CancelFulfillmentRequest = cancelFulfillmentInput.openapi('CancelFulfillmentRequest');

export const shippingAddress = shippingAddressSchema.openapi('ShippingAddress', {
  example: {
    name: 'Ada Lovelace',
    line1: '12 St James Square',
    city: 'London',
    postal_code: 'SW1Y 4JH',
    country: 'GB',
  },
});

const TimelineEntry = z
  .object({
    id: z.string(),
    type: z.string().openapi({ example: 'fulfillment.created' }),
    occurred_at: z.string(),
    subject: z.object({ type: z.string(), id: z.string() }),
    actor: z.object({ type: z.string(), id: z.string() }),
    device_id: z.string().nullable(),
    worker_id: z.string().nullable(),
    request_id: z.string(),
    data: z.record(z.string(), z.unknown()),
  })
  .openapi('TimelineEntry');

export const Fulfillment = z
  .object({
    id: z.string().openapi({ example: 'ful_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    order_id: z.string(),
    source: z.string().nullable(),
    warehouse_id: z.string().nullable(),
    status: fulfillmentStatusSchema,
    requested_ship_date: z.string().nullable(),
    ship_to: shippingAddress.nullable(),
    lines: z.array(
      z.object({
        id: z.string(),
        order_line_id: z.string(),
        sku: z.string(),
        qty: z.number().int(),
        attributes: z.record(z.string(), z.unknown()),
        allocated: z.array(z.object({ location: z.string(), lot_id: z.string().nullable(), qty: z.number().int() })),
      }),
    ),
    allocation_id: z.string().nullable(),
    picklist_id: z.string().nullable(),
    packages: z.array(
      z.object({
        package_id: z.string().openapi({ example: 'pkg_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
        status: z.enum(['open', 'sealed']),
        sscc: z.string().nullable().openapi({ example: '006141410000000018' }),
        weight: z.number().int().openapi({ description: 'Gross grams' }),
        dimensions: z.object({ l: z.number().int(), w: z.number().int(), h: z.number().int() }),
      }),
    ),
    shipments: z.array(z.string()).openapi({ description: 'Shipment ids, oldest first (cancelled ones too).' }),
    cancel_reason: z.string().nullable(),
    cancelled_at: z.string().nullable(),
    ...resourceBase,
  })
  .openapi('Fulfillment');

export const FulfillmentDetail = Fulfillment.extend({
  allocations: z.array(Allocation).openapi({ description: 'Every allocation asked for, oldest first.' }),
  tasks: z.array(z.unknown()),
  timeline: z
    .array(TimelineEntry)
    .openapi({ description: 'The latest 100 entries, oldest first; page through /timeline for all.' }),
}).openapi('FulfillmentDetail');

export const CreateFulfillmentResponse = z
  .object({
    fulfillment_id: z.string().openapi({ description: 'The first (or only) fulfillment unit created.' }),
    status: fulfillmentStatusSchema,
    fulfillments: z.array(Fulfillment).openapi({ description: 'One unit per ship-from warehouse (split shipments).' }),
  })
  .openapi('CreateFulfillmentResponse');

export const FulfillmentList = listOf(Fulfillment, 'FulfillmentList');
export const TimelineList = listOf(TimelineEntry, 'TimelineList');

const statusList = commaSeparatedEnum(fulfillmentStatuses, 'created,allocated');

export const ListFulfillmentsQuery = z.strictObject({
  ...paginationQuery,
  order_id: z.string().min(1).max(128).optional(),
  status: statusList.optional(),
  warehouse_id: z.string().min(1).max(64).optional(),
  created_after: z.iso.datetime({ offset: true }).optional(),
  created_before: z.iso.datetime({ offset: true }).optional(),
});
export const TimelineQuery = z.strictObject({ ...paginationQuery });
