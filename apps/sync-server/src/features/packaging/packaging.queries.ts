import type { CartonProfile } from '@fulfillment/domain/packaging/cartonize';
import type { PackagingType } from '@fulfillment/domain/packaging/packaging-schemas';
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { packagingProfiles } from '../../db/schema/packaging.ts';
import { notFound } from '../../platform/problem.ts';

type Reader = Db | Tx;
export type PackagingProfileRow = typeof packagingProfiles.$inferSelect;
type PageRequest = { after: string | undefined; limit: number };

export function toPackagingProfile(row: PackagingProfileRow) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    inner_mm: row.innerMm,
    outer_mm: row.outerMm,
    tare_g: row.tareG,
    max_weight_g: row.maxWeightG,
    active: row.active,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}

export function findPackagingProfileRow(db: Reader, tenantId: string, id: string) {
  return db
    .select()
    .from(packagingProfiles)
    .where(and(eq(packagingProfiles.tenantId, tenantId), eq(packagingProfiles.id, id)))
    .get();
}

/** The tenant's profile, or 404 (another tenant's profile is as good as absent). */
export function requirePackagingProfile(db: Reader, tenantId: string, id: string): PackagingProfileRow {
  const row = findPackagingProfileRow(db, tenantId, id);
  if (!row) throw notFound('packaging profile', id);
  return row;
}

export function getPackagingProfile(db: Reader, tenantId: string, id: string) {
  const row = findPackagingProfileRow(db, tenantId, id);
  return row && toPackagingProfile(row);
}

export type PackagingProfileFilters = { active?: boolean | undefined; type?: PackagingType | undefined };

export function listPackagingProfiles(
  db: Reader,
  tenantId: string,
  filters: PackagingProfileFilters,
  pageRequest: PageRequest,
) {
  const where: SQL[] = [eq(packagingProfiles.tenantId, tenantId)];
  if (filters.active !== undefined) where.push(eq(packagingProfiles.active, filters.active));
  if (filters.type) where.push(eq(packagingProfiles.type, filters.type));
  if (pageRequest.after) where.push(gt(packagingProfiles.id, pageRequest.after));
  return db
    .select()
    .from(packagingProfiles)
    .where(and(...where))
    .orderBy(asc(packagingProfiles.id))
    .limit(pageRequest.limit + 1)
    .all()
    .map(toPackagingProfile);
}

/** The tenant's active profiles in the shape cartonization takes. */
export function activeCartonProfiles(db: Reader, tenantId: string): CartonProfile[] {
  return db
    .select()
    .from(packagingProfiles)
    .where(and(eq(packagingProfiles.tenantId, tenantId), eq(packagingProfiles.active, true)))
    .all()
    .map((r) => ({
      id: r.id,
      code: r.code,
      inner_mm: r.innerMm,
      tare_g: r.tareG,
      max_weight_g: r.maxWeightG,
      active: r.active,
    }));
}
