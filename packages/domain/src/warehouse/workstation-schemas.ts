import { z } from 'zod';
import { codeSchema, metadataSchema, nameSchema, prefixedId } from '../common/common-schemas.ts';
import { distinctArray } from './distinct.ts';

export const workstationTypes = ['pack_station', 'scale', 'printer', 'label_printer'] as const;
export type WorkstationType = (typeof workstationTypes)[number];
export const workstationTypeSchema = z.enum(workstationTypes);

export const workstationStatuses = ['active', 'inactive'] as const;
export const workstationStatusSchema = z.enum(workstationStatuses);

export const MAX_PACK_STATION_PRINTERS = 8;

/** A pack station points at the printers and scale on its bench: they must be registered first. */
export const packStationConfig = z.strictObject({
  printer_ids: distinctArray(prefixedId('stn'), MAX_PACK_STATION_PRINTERS).optional(),
  scale_id: prefixedId('stn').optional(),
});

export const scaleConfig = z
  .strictObject({
    max_weight_g: z.number().int().positive().max(10_000_000),
    resolution_g: z.number().int().positive().max(100_000),
  })
  .refine((c) => c.resolution_g <= c.max_weight_g, {
    path: ['resolution_g'],
    message: 'must not exceed max_weight_g',
  });

export const printerConfig = z.strictObject({
  dpi: z.union([z.literal(203), z.literal(300)]),
  language: z.enum(['zpl', 'pdf']),
});

const common = {
  code: codeSchema,
  name: nameSchema,
  zone_id: prefixedId('zone').optional(),
  status: workstationStatusSchema.optional(),
  metadata: metadataSchema.optional(),
};

/** The config's shape follows the type, so a scale cannot be given a print language by mistake. */
export const createWorkstationInput = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pack_station'), ...common, config: packStationConfig.optional() }),
  z.strictObject({ type: z.literal('scale'), ...common, config: scaleConfig }),
  z.strictObject({ type: z.literal('printer'), ...common, config: printerConfig }),
  z.strictObject({ type: z.literal('label_printer'), ...common, config: printerConfig }),
]);
export type CreateWorkstationInput = z.infer<typeof createWorkstationInput>;

/** Which workstation types a pack station's references may name. */
export const packStationReferenceTypes = {
  printer_ids: ['printer', 'label_printer'],
  scale_id: ['scale'],
} as const satisfies Record<keyof z.infer<typeof packStationConfig>, readonly WorkstationType[]>;
