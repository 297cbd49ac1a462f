import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf } from '../../platform/actor.ts';
import { setEtag } from '../../platform/concurrency.ts';
import type { AppEnv } from '../../platform/context.ts';
import { enqueueJob } from '../../platform/jobs/enqueue.ts';
import { acceptedJob, jobAcceptedResponse } from '../../platform/jobs/accepted.ts';
import { page, pageRequestOf } from '../../platform/pagination.ts';
import { conflict, unprocessable } from '../../platform/problem.ts';
import { fileLinkerOf } from '../../platform/request-links.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { pathParams } from '../../platform/schemas.ts';
import type { LabelFormat } from '../../db/schema/shipments.ts';
import { bookShipment } from '../manifests/manifests.commands.ts';
import { cancelShipment, schedulePickup, trackShipment } from './shipment-actions.ts';
import { generateLabel } from './shipment-labels.ts';
import { createShipment } from './shipments.commands.ts';
import {
  labelLinkOf,
  listShipments,
  requireShipmentRow,
  shipmentRowsByIds,
  type ShipmentRow,
  toShipment,
} from './shipments.queries.ts';
import {
  BookingResult,
  BookShipmentRequest,
  BulkGenerateLabelsRequest,
  CancelShipmentRequest,
  CreateShipmentRequest,
  GenerateLabelRequest,
  LabelQuery,
  ListShipmentsQuery,
  SchedulePickupRequest,
  Shipment,
  ShipmentLabel,
  ShipmentList,
  TrackShipmentRequest,
} from './shipments.schemas.ts';

const tags = ['Shipments'];
const Params = pathParams('shipmentId');
const carrierErrors = {
  422: '`carrier_refused`, `unsupported_service`, `carrier_not_found`: the carrier said no',
  503: '`carrier_unavailable`: the carrier could not be reached; try again',
} as const;

function respond<S extends 200 | 201 = 200>(c: Context<AppEnv>, row: ShipmentRow, status: S = 200 as S) {
  const shipment = toShipment(c.var.deps.db, row, fileLinkerOf(c));
  setEtag(c, shipment.version);
  return c.json(shipment, status);
}

function labelOf(c: Context<AppEnv>, row: ShipmentRow, format?: LabelFormat) {
  const label = labelLinkOf(row, fileLinkerOf(c), format);
  if (!label || !row.trackingNumber) {
    throw conflict(
      'label_not_generated',
      format ? `shipment ${row.id} has no ${format} label: generate it first` : `shipment ${row.id} has no label yet`,
    );
  }
  return {
    shipment_id: row.id,
    status: row.status,
    carrier: row.carrier,
    carrier_tracking_number: row.trackingNumber,
    label_format: label.format,
    label_url: label.url,
    expires_at: label.expires_at,
    content_type: label.content_type,
    pages: label.pages,
    generated_at: label.generated_at,
  };
}

