import type { PackagingType } from '@fulfillment/domain/packaging/packaging-schemas';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { resourceColumns } from './columns.ts';

export type DimsMm = { l: number; w: number; h: number };

/**
 * Boxes, envelopes, pallets and bags a tenant packs into (api-design section 16). Never deleted:
 * a profile that is no longer used is made inactive, so packages keep a readable reference.
 */
export const packagingProfiles = sqliteTable(
  'packaging_profiles',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name'),
    type: text('type').$type<PackagingType>().notNull(),
    innerMm: text('inner_mm', { mode: 'json' }).$type<DimsMm>().notNull(),
    outerMm: text('outer_mm', { mode: 'json' }).$type<DimsMm>(),
    tareG: integer('tare_g').notNull(),
    maxWeightG: integer('max_weight_g').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull(),
    ...resourceColumns(),
  },
  (t) => [
    uniqueIndex('packaging_profile_code').on(t.tenantId, t.code),
    index('packaging_profile_tenant').on(t.tenantId, t.id),
  ],
);
