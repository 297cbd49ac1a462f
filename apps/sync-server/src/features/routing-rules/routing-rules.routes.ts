import { OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../platform/actor.ts';
import { setEtag } from '../../platform/concurrency.ts';
import type { AppEnv } from '../../platform/context.ts';
import { page, pageRequestOf } from '../../platform/pagination.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { createRoutingRule } from './routing-rules.commands.ts';
import { getRoutingRule, listRoutingRules } from './routing-rules.queries.ts';
import {
  CreateRoutingRuleRequest,
  ListRoutingRulesQuery,
  RoutingRule,
  RoutingRuleList,
} from './routing-rules.schemas.ts';

const tags = ['Routing rules'];

/** Section 16: rules that pick carrier and service for shipments created without them. */
export function routingRuleRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        { permission: 'routing-rules:read' },
        {
          method: 'get',
          path: '/routing-rules',
          tags,
          summary: 'List routing rules',
          description: 'Oldest first; filter with `active`. The order rules are tried in is `priority`, then age.',
          request: { query: ListRoutingRulesQuery },
          responses: { 200: jsonResponse(RoutingRuleList, 'A page of routing rules') },
        },
      ),
      (c) => {
        const q = c.req.valid('query');
        const rows = listRoutingRules(
          c.var.deps.db,
          c.var.tenantId,
          { active: q.active === undefined ? undefined : q.active === 'true' },
          pageRequestOf(q),
        );
        return c.json(page(c, rows, q.limit), 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'routing-rules:write',
          creates: true,
          errors: { 409: 'Idempotency key in use', 422: '`unknown_carrier`; idempotency key reused' },
        },
        {
          method: 'post',
          path: '/routing-rules',
          tags,
          summary: 'Create a routing rule',
          description: [
            'When a shipment is created without `carrier_hint`, the first active rule (lowest `priority`, then oldest) whose every condition holds gives its `carrier` and `service_code`; a rule without conditions matches everything. With no matching rule the shipment goes by the built-in `sandbox` carrier, `standard` service (or the `service_code` asked for).',
            'Conditions: `skus` (any of them is in the shipment), `min_weight_g`/`max_weight_g` (total weight, inclusive), `destination_countries`, `postal_code_prefixes` (spaces and case ignored), `service_levels` (the request’s `service_code` or the fulfillment’s `metadata.service_level`), `warehouse_ids`. `carrier` must be a connector id of this service.',
          ].join('\n\n'),
          request: { body: jsonBody(CreateRoutingRuleRequest) },
          responses: { 201: jsonResponse(RoutingRule, 'Created') },
        },
      ),
      (c) => {
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const { db, carriers } = c.var.deps;
        const created = db.transaction((tx) => {
          const id = createRoutingRule(tx, actor, carriers, input);
          return getRoutingRule(tx, actor.tenantId, id)!;
        });
        c.header('Location', `/v1/fulfillment/routing-rules/${created.id}`);
        setEtag(c, created.version);
        return c.json(created, 201);
      },
    );
}
