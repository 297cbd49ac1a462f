import type { MutationResult, PackSealPackageResult } from '@fulfillment/domain/sync/sync-schemas';
import { Dexie } from 'dexie';
import type { OutboxRow } from '../../../db/db-types.ts';
import { appendToOutbox } from '../../../db/outbox.ts';
import type { ScannerDb } from '../../../db/scanner-db.ts';
import { outboxStatuses, sealArgs } from './pack-actions.ts';
import { packTables } from './pack-tables.ts';

/** How long an outbox row may be gone without its answer recorded before the server is asked again. */
export const UNANSWERED_GRACE_MS = 20_000;

function sealResultOf(result: MutationResult): PackSealPackageResult | undefined {
  const r = result.result as Partial<PackSealPackageResult> | undefined;
  if (typeof r?.package_id !== 'string' || typeof r.sscc !== 'string') return undefined;
  return { package_id: r.package_id, sscc: r.sscc, fulfillment_ids: r.fulfillment_ids ?? [] };
}

export async function recordSealAnswer(db: ScannerDb, mutationId: string, answer: PackSealPackageResult) {
  await packTables(db).packages.update(mutationId, {
    package_id: answer.package_id,
    sscc: answer.sscc,
    unanswered_since: null,
  });
}

/**
 * The sync engine's hook for answers to this feature's mutations. A `pack.seal_package` answer
 * carries the package id the label is found by, but the outbox row goes in the push's own
 * transaction, which cannot reach the pack tables: the answer is written as soon as that commits.
 * Should the page die in between, `settleUnanswered` asks the server again (it replays the answer).
 * Packing results are never bad news by themselves: a refusal is a `rejected` row already.
 */
export function interpretPackResult(db: ScannerDb) {
  return (row: OutboxRow, result: MutationResult): undefined => {
    if (row.name !== 'pack.seal_package') return undefined;
    const answer = sealResultOf(result);
    if (!answer) return undefined;
    const write = () => Dexie.ignoreTransaction(() => recordSealAnswer(db, row.mutation_id, answer));
    const tx = Dexie.currentTransaction;
    if (tx) tx.on('complete', () => void write().catch(() => undefined));
    else void write().catch(() => undefined);
    return undefined;
  };
}

/**
 * Packages of this device whose fate the screens cannot tell: a rejected outbox row becomes the
 * package's own record of the refusal (it outlives a dismissed row); a row that is gone with no
 * answer recorded is sent again under its mutation id after a grace period: the server answers it
 * as a duplicate with what it stored, and nothing is applied twice.
 */
export async function settleUnanswered(db: ScannerDb, now: Date): Promise<number> {
  const t = packTables(db);
  return db.transaction('rw', [db.outbox, db.meta, t.packages], async () => {
    const open = await t.packages.filter((p) => p.package_id === null && p.refused === null).toArray();
    if (open.length === 0) return 0;
    const statuses = await outboxStatuses(db);
    let askedAgain = 0;
    for (const pkg of open) {
      const status = statuses.get(pkg.mutation_id);
      if (status === 'pending') continue;
      if (status === 'rejected') {
        const row = await db.outbox.get(pkg.mutation_id);
        await t.packages.update(pkg.mutation_id, {
          refused: { code: row?.code ?? 'rejected', message: row?.message ?? '' },
        });
        continue;
      }
      if (pkg.unanswered_since === null) {
        await t.packages.update(pkg.mutation_id, { unanswered_since: now.toISOString() });
        continue;
      }
      if (pkg.asked_again_at !== null) continue;
      if (now.getTime() - Date.parse(pkg.unanswered_since) < UNANSWERED_GRACE_MS) continue;
      await appendToOutbox(db, {
        mutation_id: pkg.mutation_id,
        name: 'pack.seal_package',
        args: sealArgs(pkg),
        created_at: pkg.created_at,
        picklist_id: null,
        worker_id: pkg.worker_id,
      });
      await t.packages.update(pkg.mutation_id, { asked_again_at: now.toISOString() });
      askedAgain++;
    }
    return askedAgain;
  });
}
