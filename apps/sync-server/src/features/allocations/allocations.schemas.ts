import {
  allocationStatuses,
  allocationStrategySchema,
  bulkAllocationInput,
  confirmPickInput,
  releaseAllocationInput,
  requestAllocationInput,
} from '@fulfillment/domain/allocation/allocation-schemas';
import { z } from '@hono/zod-openapi';
import { resourceBase } from '../../platform/schemas.ts';

export const RequestAllocationRequest = requestAllocationInput.openapi('RequestAllocationRequest', {
  example: {
    fulfillment_id: 'ful_01JAAAAAAAAAAAAAAAAAAAAAAA',
    lines: [{ line_id: 'line_1', sku: 'SKU-1', qty: 2 }],
    strategy: 'lot_expiry',
  },
});
export const ConfirmPickRequest = confirmPickInput.openapi('ConfirmPickRequest');
export const ReleaseAllocationRequest = releaseAllocationInput.openapi('ReleaseAllocationRequest');
export const BulkAllocationRequest = bulkAllocationInput.openapi('BulkAllocationRequest');

const Location = z.object({
  warehouse_id: z.string(),
  location_id: z.string(),
  lot_id: z.string().nullable(),
  lot: z.string().nullable(),
  expiry: z.string().nullable().openapi({ description: 'YYYY-MM-DD' }),
  serial: z.string().nullable(),
  qty: z.number().int(),
  picked: z.number().int().openapi({ description: 'Confirmed picked from this unit so far.' }),
});

export const Allocation = z
  .object({
    id: z.string().openapi({ example: 'alloc_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    allocation_id: z.string().openapi({ description: 'Same as id.' }),
    fulfillment_id: z.string(),
    status: z.enum(allocationStatuses),
    strategy: allocationStrategySchema,
    reservation_id: z.string().nullable().openapi({ description: "The Inventory Service's reservation." }),
    lines: z.array(
      z.object({
        line_id: z.string(),
        order_line_id: z.string(),
        sku: z.string(),
        requested: z.number().int(),
        allocated: z.number().int(),
        status: z.enum(['pending', 'allocated', 'partial', 'failed']),
        reason: z.string().nullable().openapi({ description: '`out_of_stock`, `only_expired_stock`, `unknown_sku`' }),
        locations: z.array(Location),
      }),
    ),
    last_error: z
      .object({ status: z.number(), code: z.string(), message: z.string(), at: z.string() })
      .nullable()
      .openapi({ description: 'The last outage or refusal of the Inventory Service.' }),
    resolved_at: z.string().nullable(),
    released_at: z.string().nullable(),
    release_reason: z.string().nullable(),
    ...resourceBase,
  })
  .openapi('Allocation');
