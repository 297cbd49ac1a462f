import { allocationStrategySchema } from '@fulfillment/domain/allocation/allocation-schemas';
import { updateSettingsInput } from '@fulfillment/domain/settings/settings-schemas';
import { z } from '@hono/zod-openapi';

export const UpdateSettingsRequest = updateSettingsInput.openapi('UpdateSettingsRequest', {
  example: {
    default_warehouse_id: 'wh_01JAAAAAAAAAAAAAAAAAAAAAAA',
    allow_split_shipments: false,
    gs1_company_prefix: '0614141',
    scan_prefixes: { location: ['LOC-'], tote: ['TOTE-', 'T-'] },
    packaging: { packing_efficiency: 0.8 },
    version: 1,
  },
});

export const TenantSettings = z
  .object({
    default_warehouse_id: z.string().nullable().openapi({ example: 'wh_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    allow_split_shipments: z.boolean(),
    default_allocation_strategy: allocationStrategySchema,
    gs1_company_prefix: z.string().openapi({ example: '0614141' }),
    sscc_extension_digit: z.number().int().openapi({ example: 0 }),
    scan_prefixes: z.record(z.string(), z.array(z.string())).openapi({ example: { location: ['LOC-'] } }),
    packaging: z.object({
      default_profile_id: z.string().nullable().openapi({ example: 'pp_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
      packing_efficiency: z.number().openapi({ example: 0.85 }),
    }),
    version: z.number().int().openapi({ example: 1, description: '0 until the settings are first changed.' }),
    updated_at: z.string().nullable().openapi({ example: '2025-08-29T12:15:00.000Z' }),
    metadata: z.record(z.string(), z.unknown()),
  })
  .openapi('TenantSettings');
