import type { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import type { Permission } from '@fulfillment/domain/security/permissions';
import type { Actor, Principal } from '../../platform/context.ts';
import { packMutations } from './pack-mutations.ts';
import { pickMutations } from './pick-mutations.ts';

/**
 * A business "no" that a mutation returns instead of throwing: the push rolls its effects back,
 * stores it as `rejected` with this code, and the device's queue moves on (rule 3). Throwing a 4xx
 * ProblemError from a command means the same thing.
 */
export class MutationRejection {
  constructor(
    readonly code: string,
    readonly message: string,
    readonly result?: unknown,
  ) {}
}

export const rejectMutation = (code: string, message: string, result?: unknown) =>
  new MutationRejection(code, message, result);

/** What a mutation may know of the caller besides the actor: its roles (a supervisor acts for others). */
export type MutationContext = { principal: Principal };

/**
 * How a mutation name becomes a command call. `apply` runs inside the push's transaction (shared by a
 * group of mutations; a rejection rolls the group back and push.ts redoes the others): whatever it
 * returns is stored and replayed as the mutation's result.
 * `permission` is checked per mutation, as the REST route of the same command checks it: a caller
 * without it gets the mutation `rejected: forbidden` (the sync route itself only needs `sync:use`).
 */
export type MutationHandler<A = unknown> = {
  args: z.ZodType<A>;
  permission?: Permission;
  apply: (tx: Tx, actor: Actor, args: A, context: MutationContext) => unknown;
};

/** The mutations the handhelds send (domain `mutationNames`), and any a test adds. */
const registry = new Map<string, MutationHandler>(Object.entries({ ...pickMutations, ...packMutations }));

/** Adds a mutation type. Returns the way to remove it again (tests register throwaway types). */
export function registerMutation<A>(name: string, handler: MutationHandler<A>): () => void {
  if (registry.has(name)) throw new Error(`sync mutation ${name} is already registered`);
  registry.set(name, handler as MutationHandler);
  return () => {
    if (registry.get(name) === (handler as MutationHandler)) registry.delete(name);
  };
}

export function findMutation(name: string): MutationHandler | undefined {
  return registry.get(name);
}

export function registeredMutationNames(): string[] {
  return [...registry.keys()];
}
