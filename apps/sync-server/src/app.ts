import { OpenAPIHono } from '@hono/zod-openapi';
import { allocationEventRoutes } from './features/allocations/allocation-events.routes.ts';
import { allocationRoutes } from './features/allocations/allocations.routes.ts';
import { apiDocsRoutes } from './features/api-docs/api-docs.routes.ts';
import { fileRoutes } from './features/files/files.routes.ts';
import { fulfillmentRoutes } from './features/fulfillments/fulfillments.routes.ts';
import { healthRoutes } from './features/health/health.routes.ts';
import { jobRoutes } from './features/jobs/jobs.routes.ts';
import { packStationRoutes } from './features/pack-stations/pack-stations.routes.ts';
import { packagingRoutes } from './features/packaging/packaging.routes.ts';
import { asnRoutes } from './features/manifests/asn.routes.ts';
import { manifestRoutes } from './features/manifests/manifests.routes.ts';
import { picklistInventoryRoutes } from './features/picklists/picklist-inventory.routes.ts';
import { picklistRoutes } from './features/picklists/picklists.routes.ts';
import { routingRuleRoutes } from './features/routing-rules/routing-rules.routes.ts';
import { carrierWebhookRoutes } from './features/shipments/carrier-webhook.routes.ts';
import { shipmentRoutes } from './features/shipments/shipments.routes.ts';
import { vendorShipmentRoutes } from './features/vendor-shipments/vendor-shipments.routes.ts';
import { securityRoutes } from './features/security/security.routes.ts';
import { settingsRoutes } from './features/settings/settings.routes.ts';
import { syncRoutes } from './features/sync/sync.routes.ts';
import { traceabilityRoutes } from './features/traceability/traceability.routes.ts';
import { warehouseRoutes } from './features/warehouses/warehouses.routes.ts';
import { webhookRoutes } from './features/webhooks/webhooks.routes.ts';
import { authenticate, rejectRevokedKeys, resolveTenant } from './platform/auth.ts';
import { limitBody } from './platform/body-limit.ts';
import type { AppEnv, Deps } from './platform/context.ts';
import { onError, validationProblem } from './platform/errors.ts';
import { idempotency } from './platform/idempotency.ts';
import { notFoundHandler } from './platform/not-found.ts';
import { rateLimit } from './platform/rate-limit.ts';
import { requestContext } from './platform/request-context.ts';
import { mountPwa } from './platform/static-pwa.ts';
import { tenantFreePath } from './platform/tenant-path.ts';

/** The authenticated REST API under /v1/fulfillment: platform middleware, then one feature after another. */
function createApi(deps: Deps) {
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationProblem(result.target, result.error.issues);
    },
  });
  api.use(
    limitBody,
    authenticate,
    resolveTenant,
    rejectRevokedKeys,
    rateLimit({ perMinute: deps.config.rateLimitPerMinute, now: () => deps.clock.now().getTime() }),
    idempotency,
  );
  return api
    .route('/', fulfillmentRoutes())
    .route('/', allocationRoutes())
    .route('/', picklistRoutes())
    .route('/', picklistInventoryRoutes())
    .route('/', warehouseRoutes())
    .route('/', packagingRoutes())
    .route('/', packStationRoutes())
    .route('/', shipmentRoutes())
    .route('/', vendorShipmentRoutes())
    .route('/', manifestRoutes())
    .route('/', asnRoutes())
    .route('/', routingRuleRoutes())
    .route('/', settingsRoutes())
    .route('/', securityRoutes())
    .route('/', jobRoutes())
    .route('/', traceabilityRoutes())
    .route('/', webhookRoutes())
    .route('/', syncRoutes());
}

export function createApp(deps: Deps, startedAt: Date = deps.clock.now()) {
  const app = new OpenAPIHono<AppEnv>({ getPath: tenantFreePath });
  app.onError(onError);
  app.use(requestContext(deps));
  const api = createApi(deps);
  // Unauthenticated routes come first: a handler that answers ends the chain before the API's auth.
  app
    .route('/', healthRoutes(startedAt))
    .route('/v1/fulfillment', healthRoutes(startedAt))
    .route('/', fileRoutes())
    .route('/v1/fulfillment', allocationEventRoutes())
    .route('/v1/fulfillment', carrierWebhookRoutes())
    .route('/', apiDocsRoutes(api))
    .route('/v1/fulfillment', api);
  mountPwa(app, deps.config.pwaDir);
  app.notFound(notFoundHandler(app));
  return app;
}
