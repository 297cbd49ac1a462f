import { rolesFor } from '@fulfillment/domain/security/permissions';
import { MAX_MUTATIONS_PER_PUSH } from '@fulfillment/domain/sync/sync-limits';
import type { MutationResult } from '@fulfillment/domain/sync/sync-schemas';
import type { Db, Tx } from '../../db/client.ts';
import { beforeCommit, immediateTransaction, settleWrites } from '../../db/prepared.ts';
import { hasAnyRole } from '../../platform/auth.ts';
import type { Actor, Principal } from '../../platform/context.ts';
import { fieldErrors } from '../../platform/errors.ts';
import { isoTime } from '../../platform/timeline.ts';
import { ProblemError } from '../../platform/problem.ts';
import { actingWorker } from './acting-worker.ts';
import { findMutation, MutationRejection } from './mutations.ts';
import { syncStore, type StoredMutation } from './sync-store.ts';

/** A mutation as the push receives it: name and args are judged per mutation, not per request. */
export type IncomingMutation = {
  mutation_id: string;
  seq: number;
  name: string;
  args: unknown;
  created_at: string;
  /** The worker who did it, when not the worker whose key sends the push (see acting-worker.ts). */
  worker_id?: string | undefined;
};

export type PushOutcome = {
  results: MutationResult[];
  lastSeq: number;
  /** Set when the batch stopped at a gap: resend from here. */
  expectedSeq?: number;
};

/** Who pushes: the tenant and device the seqs belong to, and the actor of each mutation (its own `now`). */
export type SyncCaller = { tenantId: string; deviceId: string; principal: Principal; actor: () => Actor };

type Step = { kind: 'answer'; result: MutationResult } | { kind: 'gap'; expectedSeq: number };
type Verdict = Pick<StoredMutation, 'status' | 'code' | 'message' | 'result'>;

/** Thrown out of a group's transaction to roll it back; the rejection is then stored on its own. */
class RolledBack {
  constructor(readonly verdict: Verdict) {}
}

/**
 * At most this many mutations share a transaction: the push's maximum, so a group is one push's
 * work at most. A push still runs whole between two turns of the event loop; at worst (a rejection
 * after writing at the end of a group) its commands run twice, about what a commit per mutation cost.
 */
const MAX_GROUP = MAX_MUTATIONS_PER_PUSH;

/**
 * Applies a device's batch in seq order, committing the mutations in groups: one IMMEDIATE
 * transaction applies a run of them, and each stores its answer and advances `last_seq` in that
 * same transaction (rule 1). A commit per mutation was about 40 % of a push's CPU; a group pays it
 * once. Nothing is answered before the push returns, after its last commit, so a crash loses
 * nothing that was answered: the device sends the batch again and gets the stored answers of what
 * committed (rule 2) and a first answer for the rest.
 *
 * A mutation rejected once it has written something (a business "no" from its command) rolls the
 * whole group back. The mutations before it are then committed again as one group, from the same
 * state, and its rejection is stored and `last_seq` advanced in a transaction of its own, after the
 * same checks (rule 3); the batch goes on after it. The redo is judged afresh, not assumed to
 * repeat the first attempt: if it is refused somewhere, that earlier rejection is handled the same
 * way. Not a savepoint around each command, which every mutation would pay for: SQLite copies
 * each page a savepoint changes into a statement journal, a temporary file once past 64 KiB, which
 * a scan's pages are. A "no" before any write (unknown mutation, bad args, forbidden) is a verdict
 * stored inside the group: nothing to roll back.
 *
 * A `gap` (seq > last_seq + 1) ends the batch: the group commits what came before it.
 *
 * Throws when the server itself fails (anything but a 4xx ProblemError or a MutationRejection): the
 * group in progress rolls back, with the mutations before the failing one in that group, which were
 * not answered either; groups committed before it (split off by a rejection) stay. The caller
 * answers 503 and the device pushes the uncommitted ones again.
 */
