import { createVendorShipmentInput } from '@fulfillment/domain/shipment/shipment-schemas';
import { OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../platform/actor.ts';
import { setEtag } from '../../platform/concurrency.ts';
import type { AppEnv } from '../../platform/context.ts';
import { notFound } from '../../platform/problem.ts';
import { fileLinkerOf } from '../../platform/request-links.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { pathParams } from '../../platform/schemas.ts';
import { findShipmentRow, toShipment } from '../shipments/shipments.queries.ts';
import { Shipment } from '../shipments/shipments.schemas.ts';
import { createVendorShipment } from './vendor-shipments.commands.ts';

const tags = ['Vendor shipments'];

const CreateVendorShipmentRequest = createVendorShipmentInput.openapi('CreateVendorShipmentRequest', {
  example: {
    vendor_id: 'sup_acme_parts',
    reason: 'return_to_vendor',
    rma_reference: 'RMA-88123',
    from_warehouse_id: 'wh_01JAAAAAAAAAAAAAAAAAAAAAAA',
    to_address: {
      name: 'Acme Parts Returns',
      line1: '1 Dock Road',
      city: 'Leeds',
      postal_code: 'LS1 1AA',
      country: 'GB',
    },
    lines: [{ sku: 'SKU-1', qty: 4, lot: 'L2026-01' }],
    packages: [{ weight: 2500, dimensions: { l: 400, w: 300, h: 200 } }],
  },
});

/** Section 11: outbound shipments to suppliers, on the shipment machinery (`kind: vendor`). */
export function vendorShipmentRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        {
          permission: 'shipments:write',
          creates: true,
          errors: {
            409: 'Idempotency key in use',
            422: '`unknown_carrier`, `sscc_unavailable`; idempotency key reused',
          },
        },
        {
          method: 'post',
          path: '/vendor-shipments',
          tags,
          summary: 'Create a shipment to a supplier (return to vendor, repair, transfer)',
          description:
            'Needs an `rma_reference` or `asn_reference` (printed on the label). Each parcel gets an SSCC from the tenant’s GS1 prefix. The result is a shipment (`kind: vendor`, id `sh_…`, status `label_pending`): label, book, pickup, cancel and track it with the `/shipments/{id}/…` routes, and announce it with `POST /asn`. Carrier chosen as for shipments (`carrier_hint`, routing rules, sandbox).',
          request: { body: jsonBody(CreateVendorShipmentRequest) },
          responses: { 201: jsonResponse(Shipment, 'Created, `label_pending`') },
        },
      ),
      (c) => {
        const actor = actorOf(c);
        const { db, carriers } = c.var.deps;
        const shipment = db.transaction((tx) => {
          const id = createVendorShipment(tx, actor, c.req.valid('json'), carriers);
          return toShipment(tx, findShipmentRow(tx, actor.tenantId, id)!, fileLinkerOf(c));
        });
        c.header('Location', `/v1/fulfillment/vendor-shipments/${shipment.id}`);
        setEtag(c, shipment.version);
        return c.json(shipment, 201);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'shipments:read' },
        {
          method: 'get',
          path: '/vendor-shipments/{vendorShipmentId}',
          tags,
          summary: 'Get a vendor shipment',
          request: { params: pathParams('vendorShipmentId') },
          responses: { 200: jsonResponse(Shipment, 'The vendor shipment') },
        },
      ),
      (c) => {
        const { vendorShipmentId } = c.req.valid('param');
        const row = findShipmentRow(c.var.deps.db, c.var.tenantId, vendorShipmentId);
        if (!row || row.kind !== 'vendor') throw notFound('vendor shipment', vendorShipmentId);
        const shipment = toShipment(c.var.deps.db, row, fileLinkerOf(c));
        setEtag(c, shipment.version);
        return c.json(shipment, 200);
      },
    );
}
