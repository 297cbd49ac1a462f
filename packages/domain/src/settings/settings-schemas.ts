import { z } from 'zod';
import { allocationStrategySchema } from '../allocation/allocation-schemas.ts';
import { classifyScanOptionsSchema } from '../barcode/classify-scan-schemas.ts';
import { metadataSchema, prefixedId } from '../common/common-schemas.ts';
import { PACKING_EFFICIENCY } from '../packaging/cartonize.ts';

/** Tenant-wide preferences (api-design section 16): one document per tenant, created lazily. */

/** The GS1 example company prefix, until the tenant sets its own. */
export const DEFAULT_GS1_COMPANY_PREFIX = '0614141';
export const MIN_PACKING_EFFICIENCY = 0.5;
export const MAX_PACKING_EFFICIENCY = 1;
/** What cartonization assumes until the tenant sets its own. */
export const DEFAULT_PACKING_EFFICIENCY = PACKING_EFFICIENCY;

export const gs1CompanyPrefixSchema = z.string().regex(/^[0-9]{7,10}$/, 'must be 7 to 10 digits');
export const ssccExtensionDigitSchema = z.number().int().min(0).max(9);
/** Label prefixes by kind, the same shape the scan classifier takes. */
export const scanPrefixesSchema = classifyScanOptionsSchema.shape.prefixes.unwrap();
export const packingEfficiencySchema = z.number().min(MIN_PACKING_EFFICIENCY).max(MAX_PACKING_EFFICIENCY);

export const packagingSettingsPatchSchema = z
  .strictObject({
    /** null clears the default profile. */
    default_profile_id: prefixedId('pp').nullable().optional(),
    packing_efficiency: packingEfficiencySchema.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'send at least one of default_profile_id, packing_efficiency' });

export const updateSettingsInput = z
  .strictObject({
    /** null clears the default warehouse. */
    default_warehouse_id: prefixedId('wh').nullable().optional(),
    allow_split_shipments: z.boolean().optional(),
    default_allocation_strategy: allocationStrategySchema.optional(),
    gs1_company_prefix: gs1CompanyPrefixSchema.optional(),
    sscc_extension_digit: ssccExtensionDigitSchema.optional(),
    /** Replaces the whole prefix map. */
    scan_prefixes: scanPrefixesSchema.optional(),
    packaging: packagingSettingsPatchSchema.optional(),
    /** Merged into the existing metadata; a key set to null is removed. */
    metadata: metadataSchema.optional(),
    /** 0 while the settings are still the defaults. */
    version: z.number().int().min(0).optional(),
  })
  .refine((p) => Object.keys(p).some((k) => k !== 'version'), {
    when: (payload) => payload.issues.length === 0,
    message:
      'send at least one of default_warehouse_id, allow_split_shipments, default_allocation_strategy, gs1_company_prefix, sscc_extension_digit, scan_prefixes, packaging, metadata',
  });
export type UpdateSettingsInput = z.infer<typeof updateSettingsInput>;
