import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { actorOf } from '../../platform/actor.ts';
import type { AppEnv } from '../../platform/context.ts';
import { badRequest, ProblemError } from '../../platform/problem.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { findDeviceRow } from '../security/devices.queries.ts';
import { findWorkerRow } from '../warehouses/worker-lookup.ts';
import { pullChanges, syncAudience } from './changes.ts';
import { syncPicklists } from './picklist-sync.ts';
import { pushMutations } from './push.ts';
import { syncStore } from './sync-store.ts';
import { MAX_PUSH_BYTES, PullQuery, PullResponse, PushRequest, PushResponse } from './sync.schemas.ts';

const tags = ['Sync'];
/** How long a device waits after a 503 before it pushes again (it backs off further on its own). */
const RETRY_AFTER_SECONDS = 5;

/** The handheld behind the call: sync speaks for one registered device, never for a back-office user. */
function syncCaller(c: Context<AppEnv>) {
  const p = c.var.principal;
  if ((p.kind !== 'worker' && p.kind !== 'device') || !p.deviceId) {
    throw new ProblemError(
      403,
      'device_key_required',
      'sync is for handhelds: call it with the device key or the worker key of a registered device',
    );
  }
  return { tenantId: c.var.tenantId, deviceId: p.deviceId, workerId: p.workerId ?? null };
}

/** Counted in bytes as sent, before the JSON is parsed: a batch must fit in MAX_PUSH_BYTES. */
const pushBodyLimit = createMiddleware<AppEnv>(async (c, next) => {
  const tooLarge = () =>
    new ProblemError(413, 'payload_too_large', `a push may be at most ${MAX_PUSH_BYTES} bytes: send smaller batches`);
  const declared = Number(c.req.header('Content-Length') ?? NaN);
  if (declared > MAX_PUSH_BYTES) throw tooLarge();
  // Read through Hono's body cache, so the validator (and idempotency) read the same bytes again.
  if (Buffer.byteLength(await c.req.text(), 'utf8') > MAX_PUSH_BYTES) throw tooLarge();
  await next();
});

