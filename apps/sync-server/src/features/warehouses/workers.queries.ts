import type { WorkerStatus } from '@fulfillment/domain/warehouse/worker-schemas';
import type { WorkstationType } from '@fulfillment/domain/warehouse/workstation-schemas';
import { and, asc, eq, gt, isNull, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { workers, workstations } from '../../db/schema/warehouses.ts';
import { findWorkerRow } from './worker-lookup.ts';
import { findWorkstationRow } from './workstation-lookup.ts';

type Reader = Db | Tx;
type PageRequest = { after: string | undefined; limit: number };

function toWorker(row: typeof workers.$inferSelect) {
  return {
    id: row.id,
    warehouse_id: row.warehouseId,
    name: row.name,
    badge_id: row.badgeId,
    email: row.email,
    roles: row.roles,
    skills: row.skills,
    status: row.status,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}

function toWorkstation(row: typeof workstations.$inferSelect) {
  return {
    id: row.id,
    warehouse_id: row.warehouseId,
    zone_id: row.zoneId,
    type: row.type,
    code: row.code,
    name: row.name,
    status: row.status,
    config: row.config,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}

export function getWorker(db: Reader, tenantId: string, id: string) {
  const row = findWorkerRow(db, tenantId, id);
  return row && toWorker(row);
}

export function getWorkstation(db: Reader, tenantId: string, id: string) {
  const row = findWorkstationRow(db, tenantId, id);
  return row && toWorkstation(row);
}

export function listWorkers(
  db: Reader,
  warehouseId: string,
  filters: { status?: WorkerStatus | undefined },
  pageRequest: PageRequest,
) {
  const where: SQL[] = [eq(workers.warehouseId, warehouseId), isNull(workers.deletedAt)];
  if (filters.status) where.push(eq(workers.status, filters.status));
  if (pageRequest.after) where.push(gt(workers.id, pageRequest.after));
  return db
    .select()
    .from(workers)
    .where(and(...where))
    .orderBy(asc(workers.id))
    .limit(pageRequest.limit + 1)
    .all()
    .map(toWorker);
}

export function listWorkstations(
  db: Reader,
  warehouseId: string,
  filters: { type?: WorkstationType | undefined; status?: 'active' | 'inactive' | undefined },
  pageRequest: PageRequest,
) {
  const where: SQL[] = [eq(workstations.warehouseId, warehouseId), isNull(workstations.deletedAt)];
  if (filters.type) where.push(eq(workstations.type, filters.type));
  if (filters.status) where.push(eq(workstations.status, filters.status));
  if (pageRequest.after) where.push(gt(workstations.id, pageRequest.after));
  return db
    .select()
    .from(workstations)
    .where(and(...where))
    .orderBy(asc(workstations.id))
    .limit(pageRequest.limit + 1)
    .all()
    .map(toWorkstation);
}
