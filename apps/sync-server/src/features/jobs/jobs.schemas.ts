import { z } from '@hono/zod-openapi';
import { jobStatuses } from '../../db/schema/jobs.ts';
import { resourceBase } from '../../platform/schemas.ts';

export const JobStatusSchema = z.enum(jobStatuses).openapi('JobStatus');

export const Job = z
  .object({
    id: z.string().openapi({ example: 'job_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    type: z.string().openapi({ example: 'allocations.bulk' }),
    status: JobStatusSchema,
    progress: z.object({
      total: z.number().int().nullable().openapi({ description: 'Items to process; null while unknown.' }),
      processed: z.number().int(),
      succeeded: z.number().int(),
      failed: z.number().int(),
      percent: z
        .number()
        .nullable()
        .openapi({ description: 'processed / total, rounded down to 0.1; null while the total is unknown.' }),
    }),
    errors: z
      .array(z.object({ item: z.string(), code: z.string(), message: z.string() }))
      .openapi({ description: 'The error report: items that failed, the first 1000.' }),
    errors_omitted: z.number().int().openapi({ description: 'Item errors beyond the first 1000, counted only.' }),
    failure: z
      .object({ code: z.string(), message: z.string() })
      .nullable()
      .openapi({ description: 'Why the whole job failed, e.g. `interrupted_too_often`; null unless `failed`.' }),
    result: z.unknown().openapi({ description: "The job type's result once `succeeded`, otherwise null." }),
    attempts: z.number().int().openapi({ description: 'Runs started; a job interrupted 3 times fails.' }),
    cancel_requested_at: z.string().nullable(),
    created_by: z.object({
      type: z.string(),
      id: z.string(),
      device_id: z.string().nullable(),
      worker_id: z.string().nullable(),
    }),
    request_id: z.string().openapi({ description: 'The request that enqueued the job.' }),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    ...resourceBase,
  })
  .openapi('Job');
