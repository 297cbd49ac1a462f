import { createRoutingRuleInput, routingConditionsSchema } from '@fulfillment/domain/shipment/shipment-schemas';
import { z } from '@hono/zod-openapi';
import { paginationQuery } from '../../platform/pagination.ts';
import { listOf, resourceBase } from '../../platform/schemas.ts';

export const CreateRoutingRuleRequest = createRoutingRuleInput.openapi('CreateRoutingRuleRequest', {
  example: {
    name: 'Heavy parcels to Ireland go economy',
    priority: 10,
    conditions: { destination_countries: ['IE'], min_weight_g: 5000 },
    carrier: 'sandbox',
    service_code: 'economy',
  },
});

export const RoutingRule = z
  .object({
    id: z.string().openapi({ example: 'rr_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    name: z.string(),
    priority: z.number().int(),
    conditions: routingConditionsSchema,
    carrier: z.string().openapi({ example: 'sandbox' }),
    service_code: z.string().openapi({ example: 'express' }),
    active: z.boolean(),
    ...resourceBase,
  })
  .openapi('RoutingRule');

export const RoutingRuleList = listOf(RoutingRule, 'RoutingRuleList');

export const ListRoutingRulesQuery = z.strictObject({
  ...paginationQuery,
  active: z.enum(['true', 'false']).optional(),
});
