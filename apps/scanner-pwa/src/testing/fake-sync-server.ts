import type { Mutation, MutationResult, PushRequest } from '@fulfillment/domain/sync/sync-schemas';
import type { PushOutcome } from '../features/sync/engine/sync-types.ts';

/**
 * The server half of the sync protocol (rules 1-4) in memory, for testing the device half: last_seq
 * per device, the stored result of every mutation, seq_gap, rejections that still advance last_seq.
 */
export class FakeSyncServer {
  lastSeq = 0;
  readonly stored = new Map<number, MutationResult>();
  /** How many times each mutation's effects were applied: the test wants exactly one each. */
  readonly appliedCount = new Map<string, number>();
  /** Business rule: a code to reject with, or undefined to apply. */
  rule: (m: Mutation) => { code: string; message: string } | undefined = () => undefined;
  /** Mutations that fail validation as a whole request (400). */
  malformed: (m: Mutation) => boolean = () => false;

  push(request: PushRequest, crashAfter?: number): PushOutcome | 'crashed' {
    const mutations = [...request.mutations].sort((a, b) => a.seq - b.seq);
    if (mutations.some((m) => this.malformed(m))) {
      return { kind: 'invalid', code: 'validation_failed', message: 'bad args' };
    }
    const first = mutations[0];
    if (first && first.seq > this.lastSeq + 1) return { kind: 'seq_gap', expected_seq: this.lastSeq + 1 };
    const results: MutationResult[] = [];
    let done = 0;
    for (const m of mutations) {
      if (crashAfter !== undefined && done >= crashAfter) return 'crashed';
      if (m.seq <= this.lastSeq) {
        const stored = this.stored.get(m.seq)!;
        // As the real server answers: the stored answer, marked duplicate, with its first status;
        // another mutation under this seq is `seq_reused` and not applied.
        results.push(
          stored.mutation_id === m.mutation_id
            ? ({ ...stored, status: 'duplicate', original_status: stored.status } as MutationResult)
            : { mutation_id: m.mutation_id, seq: m.seq, status: 'rejected', code: 'seq_reused', message: 'seq reused' },
        );
        continue;
      }
      if (m.seq > this.lastSeq + 1) return { kind: 'seq_gap', expected_seq: this.lastSeq + 1 };
      // One transaction per mutation: effects, result and last_seq together.
      const refusal = this.rule(m);
      const result: MutationResult = refusal
        ? { mutation_id: m.mutation_id, seq: m.seq, status: 'rejected', ...refusal }
        : { mutation_id: m.mutation_id, seq: m.seq, status: 'applied' };
      if (!refusal) this.appliedCount.set(m.mutation_id, (this.appliedCount.get(m.mutation_id) ?? 0) + 1);
      this.stored.set(m.seq, result);
      this.lastSeq = m.seq;
      results.push(result);
      done++;
    }
    return { kind: 'ok', body: { results, last_seq: this.lastSeq } };
  }
}

/** Deterministic PRNG (mulberry32) so a failing fault-injection run can be replayed by its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
