import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf } from '../../platform/actor.ts';
import { setEtag } from '../../platform/concurrency.ts';
import type { AppEnv } from '../../platform/context.ts';
import { fileLinkerOf } from '../../platform/request-links.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { pathParams } from '../../platform/schemas.ts';
import { createManifest, ensureManifestDocuments, submitManifest } from './manifests.commands.ts';
import { requireManifestRow, toManifest } from './manifests.queries.ts';
import { CreateManifestRequest, Manifest } from './manifests.schemas.ts';

const tags = ['Manifests'];
const Params = pathParams('manifestId');

/** The manifest with its files brought up to date (they are made again only when its contents changed). */
async function respond<S extends 200 | 201 = 200>(c: Context<AppEnv>, id: string, status: S = 200 as S) {
  const actor = actorOf(c);
  await ensureManifestDocuments(c.var.deps, actor, id);
  const manifest = toManifest(c.var.deps.db, requireManifestRow(c.var.deps.db, actor.tenantId, id), fileLinkerOf(c));
  setEtag(c, manifest.version);
  return c.json(manifest, status);
}

/** Section 5: manifests (the day's hand-over to a carrier). */
export function manifestRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        {
          permission: 'manifests:write',
          creates: true,
          errors: {
            409: 'Idempotency key in use',
            422: '`shipments_not_manifestable` (each problem listed), `dispatch_date_past`, `unknown_carrier`; idempotency key reused',
          },
        },
        {
          method: 'post',
          path: '/manifests',
          tags,
          summary: 'Create a manifest for a batch of shipments',
          description:
            'Labelled shipments of one warehouse and carrier, on no other manifest (a rejected manifest lets its shipments go). They become `booked`. The manifest starts `draft`, with a PDF (`manifest_file_url`, with a signature box for the driver) and a CSV (`manifest_csv_url`), both made again whenever its contents change. `POST /manifests/{id}/submit` hands it to the carrier.',
          request: { body: jsonBody(CreateManifestRequest) },
          responses: { 201: jsonResponse(Manifest, 'Created, `draft`') },
        },
      ),
      async (c) => {
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const { db, carriers } = c.var.deps;
        const id = db.transaction((tx) => createManifest(tx, actor, input, carriers));
        c.header('Location', `/v1/fulfillment/manifests/${id}`);
        return respond(c, id, 201);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'manifests:read' },
        {
          method: 'get',
          path: '/manifests/{manifestId}',
          tags,
          summary: 'Get a manifest, its status and files',
          description:
            'Status `draft|submitted|accepted|rejected`; file links are signed and expire: ask again for new ones.',
          request: { params: Params },
          responses: { 200: jsonResponse(Manifest, 'The manifest') },
        },
      ),
      async (c) => {
        const { manifestId } = c.req.valid('param');
        requireManifestRow(c.var.deps.db, c.var.tenantId, manifestId);
        return respond(c, manifestId);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'manifests:write',
          errors: {
            409: '`manifest_not_draft`, `manifest_empty`',
            503: '`carrier_unavailable`: the manifest stays a draft; submit again',
          },
        },
        {
          method: 'post',
          path: '/manifests/{manifestId}/submit',
          tags,
          summary: 'Submit the manifest to its carrier',
          description:
            '`draft → submitted`, then `accepted` (with the carrier’s `carrier_manifest_id` and document) or `rejected` (with `rejection_reason`; its shipments may then go on another manifest). Once submitted, its shipments can no longer be cancelled here.',
          request: { params: Params },
          responses: { 200: jsonResponse(Manifest, 'Submitted: accepted or rejected') },
        },
      ),
      async (c) => {
        const { manifestId } = c.req.valid('param');
        await submitManifest(c.var.deps, actorOf(c), manifestId);
        return respond(c, manifestId);
      },
    );
}
