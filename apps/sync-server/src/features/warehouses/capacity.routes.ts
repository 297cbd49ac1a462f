import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/context.ts';
import { defineRoute, jsonResponse } from '../../platform/route.ts';
import { pathParams } from '../../platform/schemas.ts';
import { getCapacity } from './capacity.queries.ts';
import { WarehouseCapacity } from './capacity.schemas.ts';
import { requireWarehouse } from './warehouses.queries.ts';

const tags = ['Warehouses'];

export function capacityRoutes() {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(
      { permission: 'warehouses:read' },
      {
        method: 'get',
        path: '/warehouses/{warehouseId}/capacity',
        tags,
        summary: 'Capacity targets beside current staffing, backlog and observed throughput',
        description:
          'Read from the database at request time, for scheduling: the configured targets, active workers per role, active workstations, open fulfillments per status, and picks and packs recorded on the timeline in the last hour. Nothing is estimated: a number the database cannot show is null or 0.',
        request: { params: pathParams('warehouseId') },
        responses: { 200: jsonResponse(WarehouseCapacity, 'Capacity and throughput') },
      },
    ),
    (c) => {
      const { warehouseId } = c.req.valid('param');
      const { db, clock } = c.var.deps;
      const warehouse = requireWarehouse(db, c.var.tenantId, warehouseId);
      return c.json(getCapacity(db, warehouse, clock.now()), 200);
    },
  );
}
