import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { routingRules } from '../../db/schema/shipments.ts';

type Reader = Db | Tx;
export type RoutingRuleRow = typeof routingRules.$inferSelect;

export function toRoutingRule(row: RoutingRuleRow) {
  return {
    id: row.id,
    name: row.name,
    priority: row.priority,
    conditions: row.conditions,
    carrier: row.carrier,
    service_code: row.serviceCode,
    active: row.active,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}
export type RoutingRule = ReturnType<typeof toRoutingRule>;

export function getRoutingRule(db: Reader, tenantId: string, id: string): RoutingRule | undefined {
  const row = db
    .select()
    .from(routingRules)
    .where(and(eq(routingRules.tenantId, tenantId), eq(routingRules.id, id)))
    .get();
  return row && toRoutingRule(row);
}

/** Oldest first, so pages are stable; `active` narrows. */
export function listRoutingRules(
  db: Reader,
  tenantId: string,
  filters: { active?: boolean | undefined },
  pageRequest: { after: string | undefined; limit: number },
): RoutingRule[] {
  const where: SQL[] = [eq(routingRules.tenantId, tenantId)];
  if (filters.active !== undefined) where.push(eq(routingRules.active, filters.active));
  if (pageRequest.after) where.push(gt(routingRules.id, pageRequest.after));
  return db
    .select()
    .from(routingRules)
    .where(and(...where))
    .orderBy(asc(routingRules.id))
    .limit(pageRequest.limit + 1)
    .all()
    .map(toRoutingRule);
}

/** The tenant's active rules, in the order they are tried. */
export function activeRoutingRules(db: Reader, tenantId: string): RoutingRule[] {
  return db
    .select()
    .from(routingRules)
    .where(and(eq(routingRules.tenantId, tenantId), eq(routingRules.active, true)))
    .orderBy(asc(routingRules.priority), asc(routingRules.id))
    .all()
    .map(toRoutingRule);
}
