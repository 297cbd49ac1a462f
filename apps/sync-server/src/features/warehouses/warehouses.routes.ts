import { OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../platform/actor.ts';
import { checkPreconditions, setEtag } from '../../platform/concurrency.ts';
import type { AppEnv } from '../../platform/context.ts';
import { page, pageRequestOf } from '../../platform/pagination.ts';
import { notFound } from '../../platform/problem.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { pathParams } from '../../platform/schemas.ts';
import { capacityRoutes } from './capacity.routes.ts';
import { createWarehouse, deleteWarehouse, updateWarehouse } from './warehouses.commands.ts';
import { getWarehouseDetail, listWarehouses, requireWarehouse } from './warehouses.queries.ts';
import {
  CreateWarehouseRequest,
  ListWarehousesQuery,
  UpdateWarehouseRequest,
  WarehouseDetail,
  WarehouseList,
} from './warehouses.schemas.ts';
import { workerRoutes } from './workers.routes.ts';
import { zoneRoutes } from './zones.routes.ts';

const tags = ['Warehouses'];
const Params = pathParams('warehouseId');

/** Section 8: warehouses, their zones and bins, workers, workstations and capacity. */
export function warehouseRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        { permission: 'warehouses:read' },
        {
          method: 'get',
          path: '/warehouses',
          tags,
          summary: 'List warehouses and their capabilities',
          description:
            'Filter by `status`, `capability` (warehouses that have it) and `code`. Oldest first; deleted warehouses are not listed.',
          request: { query: ListWarehousesQuery },
          responses: { 200: jsonResponse(WarehouseList, 'A page of warehouses') },
        },
      ),
      (c) => {
        const q = c.req.valid('query');
        const rows = listWarehouses(
          c.var.deps.db,
          c.var.tenantId,
          { status: q.status, capability: q.capability, code: q.code },
          pageRequestOf(q),
        );
        return c.json(page(c, rows, q.limit), 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'warehouses:write',
          creates: true,
          errors: {
            409: '`warehouse_code_taken`, or a zone or bin code or bin barcode already taken; idempotency key in use',
            422: 'Idempotency key reused',
          },
        },
        {
          method: 'post',
          path: '/warehouses',
          tags,
          summary: 'Create a warehouse with its address, time zone and serviceable regions',
          description: [
            "`code` is unique among the tenant's warehouses. `timezone` is an IANA name (kept as sent). `serviceable_regions` are country codes (`GB`) or a country and postcode prefix (`GB:SW1`).",
            "Optional `zones` (each with optional `locations`) are created in the same transaction, at most 500 bins in all. A bin's `barcode` defaults to its `code`; codes of the form `A-01-02-03` fill in aisle, bay, level and position unless sent.",
          ].join('\n\n'),
          request: { body: jsonBody(CreateWarehouseRequest) },
          responses: { 201: jsonResponse(WarehouseDetail, 'Created') },
        },
      ),
      (c) => {
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const created = c.var.deps.db.transaction((tx) => {
          const id = createWarehouse(tx, actor, input);
          return getWarehouseDetail(tx, actor.tenantId, id)!;
        });
        c.header('Location', `/v1/fulfillment/warehouses/${created.id}`);
        setEtag(c, created.version);
        return c.json(created, 201);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'warehouses:read' },
        {
          method: 'get',
          path: '/warehouses/{warehouseId}',
          tags,
          summary: 'Get a warehouse with a summary of its zones',
          request: { params: Params },
          responses: { 200: jsonResponse(WarehouseDetail, 'The warehouse') },
        },
      ),
      (c) => {
        const { warehouseId } = c.req.valid('param');
        const detail = getWarehouseDetail(c.var.deps.db, c.var.tenantId, warehouseId);
        if (!detail) throw notFound('warehouse', warehouseId);
        setEtag(c, detail.version);
        return c.json(detail, 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'warehouses:write',
          errors: { 409: 'Stale `version`, or `warehouse_code_taken`', 412: 'If-Match failed' },
        },
        {
          method: 'patch',
          path: '/warehouses/{warehouseId}',
          tags,
          summary: 'Change a warehouse',
          description:
            'Fields sent replace the stored ones (`address`, `serviceable_regions` and `capabilities` as a whole). `capacity` and `metadata` are merged: a key set to null is removed. Setting `status` to `inactive` stops new fulfillments from being routed here.',
          request: { params: Params, body: jsonBody(UpdateWarehouseRequest) },
          responses: { 200: jsonResponse(WarehouseDetail, 'Updated') },
        },
      ),
      (c) => {
        const { warehouseId } = c.req.valid('param');
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const updated = c.var.deps.db.transaction((tx) => {
          const row = requireWarehouse(tx, actor.tenantId, warehouseId);
          checkPreconditions(c, row.version, input.version);
          updateWarehouse(tx, actor, warehouseId, input);
          return getWarehouseDetail(tx, actor.tenantId, warehouseId)!;
        });
        setEtag(c, updated.version);
        return c.json(updated, 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'warehouses:write',
          errors: { 409: '`warehouse_in_use`: open fulfillments still reference it', 412: 'If-Match failed' },
        },
        {
          method: 'delete',
          path: '/warehouses/{warehouseId}',
          tags,
          summary: 'Delete a warehouse',
          description: [
            'Refused with 409 `warehouse_in_use` while any fulfillment at this warehouse is neither `closed` nor `cancelled`.',
            'Otherwise the warehouse is soft-deleted: it answers 404 from then on and its code can be used again. Its bins, workers and workstations are retired with it (their bin barcodes and badges become free); working staff does not block the delete, open work does. Fulfillments keep their `warehouse_id`.',
          ].join('\n\n'),
          request: { params: Params },
          responses: { 204: { description: 'Deleted' } },
        },
      ),
      (c) => {
        const { warehouseId } = c.req.valid('param');
        const actor = actorOf(c);
        c.var.deps.db.transaction((tx) => {
          const row = requireWarehouse(tx, actor.tenantId, warehouseId);
          checkPreconditions(c, row.version);
          deleteWarehouse(tx, actor, warehouseId);
        });
        return c.body(null, 204);
      },
    )
    .route('/', zoneRoutes())
    .route('/', workerRoutes())
    .route('/', capacityRoutes());
}
