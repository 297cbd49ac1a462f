import type { RegisterWorkerInput } from '@fulfillment/domain/warehouse/worker-schemas';
import {
  type CreateWorkstationInput,
  packStationReferenceTypes,
} from '@fulfillment/domain/warehouse/workstation-schemas';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { workers, workstations } from '../../db/schema/warehouses.ts';
import type { FieldError } from '../../platform/problem.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { recordTimeline } from '../../platform/timeline.ts';
import { badReference, taken } from './warehouse-problems.ts';
import { findWorkerByBadge } from './worker-lookup.ts';
import { requireWarehouse } from './warehouses.queries.ts';
import { findZoneRow } from './zones.queries.ts';

/** Registers a worker at a warehouse. A badge names one live worker in the whole tenant. */
export function registerWorker(tx: Tx, actor: Actor, warehouseId: string, input: RegisterWorkerInput): string {
  requireWarehouse(tx, actor.tenantId, warehouseId);
  const holder = findWorkerByBadge(tx, actor.tenantId, input.badge_id);
  if (holder)
    throw taken('badge_taken', [
      { path: 'badge_id', message: `${input.badge_id} is already the badge of worker ${holder.id}` },
    ]);

  const id = newId('wkr');
  const now = actor.now.toISOString();
  const status = input.status ?? 'active';
  tx.insert(workers)
    .values({
      id,
      tenantId: actor.tenantId,
      warehouseId,
      name: input.name,
      badgeId: input.badge_id,
      email: input.email ?? null,
      roles: input.roles,
      skills: input.skills ?? [],
      status,
      metadata: input.metadata ?? {},
      createdAt: now,
      updatedAt: now,
    })
    .run();
  const data = { warehouse_id: warehouseId, badge_id: input.badge_id, roles: input.roles, status };
  recordTimeline(tx, actor, { type: 'worker.registered', subjectType: 'worker', subjectId: id, data });
  return id;
}

/** A pack station may only name printers and scales already registered in its own warehouse. */
function checkPackStationReferences(
  tx: Tx,
  warehouseId: string,
  config: { printer_ids?: string[] | undefined; scale_id?: string | undefined },
) {
  const refs = [
    ...(config.printer_ids ?? []).map((id, i) => ({
      id,
      path: `config.printer_ids[${i}]`,
      allowed: packStationReferenceTypes.printer_ids,
    })),
    ...(config.scale_id
      ? [{ id: config.scale_id, path: 'config.scale_id', allowed: packStationReferenceTypes.scale_id }]
      : []),
  ];
  if (refs.length === 0) return;
  const found = new Map(
    tx
      .select({ id: workstations.id, type: workstations.type })
      .from(workstations)
      .where(
        and(
          eq(workstations.warehouseId, warehouseId),
          isNull(workstations.deletedAt),
          inArray(
            workstations.id,
            refs.map((r) => r.id),
          ),
        ),
      )
      .all()
      .map((w) => [w.id, w.type]),
  );
  const errors: FieldError[] = [];
  for (const ref of refs) {
    const type = found.get(ref.id);
    if (!type) errors.push({ path: ref.path, message: `${ref.id} is not a workstation of warehouse ${warehouseId}` });
    else if (!(ref.allowed as readonly string[]).includes(type)) {
      errors.push({ path: ref.path, message: `${ref.id} is a ${type}, not a ${ref.allowed.join(' or ')}` });
    }
  }
  if (errors.length) throw badReference('workstation_reference_invalid', errors);
}

/** Registers a pack station, scale or printer; codes are unique within the warehouse. */
export function createWorkstation(tx: Tx, actor: Actor, warehouseId: string, input: CreateWorkstationInput): string {
  requireWarehouse(tx, actor.tenantId, warehouseId);
  const clash = tx
    .select({ id: workstations.id })
    .from(workstations)
    .where(and(eq(workstations.warehouseId, warehouseId), eq(workstations.code, input.code)))
    .get();
  if (clash)
    throw taken('workstation_code_taken', [
      { path: 'code', message: `${input.code} is already the code of workstation ${clash.id}` },
    ]);
  if (input.zone_id && !findZoneRow(tx, actor.tenantId, warehouseId, input.zone_id)) {
    throw badReference('zone_not_found', [
      { path: 'zone_id', message: `${input.zone_id} is not a zone of warehouse ${warehouseId}` },
    ]);
  }
  if (input.type === 'pack_station' && input.config) checkPackStationReferences(tx, warehouseId, input.config);

  const id = newId('stn');
  const now = actor.now.toISOString();
  const status = input.status ?? 'active';
  tx.insert(workstations)
    .values({
      id,
      tenantId: actor.tenantId,
      warehouseId,
      zoneId: input.zone_id ?? null,
      type: input.type,
      code: input.code,
      name: input.name,
      status,
      config: input.config ?? {},
      metadata: input.metadata ?? {},
      createdAt: now,
      updatedAt: now,
    })
    .run();
  const data = { warehouse_id: warehouseId, type: input.type, code: input.code, status };
  recordTimeline(tx, actor, { type: 'workstation.created', subjectType: 'workstation', subjectId: id, data });
  return id;
}
