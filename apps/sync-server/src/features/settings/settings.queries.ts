import type { AllocationStrategy } from '@fulfillment/domain/allocation/allocation-schemas';
import { DEFAULT_GS1_COMPANY_PREFIX, DEFAULT_PACKING_EFFICIENCY } from '@fulfillment/domain/settings/settings-schemas';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { tenantSettings } from '../../db/schema/settings.ts';

type Reader = Db | Tx;
export type TenantSettingsRow = typeof tenantSettings.$inferSelect;

/** The tenant's settings as the API shows them. */
export type TenantSettings = {
  default_warehouse_id: string | null;
  allow_split_shipments: boolean;
  default_allocation_strategy: AllocationStrategy;
  /** With sscc_extension_digit, what package SSCCs are made from. */
  gs1_company_prefix: string;
  sscc_extension_digit: number;
  scan_prefixes: Record<string, string[]>;
  packaging: { default_profile_id: string | null; packing_efficiency: number };
  /** 0 until the settings are first written. */
  version: number;
  updated_at: string | null;
  metadata: Record<string, unknown>;
};

export const DEFAULT_TENANT_SETTINGS: Readonly<TenantSettings> = Object.freeze({
  default_warehouse_id: null,
  allow_split_shipments: true,
  default_allocation_strategy: 'fifo',
  gs1_company_prefix: DEFAULT_GS1_COMPANY_PREFIX,
  sscc_extension_digit: 0,
  scan_prefixes: {},
  packaging: { default_profile_id: null, packing_efficiency: DEFAULT_PACKING_EFFICIENCY },
  version: 0,
  updated_at: null,
  metadata: {},
});

export function toTenantSettings(row: TenantSettingsRow): TenantSettings {
  return {
    default_warehouse_id: row.defaultWarehouseId,
    allow_split_shipments: row.allowSplitShipments,
    default_allocation_strategy: row.defaultAllocationStrategy,
    gs1_company_prefix: row.gs1CompanyPrefix,
    sscc_extension_digit: row.ssccExtensionDigit,
    scan_prefixes: row.scanPrefixes,
    packaging: { default_profile_id: row.defaultPackagingProfileId, packing_efficiency: row.packingEfficiency },
    version: row.version,
    updated_at: row.updatedAt,
    metadata: row.metadata,
  };
}

export function findTenantSettingsRow(db: Reader, tenantId: string) {
  return db.select().from(tenantSettings).where(eq(tenantSettings.tenantId, tenantId)).get();
}

/** The tenant's settings; the defaults (version 0) while none have been written. */
export function getTenantSettings(db: Db | Tx, tenantId: string): TenantSettings {
  const row = findTenantSettingsRow(db, tenantId);
  return row
    ? toTenantSettings(row)
    : {
        ...DEFAULT_TENANT_SETTINGS,
        scan_prefixes: {},
        packaging: { ...DEFAULT_TENANT_SETTINGS.packaging },
        metadata: {},
      };
}
