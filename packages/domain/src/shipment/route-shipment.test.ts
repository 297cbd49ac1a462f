import { describe, expect, it } from 'vitest';
import { chooseRoutingRule, ruleMatches, type RoutableShipment, type RoutingRuleLike } from './route-shipment.ts';

const shipment: RoutableShipment = {
  skus: ['SKU-1', 'SKU-2'],
  weight_g: 1_200,
  to: { country: 'GB', postal_code: 'SW1Y 4JH' },
  service_level: 'express',
  warehouse_id: 'wh_1',
};

const rule = (id: string, priority: number, conditions: RoutingRuleLike['conditions'], active = true) => ({
  id,
  priority,
  active,
  conditions,
  carrier: `carrier-${id}`,
  service_code: 'standard',
});

describe('ruleMatches', () => {
  it('matches everything without conditions', () => {
    expect(ruleMatches({}, shipment)).toBe(true);
  });

  it.each([
    [{ skus: ['SKU-2', 'SKU-9'] }, true],
    [{ skus: ['SKU-9'] }, false],
    [{ min_weight_g: 1_200, max_weight_g: 1_200 }, true],
    [{ min_weight_g: 1_201 }, false],
    [{ max_weight_g: 1_199 }, false],
    [{ destination_countries: ['GB', 'IE'] }, true],
    [{ destination_countries: ['FR'] }, false],
    [{ postal_code_prefixes: ['sw1y'] }, true],
    [{ postal_code_prefixes: ['SW1Y4'] }, true],
    [{ postal_code_prefixes: ['E1'] }, false],
    [{ service_levels: ['express'] }, true],
    [{ service_levels: ['economy'] }, false],
    [{ warehouse_ids: ['wh_1'] }, true],
    [{ warehouse_ids: ['wh_2'] }, false],
    [{ destination_countries: ['GB'], min_weight_g: 5_000 }, false],
  ])('%j → %s', (conditions, expected) => {
    expect(ruleMatches(conditions, shipment)).toBe(expected);
  });

  it('does not match a service-level rule when no level was asked for', () => {
    expect(ruleMatches({ service_levels: ['express'] }, { ...shipment, service_level: undefined })).toBe(false);
  });
});

describe('chooseRoutingRule', () => {
  it('takes the lowest priority number that matches, skipping inactive rules', () => {
    const rules = [
      rule('c', 100, {}),
      rule('a', 1, { destination_countries: ['FR'] }),
      rule('b', 5, { destination_countries: ['GB'] }, false),
      rule('d', 10, { max_weight_g: 2_000 }),
    ];
    expect(chooseRoutingRule(rules, shipment)?.id).toBe('d');
  });

  it('breaks priority ties by id, older first', () => {
    expect(chooseRoutingRule([rule('z', 1, {}), rule('m', 1, {})], shipment)?.id).toBe('m');
  });

  it('answers undefined when nothing matches', () => {
    expect(chooseRoutingRule([rule('a', 1, { skus: ['X'] })], shipment)).toBeUndefined();
  });
});
