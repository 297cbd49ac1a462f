import type { RoutingConditions } from './shipment-schemas.ts';

/** What routing rules look at in a shipment about to be created. */
export type RoutableShipment = {
  skus: readonly string[];
  weight_g: number;
  to: { country: string; postal_code: string };
  /** The service level asked for, if any. */
  service_level?: string | undefined;
  warehouse_id: string;
};

export type RoutingRuleLike = {
  id: string;
  priority: number;
  active: boolean;
  conditions: RoutingConditions;
  carrier: string;
  service_code: string;
};

const postalKey = (code: string) => code.replace(/\s+/g, '').toUpperCase();

/** True when every condition the rule sets holds for the shipment; a rule without conditions always matches. */
export function ruleMatches(conditions: RoutingConditions, shipment: RoutableShipment): boolean {
  const c = conditions;
  if (c.skus && !shipment.skus.some((sku) => c.skus!.includes(sku))) return false;
  if (c.min_weight_g !== undefined && shipment.weight_g < c.min_weight_g) return false;
  if (c.max_weight_g !== undefined && shipment.weight_g > c.max_weight_g) return false;
  if (c.destination_countries && !c.destination_countries.includes(shipment.to.country)) return false;
  if (c.postal_code_prefixes) {
    const postal = postalKey(shipment.to.postal_code);
    if (!c.postal_code_prefixes.some((prefix) => postal.startsWith(postalKey(prefix)))) return false;
  }
  if (c.service_levels && (!shipment.service_level || !c.service_levels.includes(shipment.service_level))) {
    return false;
  }
  if (c.warehouse_ids && !c.warehouse_ids.includes(shipment.warehouse_id)) return false;
  return true;
}

/**
 * The rule that routes the shipment: the first active one, by priority (lower first) and then id
 * (older first), whose conditions all hold. Undefined when none does.
 */
export function chooseRoutingRule<R extends RoutingRuleLike>(
  rules: readonly R[],
  shipment: RoutableShipment,
): R | undefined {
  return [...rules]
    .filter((r) => r.active)
    .sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .find((r) => ruleMatches(r.conditions, shipment));
}
