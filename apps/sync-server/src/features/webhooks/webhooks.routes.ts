import { OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../platform/actor.ts';
import type { AppEnv } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { page, pageRequestOf } from '../../platform/pagination.ts';
import { notFound } from '../../platform/problem.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { pathParams } from '../../platform/schemas.ts';
import { logTestDelivery } from './webhook-deliveries.ts';
import { sendWebhook } from './webhook-send.ts';
import { createWebhook, deleteWebhook } from './webhooks.commands.ts';
import { findWebhookRow, getWebhook, listWebhooks } from './webhooks.queries.ts';
import {
  CreatedWebhook,
  CreateWebhookRequest,
  ListWebhooksQuery,
  TestWebhookRequest,
  WebhookList,
  WebhookTestResult,
} from './webhooks.schemas.ts';

const tags = ['Webhooks'];
const Params = pathParams('webhookId');

const delivery = [
  'Each event goes to every webhook of its tenant whose `events` take it (an exact type, a family such as `shipment.*`, or `*`), from the moment the webhook is created: a `POST` of `{ id, type, created_at, tenant_id, data }` with `Content-Type: application/json`.',
  'Headers: `Fulfillment-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body" with the secret>` (reject a `t` more than 5 minutes away), `Fulfillment-Event-Id` (the same on every attempt: dedupe on it), `Fulfillment-Event-Type`, `Fulfillment-Delivery-Attempt`.',
  'A 2xx within 10 seconds is delivered. Anything else (another status, a redirect, no answer) is retried after 30 s, 1 min, 2 min, ... doubling, 10 attempts in all (about 4 hours), then the delivery is `failed`. Every attempt is in the delivery log (`recent_deliveries`).',
].join('\n\n');

/** Section 13: other systems subscribe to our events; delivery is webhook-dispatcher.ts's. */
export function webhookRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        { permission: 'webhooks:read' },
        {
          method: 'get',
          path: '/webhooks',
          tags,
          summary: 'List webhooks, with their recent deliveries',
          description: `Oldest first. Secrets are never shown again after creation.\n\n${delivery}`,
          request: { query: ListWebhooksQuery },
          responses: { 200: jsonResponse(WebhookList, 'A page of webhooks') },
        },
      ),
      (c) => {
        const q = c.req.valid('query');
        const rows = listWebhooks(c.var.deps.db, c.var.tenantId, pageRequestOf(q));
        return c.json(page(c, rows, q.limit), 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'webhooks:write',
          creates: true,
          errors: { 409: 'Idempotency key in use', 422: 'Idempotency key reused' },
        },
        {
          method: 'post',
          path: '/webhooks',
          tags,
          summary: 'Subscribe a URL to events',
          description: `The answer carries the signing \`secret\` (yours, or one made for you): the only time it is shown.\n\n${delivery}`,
          request: { body: jsonBody(CreateWebhookRequest) },
          responses: { 201: jsonResponse(CreatedWebhook, 'Created') },
        },
      ),
      (c) => {
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const { db, secretBox } = c.var.deps;
        const created = db.transaction((tx) => {
          const { id, secret } = createWebhook(tx, actor, secretBox, input);
          return { ...getWebhook(tx, actor.tenantId, id)!, secret };
        });
        c.header('Location', `/v1/fulfillment/webhooks/${created.id}`);
        return c.json(created, 201);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'webhooks:write' },
        {
          method: 'delete',
          path: '/webhooks/{webhookId}',
          tags,
          summary: 'Delete a webhook',
          description:
            'Nothing more is sent to it; deliveries still waiting are `cancelled`. It answers 404 from then on.',
          request: { params: Params },
          responses: { 204: { description: 'Deleted' } },
        },
      ),
      (c) => {
        const { webhookId } = c.req.valid('param');
        const actor = actorOf(c);
        c.var.deps.db.transaction((tx) => deleteWebhook(tx, actor, webhookId));
        return c.body(null, 204);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'webhooks:write' },
        {
          method: 'post',
          path: '/webhooks/test',
          tags,
          summary: 'Send a webhook a test event now',
          description:
            'Sends `webhook.test` (`data: { webhook_id }`), signed as every event is, once and at once, and answers how it went: `delivered` is false when the receiver answered anything but a 2xx or could not be reached (`status_code`, `error`). Not retried; logged in the webhook’s deliveries.',
          request: { body: jsonBody(TestWebhookRequest) },
          responses: { 200: jsonResponse(WebhookTestResult, 'How the test delivery went') },
        },
      ),
      async (c) => {
        const { webhook_id } = c.req.valid('json');
        const { db, secretBox, clock } = c.var.deps;
        const hook = findWebhookRow(db, c.var.tenantId, webhook_id);
        if (!hook) throw notFound('webhook', webhook_id);
        const event = {
          id: newId('evt'),
          type: 'webhook.test',
          created_at: clock.now().toISOString(),
          tenant_id: hook.tenantId,
          data: { webhook_id: hook.id },
        };
        const outcome = await sendWebhook(
          { url: hook.url, secret: secretBox.open(hook.secretSealed) },
          event,
          1,
          clock.now(),
        );
        logTestDelivery(db, hook, event, outcome, clock.now());
        return c.json(
          {
            webhook_id: hook.id,
            event_id: event.id,
            delivered: outcome.ok,
            status_code: outcome.statusCode,
            error: outcome.error,
            duration_ms: outcome.durationMs,
          },
          200,
        );
      },
    );
}
