import { OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../platform/actor.ts';
import { setEtag } from '../../platform/concurrency.ts';
import type { AppEnv } from '../../platform/context.ts';
import { page, pageRequestOf } from '../../platform/pagination.ts';
import { forbidden, notFound } from '../../platform/problem.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { assertMayRead, readableWorkerOf } from './picklist-access.ts';
import { adjustPicklist } from './picklist-adjustments.ts';
import { createPicklist } from './picklist-create.ts';
import { Params, tags, writePicklist } from './picklist-route-helpers.ts';
import { assignPicklist } from './picklists.commands.ts';
import { findPicklistRow, getPicklist, getPicklistState, listPicklists, listTasks } from './picklists.queries.ts';
import {
  AdjustRequest,
  AdjustResponse,
  AssignPicklistRequest,
  CreatePicklistRequest,
  ListPicklistsQuery,
  ListTasksQuery,
  Picklist,
  PicklistList,
  PicklistStateSchema,
  TaskList,
} from './picklists.schemas.ts';
import { pickWorkRoutes } from './pick-work.routes.ts';

/** Picklists (waves): made, read and assigned by the back office; picked through `pickWorkRoutes`. */
export function picklistRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        {
          permission: 'picklists:write',
          creates: true,
          errors: {
            409: 'Idempotency key in use',
            422: '`fulfillments_not_pickable` (each named in `errors`), `warehouse_not_found`, `warehouse_inactive`, `picklist_too_large`',
          },
        },
        {
          method: 'post',
          path: '/picklists',
          tags,
          summary: 'Create a picklist (wave) from allocated fulfillments',
          description: [
            'Every fulfillment must ship from `warehouse_id`, be `allocated`, and hold a fully `allocated` allocation of stock in that warehouse; any other is named in `errors` (422) and nothing is created.',
            'One task per reserved allocation unit (bin, lot, serial, quantity), ordered along the pick path: zone pick sequence, aisle, bay, level, position (natural order), bin code, SKU. The fulfillments move to `picking` and point at the picklist. The picklist starts `draft`.',
            'Item barcodes: a line attribute `gtin` or `gtins` (GTIN-8/12/13/14) makes those barcodes count as its SKU; `serial_required: true` asks for a serial per unit (a reserved serial always does).',
          ].join('\n\n'),
          request: { body: jsonBody(CreatePicklistRequest) },
          responses: { 201: jsonResponse(Picklist, 'The picklist with its tasks grouped by bin') },
        },
      ),
      (c) => {
        const actor = actorOf(c);
        const picklist = c.var.deps.db.transaction((tx) => {
          const id = createPicklist(tx, actor, c.req.valid('json'));
          return getPicklist(tx, actor.tenantId, id)!;
        });
        c.header('Location', `/v1/fulfillment/picklists/${picklist.id}`);
        setEtag(c, picklist.version);
        return c.json(picklist, 201);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'picklists:read' },
        {
          method: 'get',
          path: '/picklists',
          tags,
          summary: 'List picklists (a picker: their own)',
          description:
            'Filter by `status` (comma-separated), `warehouse_id`, `assigned_worker_id`. Oldest first; tasks are left out (see `progress`). A picker sees only the picklists assigned to them: the handheld’s “my picklists”.',
          request: { query: ListPicklistsQuery },
          responses: { 200: jsonResponse(PicklistList, 'A page of picklists') },
        },
      ),
      (c) => {
        const q = c.req.valid('query');
        const own = readableWorkerOf(c.var.principal);
        if (own === null) throw forbidden('a picker needs a worker key to list their picklists');
        if (own !== undefined && q.assigned_worker_id !== undefined && q.assigned_worker_id !== own) {
          throw forbidden('a picker may only list the picklists assigned to them');
        }
        const rows = listPicklists(
          c.var.deps.db,
          c.var.tenantId,
          { statuses: q.status, warehouseId: q.warehouse_id, assignedWorkerId: own ?? q.assigned_worker_id },
          pageRequestOf(q),
        );
        return c.json(page(c, rows, q.limit), 200);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'picklists:read' },
        {
          method: 'get',
          path: '/picklists/{picklistId}',
          tags,
          summary: 'A picklist with its tasks grouped by pick location',
          request: { params: Params },
          responses: { 200: jsonResponse(Picklist, 'The picklist') },
        },
      ),
      (c) => {
        const { picklistId } = c.req.valid('param');
        const row = findPicklistRow(c.var.deps.db, c.var.tenantId, picklistId);
        if (!row) throw notFound('picklist', picklistId);
        assertMayRead(c.var.principal, row);
        const picklist = getPicklist(c.var.deps.db, c.var.tenantId, picklistId)!;
        setEtag(c, picklist.version);
        return c.json(picklist, 200);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'picklists:read' },
        {
          method: 'get',
          path: '/picklists/{picklistId}/state',
          tags,
          summary: 'The picklist as the handheld caches it (PicklistState)',
          description:
            'Flat tasks, picked serials and judged scan ids: exactly what `validateScan` / `applyScan` of `@fulfillment/domain` work on, plus `version`, `assigned_worker_id` and the warehouse `timezone` (scans are judged on its business date).',
          request: { params: Params },
          responses: { 200: jsonResponse(PicklistStateSchema, 'The picklist state') },
        },
      ),
      (c) => {
        const { picklistId } = c.req.valid('param');
        const row = findPicklistRow(c.var.deps.db, c.var.tenantId, picklistId);
        if (!row) throw notFound('picklist', picklistId);
        assertMayRead(c.var.principal, row);
        const state = getPicklistState(c.var.deps.db, c.var.tenantId, picklistId)!;
        setEtag(c, state.version);
        return c.json(state, 200);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'picklists:read' },
        {
          method: 'get',
          path: '/picklists/{picklistId}/tasks',
          tags,
          summary: 'The tasks of a picklist (of its picker), in walking order',
          description: 'Filter by `status` (`open`, `picked`, `short`, comma-separated) and `fulfillment_id`.',
          request: { params: Params, query: ListTasksQuery },
          responses: { 200: jsonResponse(TaskList, 'A page of tasks') },
        },
      ),
      (c) => {
        const { picklistId } = c.req.valid('param');
        const q = c.req.valid('query');
        const row = findPicklistRow(c.var.deps.db, c.var.tenantId, picklistId);
        if (!row) throw notFound('picklist', picklistId);
        assertMayRead(c.var.principal, row);
        const rows = listTasks(
          c.var.deps.db,
          picklistId,
          { statuses: q.status, fulfillmentId: q.fulfillment_id },
          pageRequestOf(q),
        );
        return c.json(page(c, rows, q.limit), 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'picklists:write',
          errors: {
            409: '`picklist_not_assignable`: in progress, completed or cancelled',
            412: 'If-Match names another version',
            422: '`worker_not_found`, `worker_not_in_warehouse`, `worker_inactive`, `worker_cannot_pick`, `device_not_found`, `device_revoked`',
          },
        },
        {
          method: 'post',
          path: '/picklists/{picklistId}/assign',
          tags,
          summary: 'Assign a picklist to a worker and, optionally, a handheld',
          description:
            'The worker must be active, of the picklist’s warehouse and hold the picker (or supervisor) role; the device must be registered and active. `draft|assigned → assigned`: reassigning an assigned picklist is allowed until it is started.',
          request: { params: Params, body: jsonBody(AssignPicklistRequest) },
          responses: { 200: jsonResponse(Picklist, 'The assigned picklist') },
        },
      ),
      (c) => {
        const { picklistId } = c.req.valid('param');
        const input = c.req.valid('json');
        writePicklist(c, picklistId, (tx, actor) => assignPicklist(tx, actor, picklistId, input));
        return c.json(getPicklist(c.var.deps.db, c.var.tenantId, picklistId)!, 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'picklists:write',
          errors: {
            409: '`picklist_not_active` (shorts need a picklist in progress), `picklist_not_adjustable`, `task_not_open`',
            412: 'If-Match names another version',
            422: '`task_not_found`, `invalid_qty` (more than is left), or a backorder refused (`warehouse_inactive`)',
          },
        },
        {
          method: 'post',
          path: '/picklists/{picklistId}/adjust',
          tags,
          summary: 'Reconcile short and over picks',
          description: [
            '`qty_short` (picklist in progress): that many of the task’s remaining units are missing. The task closes as `short` when nothing else is left of it, and a **backorder** fulfillment (same order, warehouse and order line, status `created`) is made at once for every short of the picklist not yet backordered, picker-declared ones included: one per original fulfillment.',
            'The Inventory Service releases a reservation as a whole, so the unpicked remainder is released right after the allocation’s picks are confirmed, by the completion’s job (`inventory_release`); releasing earlier would free units still to be picked or not yet confirmed.',
            '`qty_over` (in progress or completed): units found picked beyond the task, recorded; `put_back` says which bin they return to. Stock is untouched: only picked totals up to the task’s quantity are ever confirmed.',
            'All adjustments of a request apply together or not at all.',
          ].join('\n\n'),
          request: { params: Params, body: jsonBody(AdjustRequest) },
          responses: { 200: jsonResponse(AdjustResponse, 'What was recorded and what it caused') },
        },
      ),
      (c) => {
        const { picklistId } = c.req.valid('param');
        const input = c.req.valid('json');
        const result = writePicklist(c, picklistId, (tx, actor) => adjustPicklist(tx, actor, picklistId, input));
        return c.json(result, 200);
      },
    )
    .route('/', pickWorkRoutes());
}
