import { OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../platform/actor.ts';
import type { AppEnv } from '../../platform/context.ts';
import { page, pageRequestOf } from '../../platform/pagination.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { consumeLot } from './lots.service.ts';
import { assignSerials } from './serials.commands.ts';
import { traceEventEntry, traceEventsPage, traceSummary } from './traceability.queries.ts';
import {
  AssignSerialsRequest,
  ConsumeLotRequest,
  LineSerials,
  LotConsumption,
  TraceabilityQuery,
  TraceChain,
} from './traceability.schemas.ts';

const tags = ['Traceability'];

export function traceabilityRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        {
          permission: 'serials:assign',
          errors: {
            409: '`duplicate_serial` (already on another fulfillment that is not cancelled), `fulfillment_not_open` (cancelled, shipped or closed)',
            422: '`fulfillment_not_found`, `line_not_found`, `too_many_serials`',
          },
        },
        {
          method: 'post',
          path: '/serials/assign',
          tags,
          summary: 'Assign serial numbers to picked units of a fulfillment line',
          description: [
            'The line is named by its fulfillment line id (`fl_…`) or its order line id. A line takes at most as many serials as it has units, counting those already assigned.',
            'Idempotent: a serial already on this line is skipped, so sending the same list again changes nothing (`added` is then empty). A serial on another fulfillment that is not cancelled refuses the whole request with 409 `duplicate_serial`, naming it; serials are per SKU, so the same number on another SKU is another unit.',
            'Each new serial is recorded in the traceability ledger (`serial_assigned`) and the fulfillment’s timeline.',
          ].join('\n\n'),
          request: { body: jsonBody(AssignSerialsRequest) },
          responses: { 200: jsonResponse(LineSerials, 'The line’s serials') },
        },
      ),
      (c) => {
        const actor = actorOf(c);
        const input = c.req.valid('json');
        return c.json(
          c.var.deps.db.transaction((tx) => assignSerials(tx, actor, input)),
          200,
        );
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'lots:consume',
          creates: true,
          errors: {
            409: '`fulfillment_not_open` (cancelled, shipped or closed)',
            422: '`fulfillment_not_found`, `line_not_found`, `lot_not_found`, `lot_recalled`, `lot_expired`, `lot_qty_exceeded`',
            502: 'The Inventory Service answered badly',
            503: 'The Inventory Service is unavailable',
            504: 'The Inventory Service timed out',
          },
        },
        {
          method: 'post',
          path: '/lot/consume',
          tags,
          summary: 'Record that a quantity of a lot went into a fulfillment line on pick',
          description: [
            'Name the lot by its printed code (`lot`) or by the `lot_id` a reservation gave for this line. The lot is read from the Inventory Service, which owns lots, and refused if it is unknown for the line’s SKU, recalled, or expired (its expiry day is before the business date, the current UTC date).',
            'A line consumes at most its quantity, across all lots (`lot_qty_exceeded`). Each call adds to what the line consumed, so `Idempotency-Key` is required: a retry replays the first answer instead of consuming twice.',
            'Recorded in the traceability ledger (`lot_consumed`) and the fulfillment’s timeline.',
          ].join('\n\n'),
          request: { body: jsonBody(ConsumeLotRequest) },
          responses: { 201: jsonResponse(LotConsumption, 'Recorded') },
        },
      ),
      async (c) => {
        const { db, inventory } = c.var.deps;
        return c.json(await consumeLot({ db, inventory }, actorOf(c), c.req.valid('json')), 201);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'traceability:read' },
        {
          method: 'get',
          path: '/traceability',
          tags,
          summary: 'Trace a serial or a lot across allocation, pick, pack, shipment and return',
          description: [
            'Give exactly one of `serial` or `lot`; `sku` narrows to one SKU (a lot code is only unique within a SKU). An unknown serial or lot is an empty chain, not a 404.',
            '`events` is the chain in the order it was recorded (event ids are ULIDs made when each movement was recorded), paged with `limit` (1-200, default 50) and `cursor` like every list, with `next_cursor` and a `Link: rel="next"` header.',
            '`fulfillment_ids` and `shipment_ids` cover the whole chain, not just the page, so the first page already says what a recall must reach; they stop at 1000 each, with `ids_truncated: true`, beyond which paging through `events` gives the rest.',
          ].join('\n\n'),
          request: { query: TraceabilityQuery },
          responses: { 200: jsonResponse(TraceChain, 'The chain') },
        },
      ),
      (c) => {
        const q = c.req.valid('query');
        const { db } = c.var.deps;
        const subject = { serial: q.serial, lot: q.lot, sku: q.sku };
        const rows = traceEventsPage(db, c.var.tenantId, subject, pageRequestOf(q));
        const { data, next_cursor } = page(c, rows, q.limit);
        return c.json(
          {
            query: { serial: q.serial ?? null, lot: q.lot ?? null, sku: q.sku ?? null },
            events: data.map(traceEventEntry),
            next_cursor,
            ...traceSummary(db, c.var.tenantId, subject),
          },
          200,
        );
      },
    );
}
