import type { z } from 'zod';
import {
  type AllocateRequest,
  type InventoryHealth,
  type InventoryService,
  type Lot,
  type PickConfirmation,
  type Reservation,
  InventoryRejectedError,
  InventoryUnavailableError,
} from './inventory-service.ts';
import { healthBodySchema, lotSchema, reservationSchema } from './http-inventory-schemas.ts';
import {
  type CallResult,
  type InventoryCall,
  LOT_NOT_FOUND,
  NOT_FOUND,
  callInventory,
} from './http-inventory-transport.ts';
import { isTimeout, networkCode } from '../http/json-transport.ts';
import { type TransportOptions, positiveInteger, resolveTransportSettings } from '../http/transport-settings.ts';

/**
 * The Inventory Service as a remote HTTP API (contract: docs/inventory-service.openapi.yaml).
 *
 * Failures become the interface's two errors: `InventoryUnavailableError` when the service is down,
 * slow or answers outside the contract (502/503/504: ask again later), `InventoryRejectedError` when
 * it refuses the request itself with a problem `code`. Every attempt has its own timeout, so the worst
 * case for one call is about `(retries + 1) × timeoutMs` plus the back-off between attempts.
 */
export type HttpInventoryServiceOptions = TransportOptions & {
  /** `health()` answers within this. Default min(1000, timeoutMs). */
  healthTimeoutMs?: number;
};

export function createHttpInventoryService(options: HttpInventoryServiceOptions): InventoryService {
  const settings = resolveTransportSettings('inventory', options);
  const healthTimeoutMs = options.healthTimeoutMs ?? Math.min(1000, settings.timeoutMs);
  positiveInteger('inventory', 'healthTimeoutMs', healthTimeoutMs);

  const call = async (
    request: InventoryCall,
    expectedId: { field: 'reservation_id' | 'allocation_id'; value: string },
  ) => {
    const result = await callInventory(settings, request);
    return result.kind === 'ok' ? reservationFrom(request, result, expectedId) : result;
  };
  const reservationPath = (reservationId: string, action = '') =>
    `/reservations/${encodeURIComponent(reservationId)}${action}`;
  const orReject = (result: Reservation | Extract<CallResult, { kind: 'not_found' }>) => {
    if ('kind' in result) throw new InventoryRejectedError(NOT_FOUND, result.detail);
    return result;
  };

  return {
    kind: 'http',

    async allocate(request: AllocateRequest, idempotencyKey: string) {
      const result = await call(
        {
          method: 'POST',
          path: '/reservations',
          tenantId: request.tenant_id,
          idempotencyKey,
          body: request,
          expect: [200, 201],
        },
        { field: 'allocation_id', value: request.allocation_id },
      );
      return orReject(result);
    },

    async get(tenantId: string, reservationId: string) {
      const result = await call(
        { method: 'GET', path: reservationPath(reservationId), tenantId, expect: [200] },
        { field: 'reservation_id', value: reservationId },
      );
      return 'kind' in result ? null : result;
    },

    async confirmPick(tenantId: string, reservationId: string, picks: PickConfirmation[], idempotencyKey: string) {
      const result = await call(
        {
          method: 'POST',
          path: reservationPath(reservationId, '/confirm-pick'),
          tenantId,
          idempotencyKey,
          body: { picks },
          expect: [200],
        },
        { field: 'reservation_id', value: reservationId },
      );
      return orReject(result);
    },

    async release(tenantId: string, reservationId: string, idempotencyKey: string) {
      const result = await call(
        {
          method: 'POST',
          path: reservationPath(reservationId, '/release'),
          tenantId,
          idempotencyKey,
          expect: [200],
        },
        { field: 'reservation_id', value: reservationId },
      );
      return orReject(result);
    },

    async getLot(tenantId: string, sku: string, lot: string) {
      const request: InventoryCall = {
        method: 'GET',
        path: `/lots?sku=${encodeURIComponent(sku)}&lot=${encodeURIComponent(lot)}`,
        tenantId,
        expect: [200],
        notFoundCode: LOT_NOT_FOUND,
      };
      const result = await callInventory(settings, request);
      return result.kind === 'ok' ? lotFrom(request, result, { sku, lot }) : null;
    },

    async health(): Promise<InventoryHealth> {
      const started = performance.now();
      const latency = () => Math.round((performance.now() - started) * 100) / 100;
      const signal = AbortSignal.timeout(healthTimeoutMs);
      try {
        // No credentials: /health is open in the contract, as ours is. Details stay generic because
        // our own /health is unauthenticated and must not describe the network behind it.
        const response = await settings.fetch(`${settings.baseUrl}/health`, {
          headers: { Accept: 'application/json' },
          signal,
          redirect: 'manual',
        });
        const text = await response.text();
        if (response.status !== 200)
          return { status: 'down', latency_ms: latency(), detail: `answered ${response.status}` };
        return { status: reportedStatus(text), latency_ms: latency() };
      } catch (error) {
        const detail = isTimeout(error, signal)
          ? `no answer within ${healthTimeoutMs} ms`
          : `unreachable (${networkCode(error)})`;
        return { status: 'down', latency_ms: latency(), detail };
      }
    },
  };
}

/** Validates a 2xx body and checks it is about what we asked: a proxy mix-up must not pass as an answer. */
function reservationFrom(
  request: InventoryCall,
  result: Extract<CallResult, { kind: 'ok' }>,
  expected: { field: 'reservation_id' | 'allocation_id'; value: string },
): Reservation {
  const label = `inventory ${request.method} ${request.path}`;
  const parsed = reservationSchema.safeParse(result.body);
  if (!parsed.success) {
    const error = new InventoryUnavailableError(
      502,
      `${label}: answered ${result.status} with ${describe(parsed.error, 'reservation')}`,
    );
    error.cause = parsed.error;
    throw error;
  }
  if (parsed.data[expected.field] !== expected.value) {
    throw new InventoryUnavailableError(
      502,
      `${label}: answered with ${expected.field} ${JSON.stringify(parsed.data[expected.field])}, not the one asked for`,
    );
  }
  return parsed.data;
}

/** Validates a lot answer and checks it is the lot asked for, as `reservationFrom` does for reservations. */
function lotFrom(
  request: InventoryCall,
  result: Extract<CallResult, { kind: 'ok' }>,
  asked: { sku: string; lot: string },
): Lot {
  const label = `inventory ${request.method} ${request.path}`;
  const parsed = lotSchema.safeParse(result.body);
  if (!parsed.success) {
    const error = new InventoryUnavailableError(
      502,
      `${label}: answered ${result.status} with ${describe(parsed.error, 'lot')}`,
    );
    error.cause = parsed.error;
    throw error;
  }
  if (parsed.data.sku !== asked.sku || parsed.data.lot !== asked.lot) {
    throw new InventoryUnavailableError(
      502,
      `${label}: answered with lot ${JSON.stringify(parsed.data.lot)} of ${JSON.stringify(parsed.data.sku)}, not the one asked for`,
    );
  }
  return parsed.data;
}

function describe(error: z.ZodError, what: string): string {
  const first = error.issues[0];
  return first ? `an invalid ${what} (${first.path.join('.') || 'body'}: ${first.message})` : `an invalid ${what}`;
}

/** A 200 is ok unless its body says otherwise; a body we cannot read does not make a live service down. */
function reportedStatus(text: string): InventoryHealth['status'] {
  try {
    const parsed = healthBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.status : 'ok';
  } catch {
    return 'ok';
  }
}
