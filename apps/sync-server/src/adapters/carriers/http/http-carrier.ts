import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { type JsonCall, type JsonResult, callJson } from '../../http/json-transport.ts';
import { type TransportOptions, resolveTransportSettings } from '../../http/transport-settings.ts';
import {
  type Address,
  type CarrierCallContext,
  type CarrierConnector,
  CarrierError,
  type CarrierErrorCode,
  type Dimensions,
} from '../carrier.ts';
import {
  type WireCancelRequest,
  type WireLabelRequest,
  type WireManifestRequest,
  type WirePickupRequest,
  type WireRateRequest,
  cancelAnswer,
  labelAnswer,
  manifestAnswer,
  pickupAnswer,
  ratesAnswer,
} from './http-carrier-schemas.ts';

/**
 * The `http` carrier connector: a Shipping/Carrier Connector service reached over the JSON contract of
 * docs/carrier-connector.openapi.yaml (a service that fronts one or more real carriers).
 *
 * Every failure is a `CarrierError`. A refusal the service explains with a contract code (422
 * `invalid_request` / `unsupported_service`, 404 `not_found`, 409 `not_cancellable`) keeps that code;
 * anything else (down, slow, 5xx, a broken or unexpected answer, our credentials refused) is
 * `unavailable`, after retries where repeating is safe. Every write carries an Idempotency-Key made
 * from the request itself, so a retry, or a caller's own repeat of the call, books nothing twice.
 */
export type HttpCarrierOptions = Omit<TransportOptions, 'token' | 'timeoutMs' | 'retries'> & {
  /** e.g. `https://carriers.internal/api`; the contract's paths (`/v1/...`) are appended to it. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** Per attempt, covering connect, headers and body. */
  timeoutMs: number;
  /** Extra attempts after the first, for 5xx, timeouts and dropped connections; a 4xx is never repeated. */
  retries: number;
};

/** The refusal codes of the contract and the statuses they may come with; any other pairing is a broken answer. */
const REFUSALS: Partial<Record<CarrierErrorCode, readonly number[]>> = {
  invalid_request: [400, 413, 422],
  unsupported_service: [422],
  not_found: [404],
  not_cancellable: [409],
};

export function createHttpCarrier(options: HttpCarrierOptions): CarrierConnector {
  if (!options.apiKey) throw new TypeError('carrier apiKey is required');
  const { apiKey, ...rest } = options;
  const settings = resolveTransportSettings('carrier', { ...rest, token: apiKey });

  /** One call, its answer validated against `schema`, every failure turned into a CarrierError. */
  async function call<T>(request: JsonCall, schema: z.ZodType<T, unknown>, what: string): Promise<T> {
    const result = await callJson(settings, request);
    if (result.kind !== 'ok') throw carrierError(result, request);
    const parsed = schema.safeParse(result.body);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? ` (${first.path.join('.') || 'body'}: ${first.message})` : '';
      const error = new CarrierError(
        'unavailable',
        `carrier ${request.method} ${request.path}: answered ${result.status} with an invalid ${what}${where}`,
      );
      error.cause = parsed.error;
      throw error;
    }
    return parsed.data;
  }

  /** An answer that is well formed but not about what we asked: a mix-up somewhere, never passed on. */
  const mismatch = (path: string, detail: string) =>
    new CarrierError('unavailable', `carrier POST ${path}: answered with ${detail}, not what was asked for`);

  return {
    kind: 'http',

    async rates(request, context) {
      const body: WireRateRequest = {
        now: nowOf(context),
        ...(request.service_code === undefined ? {} : { service_code: request.service_code }),
        from: wireAddress(request.from),
        to: wireAddress(request.to),
        packages: request.packages.map((p) => ({
          weight_g: p.weight_g,
          dimensions_mm: wireDimensions(p.dimensions_mm),
        })),
      };
      // A quote changes nothing at the carrier, so it is repeated without a key.
      const path = '/v1/rates';
      const answer = await call(post(path, body, context, { safe: true }, [200]), ratesAnswer, 'quote list');
      const other = answer.quotes.find(
        (q) => request.service_code !== undefined && q.service_code !== request.service_code,
      );
      if (other) throw mismatch(path, `a quote for ${JSON.stringify(other.service_code)}`);
      return answer.quotes;
    },

    async createLabel(request, context) {
      const sequence = context?.sequence;
      if (!Number.isSafeInteger(sequence) || sequence < 0) {
        throw new CarrierError('invalid_request', 'sequence must be a whole number from 0');
      }
      const body: WireLabelRequest = {
        now: nowOf(context),
        sequence,
        shipment_id: request.shipment_id,
        service_code: request.service_code,
        from: wireAddress(request.from),
        to: wireAddress(request.to),
        packages: request.packages.map((p) => ({
          package_id: p.package_id,
          sscc: p.sscc,
          weight_g: p.weight_g,
          dimensions_mm: wireDimensions(p.dimensions_mm),
        })),
        reference: request.reference,
        format: request.format,
      };
      const path = '/v1/labels';
      // The key the connector interface promises: the same (shipment, sequence) is the same label.
      const key = `${keyPart(request.shipment_id)}:${sequence}`;
      const label = await call(post(path, body, context, { idempotencyKey: key }, [201]), labelAnswer, 'label');
      if (label.format !== request.format) throw mismatch(path, `a ${label.format} label`);
      if (label.pages !== request.packages.length) throw mismatch(path, `${label.pages} labels`);
      return label;
    },

    async cancel(request, context) {
      const body: WireCancelRequest = { now: nowOf(context), shipment_id: request.shipment_id };
      const path = `/v1/labels/${encodeURIComponent(request.tracking_number)}/cancel`;
      const key = `cancel:${keyPart(request.tracking_number)}`;
      const result = await call(
        post(path, body, context, { idempotencyKey: key }, [200]),
        cancelAnswer,
        'cancellation',
      );
      if (result.tracking_number !== request.tracking_number) {
        throw mismatch(path, `tracking number ${JSON.stringify(result.tracking_number)}`);
      }
      return result;
    },

    async schedulePickup(request, context) {
      const body: WirePickupRequest = {
        now: nowOf(context),
        address: wireAddress(request.address),
        date: request.date,
        ready_time: request.ready_time,
        close_time: request.close_time,
        tracking_numbers: [...request.tracking_numbers],
        package_count: request.package_count,
      };
      // A pickup has no id of ours, so the request is its own identity: asking twice for the same
      // collection books it once. `now` is left out, as the contract leaves it out of the comparison.
      const { now: _now, ...identity } = body;
      const key = `pickup:${createHash('sha256').update(JSON.stringify(identity)).digest('hex')}`;
      return call(post('/v1/pickups', body, context, { idempotencyKey: key }, [201]), pickupAnswer, 'pickup');
    },

    async manifest(request, context) {
      const body: WireManifestRequest = {
        now: nowOf(context),
        manifest_id: request.manifest_id,
        dispatch_date: request.dispatch_date,
        shipments: request.shipments.map((s) => ({
          shipment_id: s.shipment_id,
          tracking_number: s.tracking_number,
          package_count: s.package_count,
          weight_g: s.weight_g,
        })),
      };
      const key = `manifest:${keyPart(request.manifest_id)}`;
      return call(post('/v1/manifests', body, context, { idempotencyKey: key }, [201]), manifestAnswer, 'manifest');
    },
  };
}

