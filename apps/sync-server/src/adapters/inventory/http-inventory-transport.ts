import { callJson } from '../http/json-transport.ts';
import type { TransportSettings } from '../http/transport-settings.ts';
import { InventoryRejectedError, InventoryUnavailableError } from './inventory-service.ts';

/*
 * One request to the remote Inventory Service: the shared JSON transport (timeouts, retries, error
 * sorting) plus what is the inventory contract's own: the tenant header, keys on every POST, which 404
 * means "absent", and the two errors fulfillment understands. The contract is
 * docs/inventory-service.openapi.yaml.
 */

export type InventoryCall = {
  method: 'GET' | 'POST';
  path: string;
  tenantId: string;
  /** Sent unchanged on every attempt: it is what makes repeating a POST safe. */
  idempotencyKey?: string;
  body?: unknown;
  /** The success statuses this call expects; any other 2xx or a 3xx is a broken answer. */
  expect: readonly number[];
  /** The problem code of a 404 that means "absent" for this call. Default `reservation_not_found`. */
  notFoundCode?: string;
};

/** `not_found` is a 404 with the call's not-found code: the caller decides what absence means. */
export type CallResult = { kind: 'ok'; status: number; body: unknown } | { kind: 'not_found'; detail: string };

export const NOT_FOUND = 'reservation_not_found';
export const LOT_NOT_FOUND = 'lot_not_found';

export async function callInventory(settings: TransportSettings, call: InventoryCall): Promise<CallResult> {
  if (call.method === 'POST' && !call.idempotencyKey) {
    // Every write in the contract is keyed; a missing key is our bug, and it would make retries unsafe.
    throw new TypeError(`inventory ${call.method} ${call.path}: an Idempotency-Key is required`);
  }
  const result = await callJson(settings, {
    method: call.method,
    path: call.path,
    headers: { 'X-Tenant-ID': call.tenantId },
    ...(call.idempotencyKey ? { idempotencyKey: call.idempotencyKey } : {}),
    body: call.body,
    expect: call.expect,
  });
  if (result.kind === 'ok') return result;
  if (result.kind === 'refused') {
    if (result.status === 404 && result.code === (call.notFoundCode ?? NOT_FOUND))
      return { kind: 'not_found', detail: result.detail };
    throw new InventoryRejectedError(result.code, result.detail);
  }
  const error = new InventoryUnavailableError(result.status, result.message, result.retryAfterSeconds);
  if (result.cause !== undefined) error.cause = result.cause;
  throw error;
}
