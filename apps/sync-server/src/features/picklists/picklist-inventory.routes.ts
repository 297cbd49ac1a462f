import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/context.ts';
import { acceptedJob, jobAcceptedResponse } from '../../platform/jobs/accepted.ts';
import { defineRoute } from '../../platform/route.ts';
import { retryInventoryConfirmation } from './picklist-inventory-retry.ts';
import { Params, tags, writePicklist } from './picklist-route-helpers.ts';

/** Reconciliation with the Inventory Service after a completed picklist. */
export function picklistInventoryRoutes() {
  return new OpenAPIHono<AppEnv>().openapi(
    defineRoute(
      {
        permission: 'picklists:write',
        errors: {
          409: '`inventory_confirmation_not_failed`: only a failed confirmation is retried',
          412: 'If-Match failed',
        },
      },
      {
        method: 'post',
        path: '/picklists/{picklistId}/retry-inventory-confirmation',
        tags,
        summary: 'Run a failed inventory confirmation again (async job)',
        description:
          'Extension to the original surface. When the Inventory Service refused to confirm a completed picklist’s picks (`inventory_confirmation.status: failed`, with the reason in `error`), put the cause right there, then call this: the confirmation runs again as a new job (`inventory_confirmation.status: pending` until it ends), redoing nothing already confirmed. Each attempt is on the picklist’s timeline.',
        request: { params: Params },
        responses: { 202: jobAcceptedResponse('Accepted: the confirmation runs again as a background job') },
      },
    ),
    (c) => {
      const { picklistId } = c.req.valid('param');
      const job = writePicklist(c, picklistId, (tx, actor) => retryInventoryConfirmation(tx, actor, picklistId));
      return acceptedJob(c, job);
    },
  );
}
