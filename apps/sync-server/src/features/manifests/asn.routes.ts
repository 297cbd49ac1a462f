import { OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../platform/actor.ts';
import { setEtag } from '../../platform/concurrency.ts';
import type { AppEnv } from '../../platform/context.ts';
import { fileLinkerOf } from '../../platform/request-links.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { createAsn } from './asn.commands.ts';
import { findAsnRow, toAsn } from './manifests.queries.ts';
import { Asn, CreateAsnRequest } from './manifests.schemas.ts';

/** Section 5: Advance Shipping Notices for DC-to-DC transfers and 3PLs. */
export function asnRoutes() {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(
      {
        permission: 'manifests:write',
        creates: true,
        errors: {
          409: '`asn_reference_taken`; idempotency key in use',
          422: '`shipments_not_announceable` (each problem listed); idempotency key reused',
        },
      },
      {
        method: 'post',
        path: '/asn',
        tags: ['Manifests'],
        summary: 'Send an Advance Shipping Notice',
        description:
          'Announces labelled shipments (outbound or vendor) to the receiving DC or 3PL: `asn_reference` (unique per tenant), `expected_arrival`, and a JSON document listing every parcel with its SSCC, weight and dimensions, so the receiver checks them in by scanning. Answers `status: sent` and a signed `document_url`.',
        request: { body: jsonBody(CreateAsnRequest) },
        responses: { 201: jsonResponse(Asn, 'Sent') },
      },
    ),
    async (c) => {
      const actor = actorOf(c);
      const id = await createAsn(c.var.deps, actor, c.req.valid('json'));
      const asn = toAsn(findAsnRow(c.var.deps.db, actor.tenantId, id)!, fileLinkerOf(c));
      setEtag(c, asn.version);
      return c.json(asn, 201);
    },
  );
}