/** Section 4: shipments, labels, pickups, booking and tracking. */
export function shipmentRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        {
          permission: 'shipments:write',
          creates: true,
          errors: {
            409: '`fulfillment_not_shippable`, `package_not_sealed`, `package_already_shipped`, `no_packages_to_ship`; idempotency key in use',
            422: '`package_not_in_fulfillment`, `package_mismatch`, `duplicate_package`, `wrong_warehouse`, `address_required`, `unknown_carrier`; idempotency key reused',
          },
        },
        {
          method: 'post',
          path: '/shipments',
          tags,
          summary: 'Create a shipment of sealed packages',
          description: [
            'For a fulfillment that is `packing`, `ready_to_ship` or `shipped`, with sealed packages that are on no other live shipment. Without `packages`, every sealed package of the fulfillment not yet shipped goes. A `weight` or `dimensions` sent must match the sealed package (it is immutable). Without `to_address`, the fulfillment’s `ship_to`; without `from_warehouse_id`, its warehouse. `reference` defaults to the order id and is printed on the label.',
            'Carrier: `carrier_hint` (a connector id, `service_code` or `standard`); otherwise the first matching routing rule (`GET /routing-rules`); otherwise the `sandbox` carrier with `service_code` or `standard`. `carrier_source` on the shipment says which.',
            'The shipment starts `label_pending`: `POST /shipments/{id}/generate-label` next. Sealing the last package of a fulfillment that has a `ship_to` creates its shipment and label automatically.',
          ].join('\n\n'),
          request: { body: jsonBody(CreateShipmentRequest) },
          responses: { 201: jsonResponse(Shipment, 'Created, `label_pending`') },
        },
      ),
      (c) => {
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const { db, carriers } = c.var.deps;
        const row = db.transaction((tx) => {
          const id = createShipment(tx, actor, input, carriers);
          return requireShipmentRow(tx, actor.tenantId, id);
        });
        c.header('Location', `/v1/fulfillment/shipments/${row.id}`);
        return respond(c, row, 201);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'shipments:read' },
        {
          method: 'get',
          path: '/shipments',
          tags,
          summary: 'List shipments',
          description:
            'Oldest first. Filter by `warehouse_id`, `status` (comma-separated), `fulfillment_id`, `package_id` (the shipments that carried a package, cancelled ones included), `manifest_id`, `carrier`, `kind`.',
          request: { query: ListShipmentsQuery },
          responses: { 200: jsonResponse(ShipmentList, 'A page of shipments') },
        },
      ),
      (c) => {
        const q = c.req.valid('query');
        const rows = listShipments(
          c.var.deps.db,
          c.var.tenantId,
          {
            warehouseId: q.warehouse_id,
            statuses: q.status,
            fulfillmentId: q.fulfillment_id,
            packageId: q.package_id,
            manifestId: q.manifest_id,
            carrier: q.carrier,
            kind: q.kind,
          },
          pageRequestOf(q),
          fileLinkerOf(c),
        );
        return c.json(page(c, rows, q.limit), 200);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'shipments:write', errors: { 422: '`shipment_not_found`: ids not of this tenant' } },
        {
          method: 'post',
          path: '/shipments/bulk-generate-labels',
          tags,
          summary: 'Generate labels for many shipments (async job)',
          description:
            'Up to 1,000 shipments, labelled one by one by a background job (`GET /jobs/{jobId}` for progress and the error report): each is exactly `POST /shipments/{id}/generate-label` with this `label_format` (default `pdf`). A shipment that cannot be labelled (cancelled, carrier refusal) is reported and the rest go on; an unreachable carrier is retried.',
          request: { body: jsonBody(BulkGenerateLabelsRequest) },
          responses: { 202: jobAcceptedResponse('Accepted: the labels are made by a background job') },
        },
      ),
      (c) => {
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const ids = [...new Set(input.shipment_ids)];
        const job = c.var.deps.db.transaction((tx) => {
          const { missing } = shipmentRowsByIds(tx, actor.tenantId, ids);
          if (missing.length) {
            throw unprocessable(
              'shipment_not_found',
              `${missing.length} of the shipments do not exist`,
              missing.slice(0, 50).map((id) => ({
                path: `shipment_ids[${input.shipment_ids.indexOf(id)}]`,
                message: `${id} does not exist`,
              })),
            );
          }
          return enqueueJob(tx, actor, {
            type: 'shipments.generate_labels',
            input: { shipment_ids: ids, label_format: input.label_format ?? 'pdf' },
            total: ids.length,
          });
        });
        return acceptedJob(c, job);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'shipments:read' },
        {
          method: 'get',
          path: '/shipments/{shipmentId}',
          tags,
          summary: 'Get a shipment with its packages, label link and tracking',
          request: { params: Params },
          responses: { 200: jsonResponse(Shipment, 'The shipment') },
        },
      ),
      (c) => respond(c, requireShipmentRow(c.var.deps.db, c.var.tenantId, c.req.valid('param').shipmentId)),
    )
    .openapi(
      defineRoute(
        {
          permission: 'shipments:label',
          errors: { ...carrierErrors, 409: '`label_not_allowed` (cancelled, shipped), `carrier_fixed`' },
        },
        {
          method: 'post',
          path: '/shipments/{shipmentId}/generate-label',
          tags,
          summary: 'Generate the shipping label (pdf, zpl or png)',
          description: [
            'Asks the carrier for the label of all the shipment’s packages (one 4×6 in label per package) and keeps it in file storage; answers a signed, expiring `label_url` and the `carrier_tracking_number`. The first label moves the shipment to `label_generated`.',
            'Another `label_format` later renders the same shipment again with the same tracking number; a format already made is answered from storage. `connector_id` switches carrier, only before the first label.',
          ].join('\n\n'),
          request: { params: Params, body: jsonBody(GenerateLabelRequest) },
          responses: { 200: jsonResponse(ShipmentLabel, 'The label') },
        },
      ),
      async (c) => {
        const { shipmentId } = c.req.valid('param');
        const input = c.req.valid('json');
        const row = await generateLabel(c.var.deps, actorOf(c), shipmentId, input);
        return c.json(labelOf(c, row, input.label_format ?? 'pdf'), 200);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'shipments:label', errors: { 409: '`label_not_generated`' } },
        {
          method: 'get',
          path: '/shipments/{shipmentId}/label',
          tags,
          summary: 'Get a fresh signed link to the label',
          description: 'The latest label made, or the one of `format`. Links expire: ask again for a new one.',
          request: { params: Params, query: LabelQuery },
          responses: { 200: jsonResponse(ShipmentLabel, 'The label') },
        },
      ),
      (c) => {
        const row = requireShipmentRow(c.var.deps.db, c.var.tenantId, c.req.valid('param').shipmentId);
        return c.json(labelOf(c, row, c.req.valid('query').format), 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'shipments:write',
          errors: { ...carrierErrors, 409: '`pickup_not_allowed`: no label yet, or gone' },
        },
        {
          method: 'post',
          path: '/shipments/{shipmentId}/schedule-pickup',
          tags,
          summary: 'Schedule a carrier pickup at the warehouse',
          description:
            '`date` in the warehouse’s local time, `ready_time` and `close_time` as HH:MM. The carrier confirms a window and a confirmation number, kept as `pickup`. The sandbox collects on weekdays with at least an hour between the times.',
          request: { params: Params, body: jsonBody(SchedulePickupRequest) },
          responses: { 200: jsonResponse(Shipment, 'The shipment with its pickup') },
        },
      ),
      async (c) => {
        const row = await schedulePickup(c.var.deps, actorOf(c), c.req.valid('param').shipmentId, c.req.valid('json'));
        return respond(c, row);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'shipments:write',
          errors: {
            503: carrierErrors[503],
            409: '`not_cancellable` (in transit, delivered, already cancelled, or the carrier refuses), `already_manifested`, `version_conflict`',
          },
        },
        {
          method: 'post',
          path: '/shipments/{shipmentId}/cancel',
          tags,
          summary: 'Cancel a shipment that has not left',
          description:
            'A label already made is voided with the carrier first. The shipment becomes `cancelled`, leaves a draft manifest, and its packages can go on a new shipment (their label is owed again). Not once the shipment is on a submitted manifest or moving.',
          request: { params: Params, body: jsonBody(CancelShipmentRequest) },
          responses: { 200: jsonResponse(Shipment, 'Cancelled') },
        },
      ),
      async (c) => {
        const row = await cancelShipment(c.var.deps, actorOf(c), c.req.valid('param').shipmentId, c.req.valid('json'));
        return respond(c, row);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'shipments:write',
          errors: { 409: '`label_required`, `not_bookable`', 422: '`dispatch_date_past`' },
        },
        {
          method: 'post',
          path: '/shipments/{shipmentId}/book',
          tags,
          summary: 'Book a labelled shipment for collection (returns the manifest id)',
          description:
            'The shipment joins the draft manifest of its warehouse, carrier and `dispatch_date` (today at the warehouse by default), which is made if there is none, and becomes `booked`. Booking again answers the same manifest. Submit the manifest (`POST /manifests/{id}/submit`) to hand the day’s shipments over.',
          request: { params: Params, body: jsonBody(BookShipmentRequest) },
          responses: { 200: jsonResponse(BookingResult, 'Booked') },
        },
      ),
      (c) => {
        const actor = actorOf(c);
        const { shipmentId } = c.req.valid('param');
        const input = c.req.valid('json');
        const result = c.var.deps.db.transaction((tx) => {
          const manifestId = bookShipment(tx, actor, shipmentId, input);
          return {
            shipment_id: shipmentId,
            status: requireShipmentRow(tx, actor.tenantId, shipmentId).status,
            manifest_id: manifestId,
          };
        });
        return c.json(result, 200);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'shipments:write', errors: { 409: '`label_required`: no tracking number yet' } },
        {
          method: 'post',
          path: '/shipments/{shipmentId}/track',
          tags,
          summary: 'Subscribe to tracking updates, or read them',
          description:
            '`mode: webhook` (default) records that the carrier pushes this shipment’s updates to `POST /webhook/carrier`; `poll` changes nothing. Both answer the shipment, whose `tracking.events` hold every update received so far.',
          request: { params: Params, body: jsonBody(TrackShipmentRequest) },
          responses: { 200: jsonResponse(Shipment, 'The shipment with its tracking') },
        },
      ),
      (c) => respond(c, trackShipment(c.var.deps, actorOf(c), c.req.valid('param').shipmentId, c.req.valid('json'))),
    );
}
