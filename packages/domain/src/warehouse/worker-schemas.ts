import { z } from 'zod';
import { metadataSchema, nameSchema } from '../common/common-schemas.ts';
import { type WarehouseRole, warehouseRoles } from '../security/roles.ts';
import { distinctArray } from './distinct.ts';

/** Floor roles only: `admin` and `integration` are back-office and never go on a badge. */
export const workerRoleSchema = z.enum(warehouseRoles);
export type WorkerRole = WarehouseRole;

export const workerStatuses = ['active', 'inactive'] as const;
export type WorkerStatus = (typeof workerStatuses)[number];
export const workerStatusSchema = z.enum(workerStatuses);

export const MAX_WORKER_SKILLS = 50;

/** Badges are scanned at log-in: visible ASCII, nothing a keyboard-wedge scanner could mangle. */
export const badgeIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII without spaces');

export const registerWorkerInput = z.strictObject({
  name: nameSchema,
  badge_id: badgeIdSchema,
  email: z.email().max(254).optional(),
  roles: distinctArray(workerRoleSchema, warehouseRoles.length).min(1),
  skills: distinctArray(z.string().trim().min(1).max(64), MAX_WORKER_SKILLS).optional(),
  status: workerStatusSchema.optional(),
  metadata: metadataSchema.optional(),
});
export type RegisterWorkerInput = z.infer<typeof registerWorkerInput>;
