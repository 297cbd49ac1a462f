import {
  registerWorkerInput,
  workerRoleSchema,
  workerStatusSchema,
} from '@fulfillment/domain/warehouse/worker-schemas';
import {
  createWorkstationInput,
  workstationStatusSchema,
  workstationTypeSchema,
} from '@fulfillment/domain/warehouse/workstation-schemas';
import { z } from '@hono/zod-openapi';
import { paginationQuery } from '../../platform/pagination.ts';
import { listOf, resourceBase } from '../../platform/schemas.ts';

export const RegisterWorkerRequest = registerWorkerInput.openapi('RegisterWorkerRequest', {
  example: {
    name: 'Ada Lovelace',
    badge_id: 'BADGE-0042',
    email: 'ada@example.com',
    roles: ['picker', 'packer'],
    skills: ['forklift'],
  },
});
export const CreateWorkstationRequest = createWorkstationInput.openapi('CreateWorkstationRequest', {
  example: { type: 'scale', code: 'SCALE-1', name: 'Bench 1 scale', config: { max_weight_g: 30000, resolution_g: 5 } },
});

export const Worker = z
  .object({
    id: z.string().openapi({ example: 'wkr_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    warehouse_id: z.string(),
    name: z.string(),
    badge_id: z.string(),
    email: z.string().nullable(),
    roles: z.array(workerRoleSchema),
    skills: z.array(z.string()),
    status: workerStatusSchema,
    ...resourceBase,
  })
  .openapi('Worker');

export const Workstation = z
  .object({
    id: z.string().openapi({ example: 'stn_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    warehouse_id: z.string(),
    zone_id: z.string().nullable(),
    type: workstationTypeSchema,
    code: z.string(),
    name: z.string(),
    status: workstationStatusSchema,
    config: z.record(z.string(), z.unknown()).openapi({ description: 'As sent; its shape follows `type`.' }),
    ...resourceBase,
  })
  .openapi('Workstation');

export const WorkerList = listOf(Worker, 'WorkerList');
export const WorkstationList = listOf(Workstation, 'WorkstationList');

export const ListWorkersQuery = z.strictObject({ ...paginationQuery, status: workerStatusSchema.optional() });
export const ListWorkstationsQuery = z.strictObject({
  ...paginationQuery,
  type: workstationTypeSchema.optional(),
  status: workstationStatusSchema.optional(),
});
