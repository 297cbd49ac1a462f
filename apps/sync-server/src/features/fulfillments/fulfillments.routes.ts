import { OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../platform/actor.ts';
import { checkPreconditions, setEtag } from '../../platform/concurrency.ts';
import type { AppEnv } from '../../platform/context.ts';
import { page, pageRequestOf } from '../../platform/pagination.ts';
import { notFound } from '../../platform/problem.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { pathParams } from '../../platform/schemas.ts';
import { cancelFulfillment, createFulfillments, updateFulfillment } from './fulfillments.commands.ts';
import {
  findFulfillmentRow,
  getFulfillment,
  getFulfillmentDetail,
  listFulfillments,
  listTimeline,
} from './fulfillments.queries.ts';
import {
  CancelFulfillmentRequest,
  CreateFulfillmentRequest,
  CreateFulfillmentResponse,
  Fulfillment,
  FulfillmentDetail,
  FulfillmentList,
  ListFulfillmentsQuery,
  TimelineList,
  TimelineQuery,
  UpdateFulfillmentRequest,
} from './fulfillments.schemas.ts';

const tags = ['Fulfillments'];
const Params = pathParams('fulfillmentId');

export function fulfillmentRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        {
          permission: 'fulfillments:write',
          creates: true,
          errors: { 409: 'Idempotency key in use', 422: 'Unknown or inactive warehouse; idempotency key reused' },
        },
        {
          method: 'post',
          path: '/fulfillments',
          tags,
          summary: 'Create fulfillment units for order lines',
          description:
            'One unit per ship-from warehouse: a line with its own `warehouse_id` is split into its own unit (split shipment). Each unit starts `created`.',
          request: { body: jsonBody(CreateFulfillmentRequest) },
          responses: { 201: jsonResponse(CreateFulfillmentResponse, 'Created') },
        },
      ),
      (c) => {
        const { db } = c.var.deps;
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const units = db.transaction((tx) => {
          const ids = createFulfillments(tx, actor, input);
          return ids.map((id) => getFulfillment(tx, actor.tenantId, id)!);
        });
        const first = units[0]!;
        c.header('Location', `/v1/fulfillment/fulfillments/${first.id}`);
        return c.json({ fulfillment_id: first.id, status: first.status, fulfillments: units }, 201);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'fulfillments:read' },
        {
          method: 'get',
          path: '/fulfillments',
          tags,
          summary: 'List fulfillments',
          description: 'Filter by `order_id`, `status` (comma-separated), `warehouse_id`, creation time. Oldest first.',
          request: { query: ListFulfillmentsQuery },
          responses: { 200: jsonResponse(FulfillmentList, 'A page of fulfillments') },
        },
      ),
      (c) => {
        const q = c.req.valid('query');
        const rows = listFulfillments(
          c.var.deps.db,
          c.var.tenantId,
          {
            orderId: q.order_id,
            statuses: q.status,
            warehouseId: q.warehouse_id,
            createdAfter: q.created_after && new Date(q.created_after).toISOString(),
            createdBefore: q.created_before && new Date(q.created_before).toISOString(),
          },
          pageRequestOf(q),
        );
        return c.json(page(c, rows, q.limit), 200);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'fulfillments:read' },
        {
          method: 'get',
          path: '/fulfillments/{fulfillmentId}',
          tags,
          summary: 'Get a fulfillment with its lines, allocations, shipments, tasks and timeline',
          request: { params: Params },
          responses: { 200: jsonResponse(FulfillmentDetail, 'The fulfillment') },
        },
      ),
      (c) => {
        const { fulfillmentId } = c.req.valid('param');
        const detail = getFulfillmentDetail(c.var.deps.db, c.var.tenantId, fulfillmentId);
        if (!detail) throw notFound('fulfillment', fulfillmentId);
        setEtag(c, detail.version);
        return c.json(detail, 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'fulfillments:write',
          errors: {
            409: 'Status no longer allows the change, or stale version',
            412: 'If-Match failed',
            422: 'Unknown warehouse',
          },
        },
        {
          method: 'patch',
          path: '/fulfillments/{fulfillmentId}',
          tags,
          summary: 'Change the warehouse or the requested ship date, or merge metadata',
          description:
            'The warehouse can change while the fulfillment is `created` or `awaiting_allocation`; the requested ship date until it ships. Metadata keys set to null are removed.',
          request: { params: Params, body: jsonBody(UpdateFulfillmentRequest) },
          responses: { 200: jsonResponse(Fulfillment, 'Updated') },
        },
      ),
      (c) => {
        const { fulfillmentId } = c.req.valid('param');
        const input = c.req.valid('json');
        const { db } = c.var.deps;
        const actor = actorOf(c);
        const updated = db.transaction((tx) => {
          const row = findFulfillmentRow(tx, actor.tenantId, fulfillmentId);
          if (!row) throw notFound('fulfillment', fulfillmentId);
          checkPreconditions(c, row.version, input.version);
          updateFulfillment(tx, actor, fulfillmentId, input);
          return getFulfillment(tx, actor.tenantId, fulfillmentId)!;
        });
        setEtag(c, updated.version);
        return c.json(updated, 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'fulfillments:write',
          errors: { 409: 'Already shipped or cancelled, or stale version', 412: 'If-Match failed' },
        },
        {
          method: 'post',
          path: '/fulfillments/{fulfillmentId}/cancel',
          tags,
          summary: 'Cancel a fulfillment that has not shipped',
          description: 'Emits `fulfillment.cancelled`. Refused with 409 `fulfillment_not_cancellable` once shipped.',
          request: { params: Params, body: { ...jsonBody(CancelFulfillmentRequest), required: false } },
          responses: { 200: jsonResponse(Fulfillment, 'Cancelled') },
        },
      ),
      (c) => {
        const { fulfillmentId } = c.req.valid('param');
        const input = c.req.valid('json') ?? {};
        const { db } = c.var.deps;
        const actor = actorOf(c);
        const cancelled = db.transaction((tx) => {
          const row = findFulfillmentRow(tx, actor.tenantId, fulfillmentId);
          if (!row) throw notFound('fulfillment', fulfillmentId);
          checkPreconditions(c, row.version, input.version);
          cancelFulfillment(tx, actor, fulfillmentId, input);
          return getFulfillment(tx, actor.tenantId, fulfillmentId)!;
        });
        setEtag(c, cancelled.version);
        return c.json(cancelled, 200);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'fulfillments:read' },
        {
          method: 'get',
          path: '/fulfillments/{fulfillmentId}/timeline',
          tags,
          summary: 'The fulfillment timeline, oldest first',
          description: 'Every change with its actor, device, worker and request id.',
          request: { params: Params, query: TimelineQuery },
          responses: { 200: jsonResponse(TimelineList, 'A page of timeline entries') },
        },
      ),
      (c) => {
        const { fulfillmentId } = c.req.valid('param');
        const q = c.req.valid('query');
        const { db } = c.var.deps;
        if (!findFulfillmentRow(db, c.var.tenantId, fulfillmentId)) throw notFound('fulfillment', fulfillmentId);
        const rows = listTimeline(db, c.var.tenantId, fulfillmentId, pageRequestOf(q));
        return c.json(page(c, rows, q.limit), 200);
      },
    );
}
