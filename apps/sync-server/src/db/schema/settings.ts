import type { AllocationStrategy } from '@fulfillment/domain/allocation/allocation-schemas';
import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { resourceColumns } from './columns.ts';

/** One settings document per tenant (api-design section 16), written on the first PATCH. */
export const tenantSettings = sqliteTable('tenant_settings', {
  ...resourceColumns(),
  tenantId: text('tenant_id').primaryKey(),
  defaultWarehouseId: text('default_warehouse_id'),
  allowSplitShipments: integer('allow_split_shipments', { mode: 'boolean' }).notNull(),
  defaultAllocationStrategy: text('default_allocation_strategy').$type<AllocationStrategy>().notNull(),
  gs1CompanyPrefix: text('gs1_company_prefix').notNull(),
  ssccExtensionDigit: integer('sscc_extension_digit').notNull(),
  scanPrefixes: text('scan_prefixes', { mode: 'json' }).$type<Record<string, string[]>>().notNull(),
  defaultPackagingProfileId: text('default_packaging_profile_id'),
  packingEfficiency: real('packing_efficiency').notNull(),
});
