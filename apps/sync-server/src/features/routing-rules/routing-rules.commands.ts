import type { CreateRoutingRuleInput } from '@fulfillment/domain/shipment/shipment-schemas';
import type { CarrierRegistry } from '../../adapters/carriers/carrier-registry.ts';
import type { Tx } from '../../db/client.ts';
import { routingRules } from '../../db/schema/shipments.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { unprocessable } from '../../platform/problem.ts';
import { publishEvent } from '../../platform/timeline.ts';

/** A carrier id must name a connector of this deployment, or every shipment it routes would fail at label time. */
export function requireKnownCarrier(carriers: CarrierRegistry, id: string, path: string): void {
  if (!carriers.get(id)) {
    throw unprocessable('unknown_carrier', `carrier ${id} is not a connector of this service`, [
      { path, message: `one of ${carriers.ids().join(', ')}` },
    ]);
  }
}

export function createRoutingRule(tx: Tx, actor: Actor, carriers: CarrierRegistry, input: CreateRoutingRuleInput) {
  requireKnownCarrier(carriers, input.carrier, 'carrier');
  const id = newId('rr');
  const now = actor.now.toISOString();
  tx.insert(routingRules)
    .values({
      id,
      tenantId: actor.tenantId,
      name: input.name,
      priority: input.priority,
      conditions: input.conditions ?? {},
      carrier: input.carrier,
      serviceCode: input.service_code,
      active: input.active ?? true,
      metadata: input.metadata ?? {},
      createdAt: now,
      updatedAt: now,
    })
    .run();
  publishEvent(tx, actor, {
    type: 'routing_rule.created',
    subjectType: 'routing_rule',
    subjectId: id,
    payload: { routing_rule_id: id, carrier: input.carrier, service_code: input.service_code },
  });
  return id;
}
