import { openFulfillmentStatuses } from '@fulfillment/domain/warehouse/warehouse-load';
import type { CreateWarehouseInput, UpdateWarehouseInput } from '@fulfillment/domain/warehouse/warehouse-schemas';
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { fulfillments } from '../../db/schema/fulfillments.ts';
import { locations, type WarehouseCapacity, warehouses, workers, workstations } from '../../db/schema/warehouses.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { conflict } from '../../platform/problem.ts';
import { publishEvent, recordTimeline } from '../../platform/timeline.ts';
import { taken } from './warehouse-problems.ts';
import { requireWarehouse, type WarehouseRow } from './warehouses.queries.ts';
import { insertZone } from './zones.commands.ts';

function checkCodeFree(tx: Tx, actor: Actor, code: string) {
  const clash = tx
    .select({ id: warehouses.id })
    .from(warehouses)
    .where(and(eq(warehouses.tenantId, actor.tenantId), eq(warehouses.code, code), isNull(warehouses.deletedAt)))
    .get();
  if (clash)
    throw taken('warehouse_code_taken', [
      { path: 'code', message: `${code} is already the code of warehouse ${clash.id}` },
    ]);
}

/** Creates a warehouse, and the zones and bins sent with it, as one change. */
export function createWarehouse(tx: Tx, actor: Actor, input: CreateWarehouseInput): string {
  checkCodeFree(tx, actor, input.code);
  const id = newId('wh');
  const now = actor.now.toISOString();
  const status = input.status ?? 'active';
  tx.insert(warehouses)
    .values({
      id,
      tenantId: actor.tenantId,
      code: input.code,
      name: input.name,
      status,
      address: input.address,
      timezone: input.timezone,
      serviceableRegions: input.serviceable_regions ?? [],
      capabilities: input.capabilities ?? [],
      capacity: input.capacity ?? {},
      metadata: input.metadata ?? {},
      createdAt: now,
      updatedAt: now,
    })
    .run();
  const data = { code: input.code, name: input.name, status, zones: input.zones?.length ?? 0 };
  recordTimeline(tx, actor, { type: 'warehouse.created', subjectType: 'warehouse', subjectId: id, data });
  input.zones?.forEach((zone, i) => insertZone(tx, actor, id, zone, `zones[${i}].`));
  publishEvent(tx, actor, {
    type: 'warehouse.created',
    subjectType: 'warehouse',
    subjectId: id,
    payload: {
      warehouse_id: id,
      ...data,
      capabilities: input.capabilities ?? [],
      serviceable_regions: input.serviceable_regions ?? [],
    },
  });
  return id;
}

function loadForWrite(tx: Tx, actor: Actor, id: string, expectedVersion: number | undefined): WarehouseRow {
  const row = requireWarehouse(tx, actor.tenantId, id);
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw conflict('version_conflict', `version ${expectedVersion} is stale: the current version is ${row.version}`);
  }
  return row;
}

/** Applies `patch` to `current` where a null value removes the key (metadata and capacity merges). */
function merge<T extends Record<string, unknown>>(current: T, patch: Record<string, unknown>): T {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return merged as T;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Replaces the fields sent, merges capacity and metadata; a PATCH that changes nothing bumps no version. */
export function updateWarehouse(tx: Tx, actor: Actor, id: string, input: UpdateWarehouseInput): void {
  const row = loadForWrite(tx, actor, id, input.version);
  const next = {
    code: input.code ?? row.code,
    name: input.name ?? row.name,
    address: input.address ?? row.address,
    timezone: input.timezone ?? row.timezone,
    serviceableRegions: input.serviceable_regions ?? row.serviceableRegions,
    capabilities: input.capabilities ?? row.capabilities,
    capacity: input.capacity ? merge<WarehouseCapacity>(row.capacity, input.capacity) : row.capacity,
    status: input.status ?? row.status,
    metadata: input.metadata ? merge(row.metadata, input.metadata) : row.metadata,
  };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (!same(row[key], next[key])) changes[key] = { from: row[key], to: next[key] };
  }
  if (Object.keys(changes).length === 0) return;
  if (changes.code) checkCodeFree(tx, actor, next.code);

  tx.update(warehouses)
    .set({ ...next, version: row.version + 1, updatedAt: actor.now.toISOString() })
    .where(and(eq(warehouses.tenantId, actor.tenantId), eq(warehouses.id, id)))
    .run();
  recordTimeline(tx, actor, { type: 'warehouse.updated', subjectType: 'warehouse', subjectId: id, data: { changes } });
  publishEvent(tx, actor, {
    type: 'warehouse.updated',
    subjectType: 'warehouse',
    subjectId: id,
    payload: { warehouse_id: id, status: next.status, changes: Object.keys(changes) },
  });
}

/**
 * Soft-deletes a warehouse that no open fulfillment depends on, retiring its bins, workers and
 * workstations with it (their codes, badges and barcodes become free). Fulfillments keep their
 * `warehouse_id`: history stays readable.
 */
export function deleteWarehouse(tx: Tx, actor: Actor, id: string): void {
  const row = loadForWrite(tx, actor, id, undefined);
  const open = tx
    .select({ n: count() })
    .from(fulfillments)
    .where(
      and(
        eq(fulfillments.tenantId, actor.tenantId),
        eq(fulfillments.warehouseId, id),
        inArray(fulfillments.status, openFulfillmentStatuses),
      ),
    )
    .get()!.n;
  if (open > 0) {
    throw conflict('warehouse_in_use', `${open} fulfillment(s) at warehouse ${id} are not closed or cancelled yet`);
  }

  const now = actor.now.toISOString();
  tx.update(warehouses)
    .set({ deletedAt: now, version: row.version + 1, updatedAt: now })
    .where(and(eq(warehouses.tenantId, actor.tenantId), eq(warehouses.id, id)))
    .run();
  const retire = { deletedAt: now, updatedAt: now };
  const retired = {
    workers: tx
      .update(workers)
      .set({ ...retire, status: 'inactive', version: sql`${workers.version} + 1` })
      .where(and(eq(workers.warehouseId, id), isNull(workers.deletedAt)))
      .run().changes,
    workstations: tx
      .update(workstations)
      .set({ ...retire, status: 'inactive', version: sql`${workstations.version} + 1` })
      .where(and(eq(workstations.warehouseId, id), isNull(workstations.deletedAt)))
      .run().changes,
    locations: tx
      .update(locations)
      .set({ ...retire, version: sql`${locations.version} + 1` })
      .where(and(eq(locations.warehouseId, id), isNull(locations.deletedAt)))
      .run().changes,
  };
  const data = { code: row.code, retired };
  recordTimeline(tx, actor, { type: 'warehouse.deleted', subjectType: 'warehouse', subjectId: id, data });
  publishEvent(tx, actor, {
    type: 'warehouse.deleted',
    subjectType: 'warehouse',
    subjectId: id,
    payload: { warehouse_id: id, code: row.code, deleted_at: now },
  });
}
