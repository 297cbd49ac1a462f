import { OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../platform/actor.ts';
import type { AppEnv } from '../../platform/context.ts';
import { page, pageRequestOf } from '../../platform/pagination.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { pathParams } from '../../platform/schemas.ts';
import { requireWarehouse } from './warehouses.queries.ts';
import { createLocations, createZone } from './zones.commands.ts';
import { getLocations, getZone, listLocations, listZones } from './zones.queries.ts';
import {
  CreateLocationsRequest,
  CreateLocationsResponse,
  CreateZoneRequest,
  ListLocationsQuery,
  ListZonesQuery,
  LocationList,
  Zone,
  ZoneList,
} from './zones.schemas.ts';

const tags = ['Warehouses'];
const Params = pathParams('warehouseId');
const extension = 'Extension to the original surface, which lists zones but has no way to create them.';
const binRules =
  "A bin `code` is unique in the warehouse and its `barcode` (default: the code) among all the tenant's bins: a clash answers 409 `location_code_taken` or `location_barcode_taken` naming each offending entry. Codes of the form `A-01-02-03` fill in aisle, bay, level and position unless sent.";

export function zoneRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        { permission: 'warehouses:read' },
        {
          method: 'get',
          path: '/warehouses/{warehouseId}/zones',
          tags,
          summary: 'List the zones of a warehouse',
          description:
            'Pick, pack, receiving, staging, returns, storage and shipping zones with their `pick_sequence` and bin count. Filter by `type`. Oldest first.',
          request: { params: Params, query: ListZonesQuery },
          responses: { 200: jsonResponse(ZoneList, 'A page of zones') },
        },
      ),
      (c) => {
        const { warehouseId } = c.req.valid('param');
        const q = c.req.valid('query');
        const { db } = c.var.deps;
        requireWarehouse(db, c.var.tenantId, warehouseId);
        const rows = listZones(db, warehouseId, { type: q.type }, pageRequestOf(q));
        return c.json(page(c, rows, q.limit), 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'warehouses:write',
          creates: true,
          errors: {
            409: '`zone_code_taken`, `location_code_taken` or `location_barcode_taken`; idempotency key in use',
            422: 'Idempotency key reused',
          },
        },
        {
          method: 'post',
          path: '/warehouses/{warehouseId}/zones',
          tags,
          summary: 'Create a zone, optionally with its bin locations',
          description: `${extension} A zone \`code\` is unique in the warehouse. Up to 500 \`locations\`. ${binRules}`,
          request: { params: Params, body: jsonBody(CreateZoneRequest) },
          responses: { 201: jsonResponse(Zone, 'Created') },
        },
      ),
      (c) => {
        const { warehouseId } = c.req.valid('param');
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const zone = c.var.deps.db.transaction((tx) => {
          const id = createZone(tx, actor, warehouseId, input);
          return getZone(tx, actor.tenantId, warehouseId, id)!;
        });
        return c.json(zone, 201);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'warehouses:read' },
        {
          method: 'get',
          path: '/warehouses/{warehouseId}/locations',
          tags,
          summary: 'List the bin locations of a warehouse',
          description:
            'Extension to the original surface. Filter by `zone_id`, `code` or `barcode` (what a handheld scans). Oldest first.',
          request: { params: Params, query: ListLocationsQuery },
          responses: { 200: jsonResponse(LocationList, 'A page of locations') },
        },
      ),
      (c) => {
        const { warehouseId } = c.req.valid('param');
        const q = c.req.valid('query');
        const { db } = c.var.deps;
        requireWarehouse(db, c.var.tenantId, warehouseId);
        const rows = listLocations(
          db,
          warehouseId,
          { zoneId: q.zone_id, code: q.code, barcode: q.barcode },
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
            409: '`location_code_taken` or `location_barcode_taken`; idempotency key in use',
            422: '`zone_not_found`: a `zone_id` is not a zone of this warehouse; idempotency key reused',
          },
        },
        {
          method: 'post',
          path: '/warehouses/{warehouseId}/locations',
          tags,
          summary: 'Create up to 500 bin locations',
          description: `Extension to the original surface. All or nothing: one clash and no bin is created. ${binRules}`,
          request: { params: Params, body: jsonBody(CreateLocationsRequest) },
          responses: { 201: jsonResponse(CreateLocationsResponse, 'Created, in request order') },
        },
      ),
      (c) => {
        const { warehouseId } = c.req.valid('param');
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const created = c.var.deps.db.transaction((tx) =>
          getLocations(tx, createLocations(tx, actor, warehouseId, input)),
        );
        return c.json({ locations: created }, 201);
      },
    );
}
