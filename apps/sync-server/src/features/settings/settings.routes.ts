import { OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../platform/actor.ts';
import { checkPreconditions, setEtag } from '../../platform/concurrency.ts';
import type { AppEnv } from '../../platform/context.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { updateTenantSettings } from './settings.commands.ts';
import { getTenantSettings } from './settings.queries.ts';
import { TenantSettings, UpdateSettingsRequest } from './settings.schemas.ts';

const tags = ['Settings'];

/** Section 16: the tenant's settings, one document per tenant. */
export function settingsRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        { permission: 'settings:read' },
        {
          method: 'get',
          path: '/settings',
          tags,
          summary: 'Read the tenant settings',
          description:
            'Default warehouse, whether a fulfillment may ship in several shipments, the default allocation strategy, the GS1 company prefix and extension digit package SSCCs are made from, label scan prefixes and packaging preferences. Until first changed these are the defaults, with `version` 0 and `updated_at` null.',
          responses: { 200: jsonResponse(TenantSettings, 'The settings') },
        },
      ),
      (c) => {
        const settings = getTenantSettings(c.var.deps.db, c.var.tenantId);
        setEtag(c, settings.version);
        return c.json(settings, 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'settings:write',
          errors: {
            409: 'Stale `version`',
            412: 'If-Match failed',
            422: '`warehouse_not_found`, `warehouse_inactive`, `packaging_profile_not_found`, `packaging_profile_inactive`: a new default that is not an active resource of the tenant',
          },
        },
        {
          method: 'patch',
          path: '/settings',
          tags,
          summary: 'Change the tenant settings',
          description: [
            'Fields sent replace the stored ones; `default_warehouse_id` or `packaging.default_profile_id` set to null clears it. `packaging` is merged field by field; `scan_prefixes` is replaced whole. `metadata` is merged: a key set to null is removed.',
            'A new default warehouse must be an active warehouse of the tenant, a new default packaging profile an active profile. `gs1_company_prefix` is 7 to 10 digits, `sscc_extension_digit` 0 to 9, `packing_efficiency` 0.5 to 1.',
            'Send `If-Match` (the `ETag`) or `version` to guard against lost updates. A change is recorded on the timeline as `settings.updated`.',
          ].join('\n\n'),
          request: { body: jsonBody(UpdateSettingsRequest) },
          responses: { 200: jsonResponse(TenantSettings, 'Updated') },
        },
      ),
      (c) => {
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const updated = c.var.deps.db.transaction((tx) => {
          checkPreconditions(c, getTenantSettings(tx, actor.tenantId).version, input.version);
          updateTenantSettings(tx, actor, input);
          return getTenantSettings(tx, actor.tenantId);
        });
        setEtag(c, updated.version);
        return c.json(updated, 200);
      },
    );
}