function post(
  path: string,
  body: unknown,
  context: CarrierCallContext,
  repeat: { idempotencyKey: string } | { safe: true },
  expect: readonly number[],
): JsonCall {
  return { method: 'POST', path, body, expect, ...repeat, ...(context.signal ? { signal: context.signal } : {}) };
}

function carrierError(result: Exclude<JsonResult, { kind: 'ok' }>, request: JsonCall): CarrierError {
  if (result.kind === 'refused') {
    // Own keys only: a code such as `toString` must not find something on the prototype.
    const code = result.code as CarrierErrorCode;
    const statuses = Object.hasOwn(REFUSALS, code) ? REFUSALS[code] : undefined;
    if (statuses?.includes(result.status)) return new CarrierError(code, result.detail);
    return new CarrierError(
      'unavailable',
      `carrier ${request.method} ${request.path}: answered ${result.status} with code ${JSON.stringify(result.code)}, which the contract does not give it`,
    );
  }
  const error = new CarrierError('unavailable', result.message);
  if (result.cause !== undefined) error.cause = result.cause;
  return error;
}

/** The caller's clock reading, which the carrier uses for ship dates; an Invalid Date is the caller's bug. */
function nowOf(context: CarrierCallContext): string {
  const time = context?.now instanceof Date ? context.now.getTime() : Number.NaN;
  if (Number.isNaN(time)) throw new CarrierError('invalid_request', 'context.now must be a valid Date');
  return new Date(time).toISOString();
}

/**
 * Keys are printable ASCII (a header value); our ids always are, so they go through unchanged, and
 * anything else is percent-encoded rather than refused.
 */
const keyPart = (value: string): string => (/^[\x21-\x7e]*$/.test(value) ? value : encodeURIComponent(value));

/** Only the contract's fields go on the wire, whatever else the caller's object carries. */
function wireAddress(address: Address): Address {
  return {
    name: address.name,
    company: address.company,
    line1: address.line1,
    line2: address.line2,
    city: address.city,
    region: address.region,
    postal_code: address.postal_code,
    country: address.country,
    phone: address.phone,
  };
}

const wireDimensions = ({ l, w, h }: Dimensions): Dimensions => ({ l, w, h });
