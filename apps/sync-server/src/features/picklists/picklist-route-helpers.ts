import type { Context } from 'hono';
import type { Tx } from '../../db/client.ts';
import { actorOf } from '../../platform/actor.ts';
import { checkPreconditions, setEtag } from '../../platform/concurrency.ts';
import type { Actor, AppEnv } from '../../platform/context.ts';
import { pathParams } from '../../platform/schemas.ts';
import { requirePicklist } from './picklists.commands.ts';
import { findPicklistRow } from './picklists.queries.ts';

export const tags = ['Picklists'];
export const Params = pathParams('picklistId');

/**
 * Runs a picklist write in one transaction: 404 for a picklist not of this tenant, 412 when If-Match
 * names another version, then the command. The answer carries the new ETag.
 */
export function writePicklist<T>(c: Context<AppEnv>, id: string, work: (tx: Tx, actor: Actor) => T): T {
  const actor = actorOf(c);
  const { db } = c.var.deps;
  const result = db.transaction((tx) => {
    checkPreconditions(c, requirePicklist(tx, actor, id).version);
    return work(tx, actor);
  });
  const row = findPicklistRow(db, actor.tenantId, id);
  if (row) setEtag(c, row.version);
  return result;
}

export const outages = {
  502: 'The Inventory Service answered badly',
  503: 'The Inventory Service is unavailable',
  504: 'The Inventory Service timed out',
} as const;