export function pushMutations(db: Db, caller: SyncCaller, mutations: readonly IncomingMutation[]): PushOutcome {
  const store = syncStore(db);
  const ordered = [...mutations].sort((a, b) => a.seq - b.seq);
  const results: MutationResult[] = [];
  const outcome = (expectedSeq?: number): PushOutcome => {
    const lastSeq = store.lastSeq(caller.tenantId, caller.deviceId);
    return expectedSeq === undefined ? { results, lastSeq } : { results, lastSeq, expectedSeq };
  };
  // The first mutation known to be rejected after writing, not yet stored: groups stop before it.
  let rejection: { index: number; verdict: Verdict } | undefined;
  let next = 0;
  while (next < ordered.length) {
    let steps: Step[];
    if (rejection?.index === next) {
      const { verdict } = rejection;
      rejection = undefined;
      steps = [
        immediateTransaction(db, (tx) => pushOne(tx, store, caller, deviceOf(store, caller), ordered[next]!, verdict)),
      ];
    } else {
      const end = Math.min(next + MAX_GROUP, rejection?.index ?? ordered.length);
      const group = applyGroup(db, store, caller, ordered.slice(next, end));
      if ('rejectedAt' in group) {
        // Nothing of the group committed: redo the mutations before the rejected one (end moves to it).
        rejection = { index: next + group.rejectedAt, verdict: group.verdict };
        continue;
      }
      steps = group.steps;
    }
    for (const step of steps) {
      if (step.kind === 'gap') return outcome(step.expectedSeq);
      results.push(step.result);
    }
    next += steps.length;
  }
  return outcome();
}

/**
 * Applies `group` in one IMMEDIATE transaction, in order, up to a gap. A mutation rejected after
 * writing rolls the whole transaction back: nothing of the group is committed, and `rejectedAt`
 * says which mutation of the group it was. What the commands defer to the end of the transaction
 * (`beforeCommit`: each changed picklist's sync change) is written once, after the last mutation
 * and before the commit, by `immediateTransaction`; none of it when the group rolls back.
 */
function applyGroup(
  db: Db,
  store: ReturnType<typeof syncStore>,
  caller: SyncCaller,
  group: readonly IncomingMutation[],
): { steps: Step[] } | { rejectedAt: number; verdict: Verdict } {
  const steps: Step[] = [];
  try {
    immediateTransaction(db, (tx) => {
      const device = deviceOf(store, caller);
      let kind: string | undefined;
      for (const mutation of group) {
        // A command may keep writes in memory over a run of mutations of its kind (a run of pick.scan,
        // features/picklists/scan-runs.ts); a mutation of another kind finds them in the database.
        if (kind !== undefined && mutation.name !== kind) settleWrites(tx);
        kind = mutation.name;
        const step = pushOne(tx, store, caller, device, mutation);
        steps.push(step);
        if (step.kind === 'gap') break;
      }
    });
    return { steps };
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    return { rejectedAt: steps.length, verdict: error.verdict };
  }
}

/**
 * The device's `last_seq` as a transaction goes: read once at its start (it holds the write lock, so
 * nothing else moves it) and kept as its mutations advance it, rather than read again per mutation.
 */
type DeviceSeq = { lastSeq: number };
const deviceOf = (store: ReturnType<typeof syncStore>, caller: SyncCaller): DeviceSeq => ({
  lastSeq: store.lastSeq(caller.tenantId, caller.deviceId),
});

/** `rolledBack`: the verdict of an attempt rolled back, to store instead of applying the mutation again. */
function pushOne(
  tx: Tx,
  store: ReturnType<typeof syncStore>,
  caller: SyncCaller,
  device: DeviceSeq,
  mutation: IncomingMutation,
  rolledBack?: Verdict,
): Step {
  const { tenantId, deviceId } = caller;
  const { lastSeq } = device;
  if (mutation.seq <= lastSeq) return { kind: 'answer', result: replay(store, tenantId, deviceId, mutation) };
  if (mutation.seq > lastSeq + 1) return { kind: 'gap', expectedSeq: lastSeq + 1 };

  const actor = caller.actor();
  const now = isoTime(actor.now);
  // The same mutation sent again under a new seq (a device bug, or an outbox restored from a backup):
  // never applied twice. The seq is used up so the queue moves on; the answer is the first one.
  const earlier = store.byMutationId(tenantId, deviceId, mutation.mutation_id);
  if (earlier) {
    advance(tx, store, caller, device, mutation.seq, now);
    return { kind: 'answer', result: duplicateOf(earlier, mutation.seq) };
  }

  const acting = actingWorker(tx, caller, actor, mutation);
  const verdict =
    rolledBack ??
    ('refused' in acting
      ? rejected(acting.refused.code, acting.refused.message)
      : judge(tx, acting.actor, acting.principal, mutation));
  const by = 'refused' in acting ? actor : acting.actor;
  store.insert({
    tenantId,
    deviceId,
    seq: mutation.seq,
    mutationId: mutation.mutation_id,
    name: mutation.name,
    ...verdict,
    workerId: by.workerId,
    requestId: by.requestId,
    createdAt: mutation.created_at,
    appliedAt: now,
  });
  advance(tx, store, caller, device, mutation.seq, now);
  return { kind: 'answer', result: answer(mutation.mutation_id, mutation.seq, verdict) };
}

