import {
  type CreatePackagingProfileInput,
  profileProblems,
  type UpdatePackagingProfileInput,
} from '@fulfillment/domain/packaging/packaging-schemas';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { packagingProfiles } from '../../db/schema/packaging.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { conflict, ProblemError, unprocessable } from '../../platform/problem.ts';
import { recordTimeline } from '../../platform/timeline.ts';
import { requirePackagingProfile } from './packaging.queries.ts';

function checkCodeFree(tx: Tx, actor: Actor, code: string) {
  const clash = tx
    .select({ id: packagingProfiles.id })
    .from(packagingProfiles)
    .where(and(eq(packagingProfiles.tenantId, actor.tenantId), eq(packagingProfiles.code, code)))
    .get();
  if (clash) {
    throw new ProblemError(409, 'packaging_profile_code_taken', `code ${code} is already the code of ${clash.id}`, {
      errors: [{ path: 'code', message: `${code} is already the code of packaging profile ${clash.id}` }],
    });
  }
}

export function createPackagingProfile(tx: Tx, actor: Actor, input: CreatePackagingProfileInput): string {
  checkCodeFree(tx, actor, input.code);
  const id = newId('pp');
  const now = actor.now.toISOString();
  const active = input.active ?? true;
  tx.insert(packagingProfiles)
    .values({
      id,
      tenantId: actor.tenantId,
      code: input.code,
      name: input.name ?? null,
      type: input.type,
      innerMm: input.inner_mm,
      outerMm: input.outer_mm ?? null,
      tareG: input.tare_g,
      maxWeightG: input.max_weight_g,
      active,
      metadata: input.metadata ?? {},
      createdAt: now,
      updatedAt: now,
    })
    .run();
  recordTimeline(tx, actor, {
    type: 'packaging_profile.created',
    subjectType: 'packaging_profile',
    subjectId: id,
    data: { code: input.code, type: input.type, inner_mm: input.inner_mm, max_weight_g: input.max_weight_g, active },
  });
  return id;
}

/** Applies `patch` to `current` where a null value removes the key. */
function merge(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return merged;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Replaces the fields sent and merges metadata; the result must still be a coherent profile (tare below
 * the limit, outer at least inner), else 422. A PATCH that changes nothing bumps no version.
 */
export function updatePackagingProfile(tx: Tx, actor: Actor, id: string, input: UpdatePackagingProfileInput): void {
  const row = requirePackagingProfile(tx, actor.tenantId, id);
  if (input.version !== undefined && input.version !== row.version) {
    throw conflict('version_conflict', `version ${input.version} is stale: the current version is ${row.version}`);
  }
  const next = {
    code: input.code ?? row.code,
    name: input.name === undefined ? row.name : input.name,
    type: input.type ?? row.type,
    innerMm: input.inner_mm ?? row.innerMm,
    outerMm: input.outer_mm === undefined ? row.outerMm : input.outer_mm,
    tareG: input.tare_g ?? row.tareG,
    maxWeightG: input.max_weight_g ?? row.maxWeightG,
    active: input.active ?? row.active,
    metadata: input.metadata ? merge(row.metadata, input.metadata) : row.metadata,
  };
  const problems = profileProblems({
    inner_mm: next.innerMm,
    outer_mm: next.outerMm,
    tare_g: next.tareG,
    max_weight_g: next.maxWeightG,
  });
  if (problems.length) {
    throw unprocessable('invalid_packaging_profile', `${problems[0]!.path} ${problems[0]!.message}`, problems);
  }
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (!same(row[key], next[key])) changes[key] = { from: row[key], to: next[key] };
  }
  if (Object.keys(changes).length === 0) return;
  if (changes.code) checkCodeFree(tx, actor, next.code);

  tx.update(packagingProfiles)
    .set({ ...next, version: row.version + 1, updatedAt: actor.now.toISOString() })
    .where(and(eq(packagingProfiles.tenantId, actor.tenantId), eq(packagingProfiles.id, id)))
    .run();
  recordTimeline(tx, actor, {
    type: 'packaging_profile.updated',
    subjectType: 'packaging_profile',
    subjectId: id,
    data: { changes },
  });
}
