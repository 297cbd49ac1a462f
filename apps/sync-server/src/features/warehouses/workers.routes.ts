import { OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../platform/actor.ts';
import type { AppEnv } from '../../platform/context.ts';
import { page, pageRequestOf } from '../../platform/pagination.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { pathParams } from '../../platform/schemas.ts';
import { requireWarehouse } from './warehouses.queries.ts';
import { createWorkstation, registerWorker } from './workers.commands.ts';
import { getWorker, getWorkstation, listWorkers, listWorkstations } from './workers.queries.ts';
import {
  CreateWorkstationRequest,
  ListWorkersQuery,
  ListWorkstationsQuery,
  RegisterWorkerRequest,
  Worker,
  WorkerList,
  Workstation,
  WorkstationList,
} from './workers.schemas.ts';

const tags = ['Warehouses'];
const Params = pathParams('warehouseId');

export function workerRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        {
          permission: 'workers:register',
          creates: true,
          errors: { 409: '`badge_taken`; idempotency key in use', 422: 'Idempotency key reused' },
        },
        {
          method: 'post',
          path: '/warehouses/{warehouseId}/workers',
          tags,
          summary: 'Register a warehouse worker',
          description:
            "`badge_id` is unique among the tenant's workers (409 `badge_taken`). `roles` are floor roles only: `picker`, `packer`, `supervisor`, `qc_agent`. `status` defaults to `active`.",
          request: { params: Params, body: jsonBody(RegisterWorkerRequest) },
          responses: { 201: jsonResponse(Worker, 'Registered') },
        },
      ),
      (c) => {
        const { warehouseId } = c.req.valid('param');
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const worker = c.var.deps.db.transaction((tx) =>
          getWorker(tx, actor.tenantId, registerWorker(tx, actor, warehouseId, input))!,
        );
        return c.json(worker, 201);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'warehouses:read' },
        {
          method: 'get',
          path: '/warehouses/{warehouseId}/workers',
          tags,
          summary: 'List the workers of a warehouse',
          description: 'Extension to the original surface. Filter by `status`. Oldest first.',
          request: { params: Params, query: ListWorkersQuery },
          responses: { 200: jsonResponse(WorkerList, 'A page of workers') },
        },
      ),
      (c) => {
        const { warehouseId } = c.req.valid('param');
        const q = c.req.valid('query');
        const { db } = c.var.deps;
        requireWarehouse(db, c.var.tenantId, warehouseId);
        const rows = listWorkers(db, warehouseId, { status: q.status }, pageRequestOf(q));
        return c.json(page(c, rows, q.limit), 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'workstations:create',
          creates: true,
          errors: {
            409: '`workstation_code_taken`; idempotency key in use',
            422: '`zone_not_found`, or `workstation_reference_invalid`: a pack station names an unknown printer or scale; idempotency key reused',
          },
        },
        {
          method: 'post',
          path: '/warehouses/{warehouseId}/workstation',
          tags,
          summary: 'Create a pack station, scale or printer',
          description: [
            '`code` is unique in the warehouse. `config` follows `type`:',
            '- `pack_station`: optional `printer_ids` (printers or label printers of this warehouse) and `scale_id` (a scale of this warehouse), registered first;',
            '- `scale`: `max_weight_g`, `resolution_g`;',
            '- `printer`, `label_printer`: `dpi` 203 or 300, `language` `zpl` or `pdf`.',
          ].join('\n'),
          request: { params: Params, body: jsonBody(CreateWorkstationRequest) },
          responses: { 201: jsonResponse(Workstation, 'Created') },
        },
      ),
      (c) => {
        const { warehouseId } = c.req.valid('param');
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const station = c.var.deps.db.transaction((tx) =>
          getWorkstation(tx, actor.tenantId, createWorkstation(tx, actor, warehouseId, input))!,
        );
        return c.json(station, 201);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'warehouses:read' },
        {
          method: 'get',
          path: '/warehouses/{warehouseId}/workstations',
          tags,
          summary: 'List the workstations of a warehouse',
          description: 'Extension to the original surface. Filter by `type` and `status`. Oldest first.',
          request: { params: Params, query: ListWorkstationsQuery },
          responses: { 200: jsonResponse(WorkstationList, 'A page of workstations') },
        },
      ),
      (c) => {
        const { warehouseId } = c.req.valid('param');
        const q = c.req.valid('query');
        const { db } = c.var.deps;
        requireWarehouse(db, c.var.tenantId, warehouseId);
        const rows = listWorkstations(db, warehouseId, { type: q.type, status: q.status }, pageRequestOf(q));
        return c.json(page(c, rows, q.limit), 200);
      },
    );
}
