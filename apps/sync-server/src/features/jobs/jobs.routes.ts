import { OpenAPIHono } from '@hono/zod-openapi';
import { actorOf } from '../../platform/actor.ts';
import { checkPreconditions, setEtag } from '../../platform/concurrency.ts';
import type { AppEnv } from '../../platform/context.ts';
import { notFound } from '../../platform/problem.ts';
import { defineRoute, jsonResponse } from '../../platform/route.ts';
import { pathParams } from '../../platform/schemas.ts';
import { cancelJob } from './jobs.commands.ts';
import { findJobRow, getJob } from './jobs.queries.ts';
import { Job } from './jobs.schemas.ts';

const tags = ['Jobs'];
const Params = pathParams('jobId');

/** Status and cancellation of the background jobs that bulk routes answer with (202 + status_url). */
export function jobRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        { permission: 'jobs:read' },
        {
          method: 'get',
          path: '/jobs/{jobId}',
          tags,
          summary: 'Status, progress and error report of a background job',
          description:
            '`status` is `queued`, `running`, `succeeded`, `failed` or `cancelled`. `progress` counts items as each chunk commits, so polling shows a running job advance; `errors` lists the items that failed (the first 1000, the rest counted in `errors_omitted`), `failure` why the whole job failed, and `result` what a succeeded job produced. Jobs survive a server restart: a job whose server stopped resumes after its last committed chunk.',
          request: { params: Params },
          responses: { 200: jsonResponse(Job, 'The job') },
        },
      ),
      (c) => {
        const { jobId } = c.req.valid('param');
        const job = getJob(c.var.deps.db, c.var.tenantId, jobId);
        if (!job) throw notFound('job', jobId);
        setEtag(c, job.version);
        return c.json(job, 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'jobs:cancel',
          errors: { 409: 'The job already finished (`job_already_finished`)', 412: 'If-Match failed' },
        },
        {
          method: 'post',
          path: '/jobs/{jobId}/cancel',
          tags,
          summary: 'Cancel a background job',
          description:
            'A `queued` job is cancelled at once (200). A `running` job gets `cancel_requested_at` (202): it stops after the chunk in progress, keeping what that and earlier chunks committed, and then reads `cancelled`. Asking again while it stops changes nothing. A finished job answers 409 `job_already_finished`.',
          request: { params: Params },
          responses: {
            200: jsonResponse(Job, 'Cancelled'),
            202: jsonResponse(Job, 'Cancel requested: the job stops at its next chunk'),
          },
        },
      ),
      (c) => {
        const { jobId } = c.req.valid('param');
        const actor = actorOf(c);
        const { outcome, job } = c.var.deps.db.transaction((tx) => {
          const row = findJobRow(tx, actor.tenantId, jobId);
          if (!row) throw notFound('job', jobId);
          checkPreconditions(c, row.version);
          const outcome = cancelJob(tx, actor, row);
          return { outcome, job: getJob(tx, actor.tenantId, jobId)! };
        });
        setEtag(c, job.version);
        if (outcome === 'cancelled') return c.json(job, 200);
        return c.json(job, 202);
      },
    );
}
