import { OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../platform/actor.ts';
import { setEtag } from '../../platform/concurrency.ts';
import type { AppEnv } from '../../platform/context.ts';
import { notFound, unprocessable } from '../../platform/problem.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { pathParams } from '../../platform/schemas.ts';
import { getAllocation } from './allocations.queries.ts';
import { acceptedJob, jobAcceptedResponse } from '../../platform/jobs/accepted.ts';
import { enqueueJob } from '../../platform/jobs/enqueue.ts';
import { existingFulfillmentIds } from '../fulfillments/fulfillments.queries.ts';
import {
  Allocation,
  BulkAllocationRequest,
  ConfirmPickRequest,
  ReleaseAllocationRequest,
  RequestAllocationRequest,
} from './allocations.schemas.ts';
import { confirmAllocationPick, releaseAllocation, requestAllocation } from './allocations.service.ts';

const tags = ['Allocations'];
const Params = pathParams('allocationId');
const outages = {
  502: 'The Inventory Service answered badly',
  503: 'The Inventory Service is unavailable',
  504: 'The Inventory Service timed out',
} as const;

export function allocationRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        {
          permission: 'allocations:write',
          creates: true,
          errors: {
            409: '`allocation_already_active`, `fulfillment_not_allocatable`',
            422: '`fulfillment_not_found`, `line_not_found`, `line_sku_mismatch`, `line_qty_exceeded`, or refused by the Inventory Service',
            ...outages,
          },
        },
        {
          method: 'post',
          path: '/allocations/request',
          tags,
          summary: 'Ask the Inventory Service to allocate stock for a fulfillment',
          description: [
            'Strategies: `fifo` (oldest stock first), `lot_expiry` (first expiry first out) and `nearest_warehouse` (the fulfillment’s warehouse first, then the others holding most). An expired or recalled lot is never allocated.',
            'The answer is `allocated`, `partial` or `failed`, per line with the reason. The fulfillment moves `created → awaiting_allocation`, then `allocated` once every line is.',
            'If the Inventory Service is down the answer is 502/503/504 and the allocation stays `pending`: asking again for the same fulfillment resumes it, and the Inventory Service, which knows it by its id, never reserves twice.',
          ].join('\n\n'),
          request: { body: jsonBody(RequestAllocationRequest) },
          responses: { 201: jsonResponse(Allocation, 'The allocation and what was reserved where') },
        },
      ),
      async (c) => {
        const { db, inventory } = c.var.deps;
        const allocation = await requestAllocation({ db, inventory }, actorOf(c), c.req.valid('json'));
        c.header('Location', `/v1/fulfillment/allocations/${allocation.id}`);
        setEtag(c, allocation.version);
        return c.json(allocation, 201);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'allocations:read' },
        {
          method: 'get',
          path: '/allocations/{allocationId}',
          tags,
          summary: 'Allocation status and, per line, the locations, lots and serials reserved',
          request: { params: Params },
          responses: { 200: jsonResponse(Allocation, 'The allocation') },
        },
      ),
      (c) => {
        const { allocationId } = c.req.valid('param');
        const allocation = getAllocation(c.var.deps.db, c.var.tenantId, allocationId);
        if (!allocation) throw notFound('allocation', allocationId);
        setEtag(c, allocation.version);
        return c.json(allocation, 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'allocations:confirm',
          errors: {
            409: '`allocation_not_confirmable`, or the Inventory Service refused the pick',
            422: '`pick_not_reserved`',
            ...outages,
          },
        },
        {
          method: 'post',
          path: '/allocations/{allocationId}/confirm-pick',
          tags,
          summary: 'Confirm picks from the reserved locations (idempotent)',
          description:
            'Each pick gives the total picked so far from one reserved unit (line, location, lot, serial), not an increment: sending the same confirmation twice changes nothing. With no body, everything reserved is confirmed as picked.',
          request: { params: Params, body: { ...jsonBody(ConfirmPickRequest), required: false } },
          responses: { 200: jsonResponse(Allocation, 'The allocation with picked quantities') },
        },
      ),
      async (c) => {
        const { allocationId } = c.req.valid('param');
        const { db, inventory } = c.var.deps;
        const allocation = await confirmAllocationPick(
          { db, inventory },
          actorOf(c),
          allocationId,
          c.req.valid('json') ?? {},
        );
        setEtag(c, allocation.version);
        return c.json(allocation, 200);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'allocations:write', errors: outages },
        {
          method: 'post',
          path: '/allocations/{allocationId}/release',
          tags,
          summary: 'Release an allocation: what is not picked goes back to available stock',
          description:
            'Cancelling a fulfillment releases its allocation by itself. Releasing twice is harmless. An allocated fulfillment goes back to `awaiting_allocation`.',
          request: { params: Params, body: { ...jsonBody(ReleaseAllocationRequest), required: false } },
          responses: { 200: jsonResponse(Allocation, 'Released') },
        },
      ),
      async (c) => {
        const { allocationId } = c.req.valid('param');
        const { db, inventory } = c.var.deps;
        const input = c.req.valid('json') ?? {};
        const allocation = await releaseAllocation({ db, inventory }, actorOf(c), allocationId, input.reason ?? null);
        setEtag(c, allocation.version);
        return c.json(allocation, 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'allocations:write',
          creates: true,
          errors: { 422: '`fulfillment_not_found`: ids not of this tenant' },
        },
        {
          method: 'post',
          path: '/allocations/bulk',
          tags,
          summary: 'Allocate many fulfillments at once (async job)',
          description:
            'Up to 10,000 fulfillments, allocated one by one by a background job with progress and an error report (`GET /jobs/{jobId}`). Each is exactly `POST /allocations/request`; one already holding stock is counted as `already_allocated`. The job result counts allocated, partial, failed and already allocated.',
          request: { body: jsonBody(BulkAllocationRequest) },
          responses: { 202: jobAcceptedResponse('Accepted: the allocations run as a background job') },
        },
      ),
      (c) => {
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const job = c.var.deps.db.transaction((tx) => {
          const known = existingFulfillmentIds(tx, actor.tenantId, input.fulfillment_ids);
          const unknown = input.fulfillment_ids.flatMap((id, i) =>
            known.has(id) ? [] : [{ path: `fulfillment_ids[${i}]`, message: `${id} does not exist` }],
          );
          if (unknown.length > 0) {
            throw unprocessable(
              'fulfillment_not_found',
              `${unknown.length} of the fulfillments do not exist`,
              unknown.slice(0, 50),
            );
          }
          return enqueueJob(tx, actor, { type: 'allocations.bulk', input, total: input.fulfillment_ids.length });
        });
        return acceptedJob(c, job);
      },
    );
}