export function syncRoutes() {
  syncPicklists();
  const app = new OpenAPIHono<AppEnv>();
  app.use('/sync/push', pushBodyLimit);
  return app
    .openapi(
      defineRoute(
        {
          permission: 'sync:use',
          errors: {
            409: '`seq_gap`: the first mutation is not `last_seq + 1`; the problem carries `expected_seq`',
            413: `The body is larger than ${MAX_PUSH_BYTES} bytes`,
            503: 'The server failed mid-batch (`sync_unavailable`, with Retry-After): what was answered before stays applied; push again',
          },
        },
        {
          method: 'post',
          path: '/sync/push',
          tags,
          summary: "Push a handheld's outbox: mutations applied exactly once, in seq order",
          description: [
            'For a worker key of a registered device; `device_id` must be the device of the key (else 403).',
            "Mutations are applied in `seq` order, committed together with their stored answers and the device's `last_seq` (a mutation's effects, answer and `last_seq` are always in one transaction; several mutations may share it). Per mutation:",
            '- `seq ≤ last_seq`: `duplicate`, with the stored answer (`original_status`, `code`, `message`, `result`); nothing is applied again. A seq already used by another `mutation_id` is answered `rejected: seq_reused` and not applied.',
            '- `seq = last_seq + 1`: applied, or `rejected` when it breaks a business rule (its effects roll back, the rejection is stored, `last_seq` still advances). An unknown `name` or invalid `args` is `rejected: invalid_mutation`. A `mutation_id` already applied under another seq is answered `duplicate`, never applied twice.',
            '- `seq > last_seq + 1`: the batch stops there. If nothing was answered yet: 409 `seq_gap` with `expected_seq`; otherwise 200 with the answers so far and `expected_seq`: drop the answered rows and resend from `expected_seq`.',
            'A mutation is applied as the worker of the key that pushes it, unless it names another `worker_id`: after a shift change on a shared handheld, the earlier worker’s queued work goes out under the next worker’s key. It is then applied as that worker (their roles, their picklists, the timeline naming them) if a worker key had them signed in on this device at the mutation’s `created_at`; otherwise `rejected: worker_not_signed_in`.',
            '`pick.scan` is `applied` when the scans were judged: a scan that `validateScan` refuses (wrong item, over-pick…) is a verdict inside `result`, not a rejection of the mutation, so the other scans of the batch stand.',
            'Idempotency comes from `(device_id, seq)`: send no Idempotency-Key (with one, a retry would get the stored first response instead of the current answers).',
          ].join('\n\n'),
          request: { body: jsonBody(PushRequest) },
          responses: { 200: jsonResponse(PushResponse, 'An answer for each mutation up to the first gap') },
        },
      ),
      (c) => {
        const caller = syncCaller(c);
        const body = c.req.valid('json');
        if (body.device_id !== caller.deviceId) {
          throw new ProblemError(
            403,
            'device_mismatch',
            `this key belongs to device ${caller.deviceId}, not ${body.device_id}`,
          );
        }
        const base = actorOf(c);
        const { db, clock, logger } = c.var.deps;
        let outcome;
        try {
          outcome = pushMutations(
            db,
            {
              tenantId: caller.tenantId,
              deviceId: caller.deviceId,
              principal: c.var.principal,
              actor: () => ({ ...base, now: clock.now() }),
            },
            body.mutations,
          );
        } catch (error) {
          logger.error({ err: error, request_id: base.requestId, device_id: caller.deviceId }, 'sync push failed');
          throw new ProblemError(503, 'sync_unavailable', 'the server could not finish this push: push again later', {
            headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
          });
        }
        if (outcome.expectedSeq !== undefined && outcome.results.length === 0) {
          throw new SeqGapProblem(outcome.expectedSeq);
        }
        return c.json(
          {
            results: outcome.results,
            last_seq: outcome.lastSeq,
            ...(outcome.expectedSeq !== undefined ? { expected_seq: outcome.expectedSeq } : {}),
          },
          200,
        );
      },
    )
    .openapi(
      defineRoute(
        // A bare device key (no worker signed in yet) may pull what is meant for the device and its warehouse.
        { permission: 'sync:use', admits: (p) => p.kind === 'device' && Boolean(p.deviceId) },
        {
          method: 'get',
          path: '/sync/pull',
          tags,
          summary: 'Pull the changes meant for this handheld, after a cursor',
          description: [
            "Changes for the signed-in worker, the device and the device's (and worker's) warehouse, in server order (`cursor`, never device clocks).",
            'Start without a cursor, then pass `next_cursor` back; `has_more` says whether to pull again at once.',
            'Each change is a whole entity, the latest only: a `picklist` upsert carries the picklist as `GET /picklists/{picklistId}/state` answers it, read at pull time; a `delete` means it left this handheld (reassigned or unassigned).',
            "`last_seq` is the device's last acknowledged mutation: outbox rows up to it are answered. Re-apply the rows still pending on top of what the pull brought.",
          ].join('\n\n'),
          request: { query: PullQuery },
          responses: { 200: jsonResponse(PullResponse, 'A page of changes') },
        },
      ),
      (c) => {
        const q = c.req.valid('query');
        const after = decodeSyncCursor(q.cursor);
        const caller = syncCaller(c);
        const { db } = c.var.deps;
        const audiences = [syncAudience.device(caller.deviceId)];
        const deviceWarehouse = findDeviceRow(db, caller.tenantId, caller.deviceId)?.warehouseId;
        if (deviceWarehouse) audiences.push(syncAudience.warehouse(deviceWarehouse));
        if (caller.workerId) {
          audiences.push(syncAudience.worker(caller.workerId));
          const workerWarehouse = findWorkerRow(db, caller.tenantId, caller.workerId)?.warehouseId;
          if (workerWarehouse) audiences.push(syncAudience.warehouse(workerWarehouse));
        }
        // One read transaction: last_seq and the page come from the same snapshot, so a mutation
        // reported as acknowledged has its published changes at or before the page's end.
        const { lastSeq, page } = db.transaction((tx) => ({
          lastSeq: syncStore(db).lastSeq(caller.tenantId, caller.deviceId),
          page: pullChanges(tx, { tenantId: caller.tenantId, audiences, after, limit: q.limit }),
        }));
        return c.json(
          { changes: page.changes, next_cursor: String(page.nextCursor), has_more: page.hasMore, last_seq: lastSeq },
          200,
        );
      },
    );
}

/** Cursors are the server's change counter, as decimal text. */
function decodeSyncCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  if (!/^(0|[1-9]\d{0,15})$/.test(cursor)) throw badRequest('invalid_cursor', 'cursor is not one this API handed out');
  return Number(cursor);
}

/** 409 `seq_gap`, with the seq the device must resend from as a problem extension member. */
class SeqGapProblem extends ProblemError {
  constructor(readonly expectedSeq: number) {
    super(409, 'seq_gap', `mutations must continue from seq ${expectedSeq}: resend from there`);
  }

  override toJSON(requestId: string) {
    return { ...super.toJSON(requestId), expected_seq: this.expectedSeq };
  }
}
