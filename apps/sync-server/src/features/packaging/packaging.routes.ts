import { suggestCarton, PACKING_EFFICIENCY } from '@fulfillment/domain/packaging/cartonize';
import { OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../platform/actor.ts';
import { checkPreconditions, setEtag } from '../../platform/concurrency.ts';
import type { AppEnv } from '../../platform/context.ts';
import { page, pageRequestOf } from '../../platform/pagination.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { pathParams } from '../../platform/schemas.ts';
import { createPackagingProfile, updatePackagingProfile } from './packaging.commands.ts';
import {
  activeCartonProfiles,
  getPackagingProfile,
  listPackagingProfiles,
  requirePackagingProfile,
} from './packaging.queries.ts';
import {
  CartonSuggestion,
  CreatePackagingProfileRequest,
  ListPackagingProfilesQuery,
  PackagingProfile,
  PackagingProfileList,
  SuggestCartonRequest,
  UpdatePackagingProfileRequest,
} from './packaging.schemas.ts';

const tags = ['Packaging'];
const Params = pathParams('profileId');
const efficiency = `${PACKING_EFFICIENCY * 100}%`;

/** Section 16: packaging profiles (box dimensions, tare, weight limit) and the cartonization suggestion. */
export function packagingRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        { permission: 'packaging:read' },
        {
          method: 'get',
          path: '/packaging-profiles',
          tags,
          summary: 'List packaging profiles',
          description: 'Boxes, envelopes, pallets and bags of the tenant. Filter by `active` and `type`. Oldest first.',
          request: { query: ListPackagingProfilesQuery },
          responses: { 200: jsonResponse(PackagingProfileList, 'A page of packaging profiles') },
        },
      ),
      (c) => {
        const q = c.req.valid('query');
        const rows = listPackagingProfiles(
          c.var.deps.db,
          c.var.tenantId,
          { active: q.active === undefined ? undefined : q.active === 'true', type: q.type },
          pageRequestOf(q),
        );
        return c.json(page(c, rows, q.limit), 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'packaging:write',
          creates: true,
          errors: {
            409: '`packaging_profile_code_taken`; idempotency key in use',
            422: 'Idempotency key reused',
          },
        },
        {
          method: 'post',
          path: '/packaging-profiles',
          tags,
          summary: 'Create a packaging profile',
          description: [
            "`code` is unique among the tenant's profiles. Dimensions are whole millimetres, weights whole grams.",
            '`inner_mm` is what cartonization packs into; `outer_mm` (optional) is what a carrier measures and must be at least `inner_mm` on each axis. `max_weight_g` is the gross limit (items plus `tare_g`) and must exceed `tare_g`. `active` defaults to true; profiles are never deleted, only made inactive.',
          ].join('\n\n'),
          request: { body: jsonBody(CreatePackagingProfileRequest) },
          responses: { 201: jsonResponse(PackagingProfile, 'Created') },
        },
      ),
      (c) => {
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const created = c.var.deps.db.transaction((tx) => {
          const id = createPackagingProfile(tx, actor, input);
          return getPackagingProfile(tx, actor.tenantId, id)!;
        });
        c.header('Location', `/v1/fulfillment/packaging-profiles/${created.id}`);
        setEtag(c, created.version);
        return c.json(created, 201);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'packaging:write',
          errors: {
            409: 'Stale `version`, or `packaging_profile_code_taken`',
            412: 'If-Match failed',
            422: '`invalid_packaging_profile`: the profile after the change would break a rule (tare at or above the limit, outer smaller than inner)',
          },
        },
        {
          method: 'patch',
          path: '/packaging-profiles/{profileId}',
          tags,
          summary: 'Change a packaging profile',
          description:
            'Fields sent replace the stored ones; `name` or `outer_mm` set to null clears it. `metadata` is merged: a key set to null is removed. Send `If-Match` (the `ETag`) or `version` to guard against lost updates. Setting `active` to false stops the profile being suggested.',
          request: { params: Params, body: jsonBody(UpdatePackagingProfileRequest) },
          responses: { 200: jsonResponse(PackagingProfile, 'Updated') },
        },
      ),
      (c) => {
        const { profileId } = c.req.valid('param');
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const updated = c.var.deps.db.transaction((tx) => {
          const row = requirePackagingProfile(tx, actor.tenantId, profileId);
          checkPreconditions(c, row.version, input.version);
          updatePackagingProfile(tx, actor, profileId, input);
          return getPackagingProfile(tx, actor.tenantId, profileId)!;
        });
        setEtag(c, updated.version);
        return c.json(updated, 200);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'packaging:read' },
        {
          method: 'post',
          path: '/packaging-profiles/suggest',
          tags,
          summary: 'Suggest the smallest packaging profile the items fit in',
          description: [
            'Extension to the original surface (cartonization). Reads only; nothing is stored.',
            `Among the tenant's active profiles, a profile fits when every single item fits inside \`inner_mm\` in some orientation, the items' total volume is at most ${efficiency} of the inner volume (packing efficiency), and the items' weight plus \`tare_g\` is at most \`max_weight_g\`. The smallest inner volume that fits wins; ties go to the lower tare, then the lower code.`,
            'When nothing fits the answer is still 200, with `fits: false`, a `reason` and a human `detail`. The reason is the first rule that rules out every candidate: `no_profiles` (no active profile), `item_too_large` (no profile takes every single item), `too_much_volume`, `too_heavy`.',
          ].join('\n\n'),
          request: { body: jsonBody(SuggestCartonRequest) },
          responses: { 200: jsonResponse(CartonSuggestion, 'The suggestion, or why nothing fits') },
        },
      ),
      (c) => {
        const input = c.req.valid('json');
        return c.json(suggestCarton(input.items, activeCartonProfiles(c.var.deps.db, c.var.tenantId)), 200);
      },
    );
}
