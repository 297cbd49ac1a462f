import {
  assignSerialsInput,
  consumeLotInput,
  hasOneTraceSubject,
  lotCodeSchema,
  serialSchema,
  traceEventKinds,
} from '@fulfillment/domain/traceability/traceability-schemas';
import { skuSchema } from '@fulfillment/domain/common/common-schemas';
import { z } from '@hono/zod-openapi';
import { paginationQuery } from '../../platform/pagination.ts';

export const AssignSerialsRequest = assignSerialsInput.openapi('AssignSerialsRequest', {
  example: {
    fulfillment_id: 'ful_01JAAAAAAAAAAAAAAAAAAAAAAA',
    line_id: 'line_1',
    serials: ['SN-0001', 'SN-0002'],
  },
});

export const ConsumeLotRequest = consumeLotInput.openapi('ConsumeLotRequest', {
  example: { fulfillment_id: 'ful_01JAAAAAAAAAAAAAAAAAAAAAAA', line_id: 'line_1', lot: 'L2026-01', qty: 2 },
});

export const LineSerials = z
  .object({
    fulfillment_id: z.string(),
    line_id: z.string().openapi({ description: 'The fulfillment line (`fl_…`).' }),
    order_line_id: z.string(),
    sku: z.string(),
    qty: z.number().int().openapi({ description: 'Units on the line: at most this many serials.' }),
    serials: z.array(z.string()).openapi({ description: 'Every serial of the line, in the order assigned.' }),
    added: z.array(z.string()).openapi({ description: 'The serials this request assigned (empty for a repeat).' }),
  })
  .openapi('LineSerials');

export const LotConsumption = z
  .object({
    id: z.string().openapi({ example: 'lc_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    fulfillment_id: z.string(),
    line_id: z.string().openapi({ description: 'The fulfillment line (`fl_…`).' }),
    order_line_id: z.string(),
    sku: z.string(),
    lot: z.string(),
    lot_id: z.string(),
    expiry: z.string().nullable().openapi({ description: 'YYYY-MM-DD' }),
    qty: z.number().int(),
    consumed_at: z.string(),
    line_qty: z.number().int().openapi({ description: 'Units on the line.' }),
    line_consumed: z
      .number()
      .int()
      .openapi({ description: 'Units of the line consumed from lots so far, this included.' }),
  })
  .openapi('LotConsumption');

export const TraceabilityQuery = z
  .strictObject({
    serial: serialSchema.optional().openapi({ description: 'Trace this serial number. Give `serial` or `lot`.' }),
    lot: lotCodeSchema.optional().openapi({ description: 'Trace this lot code. Give `serial` or `lot`.' }),
    sku: skuSchema.optional().openapi({ description: 'Only this SKU (lot codes are per SKU).' }),
    ...paginationQuery,
  })
  .refine(hasOneTraceSubject, { path: ['serial'], message: 'give exactly one of serial or lot' });

const TraceEvent = z
  .object({
    id: z.string().openapi({ example: 'evt_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    kind: z.enum(traceEventKinds),
    occurred_at: z.string(),
    sku: z.string(),
    lot: z.string().nullable(),
    lot_id: z.string().nullable(),
    expiry: z.string().nullable().openapi({ description: 'YYYY-MM-DD' }),
    serial: z.string().nullable(),
    quantity: z.number().int(),
    fulfillment_id: z.string().nullable(),
    line_id: z.string().nullable().openapi({ description: 'The fulfillment line (`fl_…`).' }),
    allocation_id: z.string().nullable(),
    package_id: z.string().nullable(),
    shipment_id: z.string().nullable(),
    return_id: z.string().nullable(),
    location_id: z.string().nullable(),
    warehouse_id: z.string().nullable(),
    actor: z.object({ type: z.string(), id: z.string() }),
    device_id: z.string().nullable(),
    worker_id: z.string().nullable(),
    request_id: z.string(),
  })
  .openapi('TraceEvent');

export const TraceChain = z
  .object({
    query: z.object({ serial: z.string().nullable(), lot: z.string().nullable(), sku: z.string().nullable() }),
    events: z.array(TraceEvent).openapi({ description: 'This page of the chain, in the order it was recorded.' }),
    next_cursor: z.string().nullable(),
    fulfillment_ids: z.array(z.string()).openapi({
      description: 'Every fulfillment of the whole chain (not only this page), in order of first appearance.',
    }),
    shipment_ids: z.array(z.string()).openapi({
      description: 'Every shipment of the whole chain (not only this page), in order of first appearance.',
    }),
    ids_truncated: z.boolean().openapi({
      description: 'True when `fulfillment_ids` or `shipment_ids` stopped at 1000: page through `events` for the rest.',
    }),
  })
  .openapi('TraceChain');