/**
 * Moves `last_seq` to `seq`: at once in `device` (what the transaction's next mutation goes by) and
 * in `sync_devices` once, just before the transaction commits (`beforeCommit`, the last seq wins),
 * rather than an upsert per mutation. Only this file reads `last_seq`: inside a transaction from
 * `device`, read once at its start; after it (the push's answer) from the committed row. Rolled
 * back, the row stays where it was, as the mutations' answers do.
 */
function advance(
  tx: Tx,
  store: ReturnType<typeof syncStore>,
  caller: SyncCaller,
  device: DeviceSeq,
  seq: number,
  now: string,
): void {
  device.lastSeq = seq;
  const { tenantId, deviceId } = caller;
  beforeCommit(tx, `sync-last-seq:${tenantId}:${deviceId}`, () => store.advance(tenantId, deviceId, seq, now));
}

/**
 * Applies one mutation in the caller's transaction. A business "no" before any effect is a verdict;
 * one from the command throws `RolledBack`, which rolls back its group (see pushMutations).
 */
function judge(tx: Tx, actor: Actor, principal: Principal, mutation: IncomingMutation): Verdict {
  const handler = findMutation(mutation.name);
  if (!handler) return rejected('invalid_mutation', `unknown mutation ${JSON.stringify(mutation.name)}`);
  if (handler.permission && !hasAnyRole(principal, rolesFor(handler.permission))) {
    return rejected('forbidden', `${mutation.name} needs one of the roles: ${rolesFor(handler.permission).join(', ')}`);
  }
  const args = handler.args.safeParse(mutation.args);
  if (!args.success) {
    const errors = fieldErrors(args.error.issues).map((e) => ({ ...e, path: `args.${e.path}` }));
    const first = errors[0];
    return rejected('invalid_mutation', first ? `${first.path} ${first.message}` : 'args are not valid', { errors });
  }
  let result: unknown;
  try {
    result = handler.apply(tx, actor, args.data, { principal });
  } catch (error) {
    if (error instanceof MutationRejection) throw new RolledBack(rejected(error.code, error.message, error.result));
    if (error instanceof ProblemError && error.status < 500) {
      throw new RolledBack(rejected(error.code, error.message, error.errors ? { errors: error.errors } : undefined));
    }
    throw error;
  }
  if (result instanceof MutationRejection) throw new RolledBack(rejected(result.code, result.message, result.result));
  return { status: 'applied', code: null, message: null, result: result ?? null };
}

const rejected = (code: string, message: string, result?: unknown): Verdict => ({
  status: 'rejected',
  code,
  message,
  result: result ?? null,
});

function answer(mutationId: string, seq: number, verdict: Verdict): MutationResult {
  return {
    mutation_id: mutationId,
    seq,
    status: verdict.status,
    ...(verdict.code !== null ? { code: verdict.code } : {}),
    ...(verdict.message !== null ? { message: verdict.message } : {}),
    ...(verdict.result !== null ? { result: verdict.result } : {}),
  };
}

function duplicateOf(stored: StoredMutation, seq: number): MutationResult {
  return { ...answer(stored.mutationId, seq, stored), status: 'duplicate', original_status: stored.status };
}

/** seq ≤ last_seq: answered from what was stored, nothing applied again. */
function replay(
  store: ReturnType<typeof syncStore>,
  tenantId: string,
  deviceId: string,
  mutation: IncomingMutation,
): MutationResult {
  const atSeq = store.bySeq(tenantId, deviceId, mutation.seq);
  if (atSeq?.mutationId === mutation.mutation_id) return duplicateOf(atSeq, mutation.seq);
  // No row at this seq: it was used up by a resent mutation id (see pushOne).
  const sameId = atSeq ? undefined : store.byMutationId(tenantId, deviceId, mutation.mutation_id);
  if (sameId) return duplicateOf(sameId, mutation.seq);
  // Another mutation already holds this seq: the device reused a seq (reset storage, cloned outbox).
  // Not applied, not stored: the worker sees it, and the device should renumber from last_seq + 1.
  return answer(mutation.mutation_id, mutation.seq, {
    status: 'rejected',
    code: 'seq_reused',
    message: `seq ${mutation.seq} already belongs to mutation ${atSeq?.mutationId ?? 'unknown'}: this one was not applied`,
    result: null,
  });
}
