import { OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../platform/actor.ts';
import type { AppEnv } from '../../platform/context.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { pathParams } from '../../platform/schemas.ts';
import { findFulfillmentRow } from '../fulfillments/fulfillments.queries.ts';
import { packQueueRoutes } from './pack-queue.routes.ts';
import { closePackSession, openPackSession, packItems, sealPackage } from './pack-stations.commands.ts';
import { getPackage, toPackSession } from './pack-stations.queries.ts';
import {
  OpenPackSessionRequest,
  PackRequest,
  PackResult,
  PackSession,
  SealPackageRequest,
  SealResult,
} from './pack-stations.schemas.ts';

const tags = ['Pack stations'];
const Params = pathParams('stationId');

/** Section 3: pack stations — a worker's session, packing picked units into packages, sealing them. */
export function packStationRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        {
          permission: 'packing:pack',
          creates: true,
          errors: {
            409: '`pack_session_open`: another worker has the station; `station_inactive`; idempotency key in use',
            422: '`worker_required`, `worker_not_available`, `worker_not_packer`; idempotency key reused',
          },
        },
        {
          method: 'post',
          path: '/pack-stations/{stationId}/open-session',
          tags,
          summary: 'Open a pack session for a worker',
          description:
            'The station must be an active `pack_station` workstation; the worker (`worker_id`, or the worker of a worker key) an active worker of its warehouse with the packer or supervisor role. A station has at most one open session: the same worker asking again gets the open session back (200); another worker gets 409 `pack_session_open`, unless they send `take_over: true`: the session left open there is closed first (`pack_session.closed` with `reason: taken_over`); its unsealed packages stay at the station.',
          request: { params: Params, body: jsonBody(OpenPackSessionRequest) },
          responses: {
            200: jsonResponse(PackSession, 'The session this worker already has open at the station'),
            201: jsonResponse(PackSession, 'Opened'),
          },
        },
      ),
      (c) => {
        const { stationId } = c.req.valid('param');
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const { session, created } = c.var.deps.db.transaction((tx) => openPackSession(tx, actor, stationId, input));
        return created ? c.json(toPackSession(session), 201) : c.json(toPackSession(session), 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'packing:pack',
          creates: true,
          errors: {
            409: '`no_open_session`, `fulfillment_not_packable` (not picked or packing), `package_sealed`, `package_at_other_station`, `station_inactive`',
            422: '`pack_contents_refused`: `errors` names each item refused (`not_picked`, `over_packed`, `wrong_serial`); `wrong_warehouse`, `packaging_profile_not_found`',
          },
        },
        {
          method: 'post',
          path: '/pack-stations/{stationId}/pack',
          tags,
          summary: 'Pack picked units into packages',
          description: [
            'Needs an open session at the station. Fulfillments must be `picked` or `packing` and move to `packing`. Every item (`line_id`: fulfillment line id or order line id; `fulfillment_id` when that is ambiguous) is checked against what was picked for it and is not yet in a package, serials included: anything wrong or extra refuses the whole request and nothing is written.',
            '`weight` is grams, `dims` millimetres. A package with `package_id` adds to an open package of this station (its weight and dimensions are replaced); a sealed one answers 409 `package_sealed`.',
          ].join('\n\n'),
          request: { params: Params, body: jsonBody(PackRequest) },
          responses: { 201: jsonResponse(PackResult, 'Packed') },
        },
      ),
      (c) => {
        const { stationId } = c.req.valid('param');
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const result = c.var.deps.db.transaction((tx) => {
          const done = packItems(tx, actor, stationId, input);
          return {
            station_id: stationId,
            session_id: done.session.id,
            package_ids: done.packageIds,
            packages: done.packageIds.map((id) => getPackage(tx, actor.tenantId, id)!),
            fulfillments: done.fulfillmentIds.map((id) => ({
              fulfillment_id: id,
              status: findFulfillmentRow(tx, actor.tenantId, id)!.status,
            })),
          };
        });
        return c.json(result, 201);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'packing:pack',
          errors: {
            409: '`package_sealed`, `package_at_other_station`, `station_inactive`',
            422: '`sscc_unavailable`: the GS1 settings cannot make an SSCC',
          },
        },
        {
          method: 'post',
          path: '/pack-stations/{stationId}/seal',
          tags,
          summary: 'Seal a package',
          description:
            'Makes the package immutable and gives it an SSCC (the tenant’s GS1 company prefix and extension digit from settings, a per-tenant increasing serial reference, the check digit) and a label placeholder (`label_status: pending`; the label comes with the shipment). A fulfillment whose picked units are all in sealed packages moves to `ready_to_ship`; if it has a `ship_to`, its shipment is created (routing rules choose the carrier) and its PDF label made by a background job (`label_status` becomes `generated`; find it with `GET /shipments?package_id=`).',
          request: { params: Params, body: jsonBody(SealPackageRequest) },
          responses: { 200: jsonResponse(SealResult, 'Sealed') },
        },
      ),
      (c) => {
        const { stationId } = c.req.valid('param');
        const { package_id } = c.req.valid('json');
        const actor = actorOf(c);
        const result = c.var.deps.db.transaction((tx) => {
          const done = sealPackage(tx, actor, stationId, package_id);
          return {
            package: getPackage(tx, actor.tenantId, package_id)!,
            fulfillments: done.fulfillmentIds.map((id) => ({
              fulfillment_id: id,
              status: findFulfillmentRow(tx, actor.tenantId, id)!.status,
            })),
          };
        });
        return c.json(result, 200);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'packing:pack', errors: { 409: '`no_open_session`' } },
        {
          method: 'post',
          path: '/pack-stations/{stationId}/close-session',
          tags,
          summary: 'Close the open pack session of a station',
          description:
            'Extension to the original surface: ends a shift or a break at the station so another worker can open a session. A worker key may close only its own session. Packages not yet sealed stay open at the station for the next session to finish.',
          request: { params: Params },
          responses: { 200: jsonResponse(PackSession, 'Closed') },
        },
      ),
      (c) => {
        const { stationId } = c.req.valid('param');
        const actor = actorOf(c);
        const session = c.var.deps.db.transaction((tx) => closePackSession(tx, actor, stationId));
        return c.json(toPackSession(session), 200);
      },
    )
    .route('/', packQueueRoutes());
}
