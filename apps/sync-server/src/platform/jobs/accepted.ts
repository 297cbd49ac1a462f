import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { JobRow } from '../../db/schema/jobs.ts';
import type { AppEnv } from '../context.ts';

export const JobAccepted = z
  .object({
    job_id: z.string().openapi({ example: 'job_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    status_url: z.string().openapi({ example: '/v1/fulfillment/jobs/job_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
  })
  .openapi('JobAccepted');

export const jobStatusUrl = (jobId: string) => `/v1/fulfillment/jobs/${jobId}`;

/** The documented 202 of every route that answers with a job (CONVENTIONS.md: Long work). */
export const jobAcceptedResponse = (description = 'Accepted: the work runs as a background job') => ({
  description: `${description}. Follow \`status_url\` (also in \`Location\`) for status, progress and the error report.`,
  headers: { Location: { description: 'The job status URL', schema: { type: 'string' as const } } },
  content: { 'application/json': { schema: JobAccepted } },
});

/** Answers 202 `{ job_id, status_url }` with `Location` for a job just enqueued by `enqueueJob`. */
export function acceptedJob(c: Context<AppEnv>, job: Pick<JobRow, 'id'>) {
  const statusUrl = jobStatusUrl(job.id);
  c.header('Location', statusUrl);
  return c.json({ job_id: job.id, status_url: statusUrl }, 202);
}
