import type { CarrierConnector } from '../../adapters/carriers/carrier.ts';
import { type Address, CarrierError } from '../../adapters/carriers/carrier.ts';
import type { CarrierRegistry } from '../../adapters/carriers/carrier-registry.ts';
import type { ShippingAddress } from '@fulfillment/domain/shipment/shipment-schemas';
import { conflict, ProblemError, unprocessable } from '../../platform/problem.ts';

/** How long one carrier call may take before the API gives up and answers 504. */
export const CARRIER_CALL_TIMEOUT_MS = 20_000;

export function connectorFor(carriers: CarrierRegistry, id: string): CarrierConnector {
  const connector = carriers.get(id);
  // A shipment only ever names a connector that existed when it was routed; one removed from the
  // configuration since is a deployment problem the caller cannot fix.
  if (!connector) throw new ProblemError(503, 'carrier_not_configured', `carrier connector ${id} is not configured`);
  return connector;
}

/**
 * Runs one carrier call and turns its failures into problems: the carrier's "no" is the caller's
 * 422/409 to fix, its outage a 503 to retry. Anything else is a bug and propagates as a 500.
 */
export async function callCarrier<T>(carrier: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const signal = AbortSignal.timeout(CARRIER_CALL_TIMEOUT_MS);
  try {
    return await call(signal);
  } catch (error) {
    if (!(error instanceof CarrierError)) throw error;
    switch (error.code) {
      case 'invalid_request':
        throw unprocessable('carrier_refused', `carrier ${carrier} refused the request: ${error.message}`);
      case 'unsupported_service':
        throw unprocessable('unsupported_service', `carrier ${carrier}: ${error.message}`);
      case 'not_found':
        throw unprocessable('carrier_not_found', `carrier ${carrier} does not know this shipment: ${error.message}`);
      case 'not_cancellable':
        throw conflict('not_cancellable', `carrier ${carrier} can no longer change this shipment: ${error.message}`);
      case 'unavailable':
        throw new ProblemError(503, 'carrier_unavailable', `carrier ${carrier} is unavailable: ${error.message}`);
    }
  }
}

/** Our stored address in the connector's shape (the same fields; optional ones left out when absent). */
export function carrierAddress(a: ShippingAddress): Address {
  return {
    name: a.name,
    ...(a.company ? { company: a.company } : {}),
    line1: a.line1,
    ...(a.line2 ? { line2: a.line2 } : {}),
    city: a.city,
    ...(a.region ? { region: a.region } : {}),
    postal_code: a.postal_code,
    country: a.country,
    ...(a.phone ? { phone: a.phone } : {}),
  };
}
