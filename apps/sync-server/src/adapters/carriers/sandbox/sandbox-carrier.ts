import { createHash } from 'node:crypto';
import { isValidSscc } from '@fulfillment/domain/barcode/check-digit';
import {
  buildSandboxTrackingNumber,
  isValidSandboxTrackingNumber,
  SANDBOX_TRACKING_SERIAL_DIGITS,
} from '@fulfillment/domain/shipment/tracking-number';
import {
  type Address,
  type CancelRequest,
  type CancelResult,
  type CarrierCallContext,
  type CarrierConnector,
  CarrierError,
  type Dimensions,
  type LabelCallContext,
  labelFormats,
  type LabelRequest,
  type LabelResult,
  type ManifestRequest,
  type ManifestResult,
  type PickupRequest,
  type PickupResult,
  type RateQuote,
  type RateRequest,
} from '../carrier.ts';
import { layoutLabel } from './label-layout.ts';
import { renderPdf } from './render-pdf.ts';
import { renderPng } from './render-png.ts';
import { renderZpl } from './render-zpl.ts';

/**
 * The built-in `sandbox` carrier: books nothing anywhere, but answers like a carrier and prints real
 * labels, so the whole pack-and-ship flow runs offline and in tests. Everything is a pure function
 * of the request and the `now`/`sequence` passed in: no clock, no randomness, no state.
 *
 * - Tracking number: `SBX` + 10 digits + check digit (domain `shipment/tracking-number`); the digits
 *   are the first 8 bytes of SHA-256(`shipment_id` NUL `sequence`) modulo 10^10, so a retry gets the
 *   same number and a relabel (next sequence) a new one.
 * - Services: `economy`, `standard`, `express`; price = per package, base + a rate per started kg of
 *   billable weight (actual or volumetric at 5000 cm3/kg, whichever is more); +2 days and a surcharge
 *   across borders. Packages up to 30 kg, 1200 mm on the longest side.
 * - Business days are Monday to Friday, UTC; a label made after 17:00 UTC ships the next business day.
 * - Cancel accepts any well-formed sandbox tracking number (the sandbox keeps no record); pickups are
 *   booked for weekdays, today or later, with at least one hour between ready and close time.
 */

export type SandboxService = {
  code: string;
  name: string;
  transitBusinessDays: number;
  baseMinor: number;
  perKgMinor: number;
};

export const sandboxServices: readonly SandboxService[] = [
  { code: 'economy', name: 'Sandbox Economy', transitBusinessDays: 5, baseMinor: 395, perKgMinor: 55 },
  { code: 'standard', name: 'Sandbox Standard', transitBusinessDays: 3, baseMinor: 495, perKgMinor: 85 },
  { code: 'express', name: 'Sandbox Express', transitBusinessDays: 1, baseMinor: 995, perKgMinor: 150 },
];

export const SANDBOX_CURRENCY = 'GBP';
export const MAX_PACKAGES_PER_SHIPMENT = 50;
const MAX_PACKAGE_WEIGHT_G = 30_000;
const MAX_SIDE_MM = 1_200;
/** cm3 per kg, the usual courier divisor; in mm3 per gram it is the same number. */
const VOLUMETRIC_DIVISOR = 5_000;
const CROSS_BORDER_DAYS = 2;
const CROSS_BORDER_SURCHARGE_MINOR = 1_500;
const CUTOFF_HOUR_UTC = 17;
const DAY_MS = 86_400_000;

const invalid = (message: string): CarrierError => new CarrierError('invalid_request', message);

function digest(...parts: string[]): Buffer {
  return createHash('sha256').update(parts.join('\u0000')).digest();
}

/** `digits` decimal digits taken from a hash of the parts: stable, spread out, not random. */
function hashDigits(digits: number, ...parts: string[]): string {
  const value = digest(...parts).readBigUInt64BE(0) % 10n ** BigInt(digits);
  return value.toString().padStart(digits, '0');
}

export function sandboxTrackingNumberFor(shipmentId: string, sequence: number): string {
  const tracking = buildSandboxTrackingNumber(hashDigits(SANDBOX_TRACKING_SERIAL_DIGITS, shipmentId, String(sequence)));
  if (!tracking) throw new Error('a 10-digit serial always makes a tracking number');
  return tracking;
}

// --- dates (UTC, Monday-Friday) ---

const isoDate = (time: number): string => new Date(time).toISOString().slice(0, 10);
const isWeekend = (time: number): boolean => [0, 6].includes(new Date(time).getUTCDay());
const startOfDay = (time: number): number => Math.floor(time / DAY_MS) * DAY_MS;

function addBusinessDays(day: number, count: number): number {
  let time = day;
  for (let left = count; left > 0;) {
    time += DAY_MS;
    if (!isWeekend(time)) left--;
  }
  return time;
}

/** The day a parcel handed over at `now` leaves: today before the cutoff on a weekday, else the next weekday. */
export function sandboxShipDate(now: Date): string {
  const today = startOfDay(now.getTime());
  const late = now.getUTCHours() >= CUTOFF_HOUR_UTC;
  return isoDate(isWeekend(today) || late ? addBusinessDays(today, 1) : today);
}

function parseIsoDate(text: string, field: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(time) || isoDate(time) !== text) throw invalid(`${field} must be a date YYYY-MM-DD`);
  return time;
}

function parseTime(text: string, field: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text ?? '');
  if (!match) throw invalid(`${field} must be a time HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

// --- request checks ---

/** The caller's clock reading; an Invalid Date would otherwise surface as a RangeError deep inside. */
function nowOf(context: CarrierCallContext): number {
  const time = context?.now instanceof Date ? context.now.getTime() : Number.NaN;
  if (Number.isNaN(time)) throw invalid('context.now must be a valid Date');
  return time;
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function checkAddress(address: Address, field: string): void {
  if (!address || typeof address !== 'object') throw invalid(`${field} is required`);
  for (const key of ['name', 'line1', 'city', 'postal_code'] as const) {
    if (!nonEmpty(address[key])) throw invalid(`${field}.${key} is required`);
  }
  if (typeof address.country !== 'string' || !/^[A-Z]{2}$/.test(address.country)) {
    throw invalid(`${field}.country must be an ISO 3166-1 alpha-2 code`);
  }
}

function checkParcel(weight: number, dimensions: Dimensions, field: string): void {
  if (!Number.isInteger(weight) || weight <= 0) throw invalid(`${field}.weight_g must be a positive whole number`);
  if (weight > MAX_PACKAGE_WEIGHT_G) throw invalid(`${field} weighs over ${MAX_PACKAGE_WEIGHT_G / 1000} kg`);
  for (const side of ['l', 'w', 'h'] as const) {
    const value = dimensions?.[side];
    if (!Number.isInteger(value) || value <= 0) {
      throw invalid(`${field}.dimensions_mm.${side} must be a positive whole number`);
    }
    if (value > MAX_SIDE_MM) throw invalid(`${field} is over ${MAX_SIDE_MM} mm on a side`);
  }
}

function service(code: string | undefined): SandboxService {
  const found = sandboxServices.find((s) => s.code === code);
  if (!found) throw new CarrierError('unsupported_service', `the sandbox has no service ${JSON.stringify(code)}`);
  return found;
}

const billableGrams = (weight: number, { l, w, h }: Dimensions): number =>
  Math.max(weight, Math.ceil((l * w * h) / VOLUMETRIC_DIVISOR));

function checkTrackingNumber(tracking: string, field: string): void {
  if (!isValidSandboxTrackingNumber(tracking)) {
    throw new CarrierError('not_found', `${field} ${JSON.stringify(tracking)} is not a sandbox tracking number`);
  }
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const CONTENT_TYPES = { pdf: 'application/pdf', zpl: 'application/zpl', png: 'image/png' } as const;

export class SandboxCarrier implements CarrierConnector {
  readonly kind = 'sandbox';

  async rates(request: RateRequest, context: CarrierCallContext): Promise<RateQuote[]> {
    const now = nowOf(context);
    checkAddress(request?.from, 'from');
    checkAddress(request?.to, 'to');
    const packages = request.packages;
    if (!Array.isArray(packages) || packages.length === 0 || packages.length > MAX_PACKAGES_PER_SHIPMENT) {
      throw invalid(`packages must hold 1-${MAX_PACKAGES_PER_SHIPMENT} packages`);
    }
    packages.forEach((p, i) => checkParcel(p?.weight_g, p?.dimensions_mm, `packages[${i}]`));
    const offered = request.service_code === undefined ? sandboxServices : [service(request.service_code)];
    const crossBorder = request.from.country !== request.to.country;
    const shipDay = parseIsoDate(sandboxShipDate(new Date(now)), 'ship date');
    const billable = packages.map((p) => billableGrams(p.weight_g, p.dimensions_mm));
    return offered.map((s) => {
      const perPackage = billable.map((grams) => s.baseMinor + s.perKgMinor * Math.ceil(grams / 1000));
      const days = s.transitBusinessDays + (crossBorder ? CROSS_BORDER_DAYS : 0);
      return {
        service_code: s.code,
        service_name: s.name,
        price: {
          value: perPackage.reduce((a, b) => a + b, 0) + (crossBorder ? CROSS_BORDER_SURCHARGE_MINOR : 0),
          currency: SANDBOX_CURRENCY,
        },
        billable_weight_g: billable.reduce((a, b) => a + b, 0),
        transit_business_days: days,
        estimated_delivery_date: isoDate(addBusinessDays(shipDay, days)),
      };
    });
  }

  async createLabel(request: LabelRequest, context: LabelCallContext): Promise<LabelResult> {
    const now = nowOf(context);
    if (!nonEmpty(request?.shipment_id)) throw invalid('shipment_id is required');
    if (!Number.isSafeInteger(context?.sequence) || context.sequence < 0) {
      throw invalid('sequence must be a whole number from 0');
    }
    if (!labelFormats.includes(request.format)) throw invalid(`format must be one of ${labelFormats.join(', ')}`);
    const chosen = service(request.service_code);
    checkAddress(request.from, 'from');
    checkAddress(request.to, 'to');
    if (typeof request.reference !== 'string' || request.reference.length > 100) {
      throw invalid('reference must be a string of at most 100 characters');
    }
    const packages = request.packages;
    if (!Array.isArray(packages) || packages.length === 0 || packages.length > MAX_PACKAGES_PER_SHIPMENT) {
      throw invalid(`packages must hold 1-${MAX_PACKAGES_PER_SHIPMENT} packages`);
    }
    const seen = new Set<string>();
    packages.forEach((p, i) => {
      if (!nonEmpty(p?.package_id)) throw invalid(`packages[${i}].package_id is required`);
      if (typeof p.sscc !== 'string' || !isValidSscc(p.sscc)) {
        throw invalid(`packages[${i}].sscc must be an 18-digit SSCC with a valid check digit`);
      }
      if (seen.has(p.sscc)) throw invalid(`packages[${i}].sscc is on another package of this shipment`);
      seen.add(p.sscc);
      checkParcel(p.weight_g, p.dimensions_mm, `packages[${i}]`);
    });

    const trackingNumber = sandboxTrackingNumberFor(request.shipment_id, context.sequence);
    const shipDate = sandboxShipDate(new Date(now));
    const layouts = packages.map((pkg, i) =>
      layoutLabel({
        trackingNumber,
        serviceName: chosen.code,
        from: request.from,
        to: request.to,
        package: pkg,
        index: i + 1,
        count: packages.length,
        reference: request.reference,
        shipmentId: request.shipment_id,
        shipDate,
      }),
    );
    let data: Uint8Array;
    if (request.format === 'zpl') data = new TextEncoder().encode(renderZpl(layouts));
    else if (request.format === 'png') data = renderPng(layouts);
    else {
      data = await renderPdf(layouts, {
        title: `Sandbox label ${trackingNumber}`,
        subject: `Shipment ${request.shipment_id}, ${packages.length} package(s), ${chosen.name}`,
        keywords: [trackingNumber, ...packages.map((p) => p.sscc)],
        now: new Date(now),
      });
    }
    return {
      tracking_number: trackingNumber,
      format: request.format,
      content_type: CONTENT_TYPES[request.format],
      data,
      pages: packages.length,
    };
  }

  async cancel(request: CancelRequest, context: CarrierCallContext): Promise<CancelResult> {
    const now = nowOf(context);
    if (!nonEmpty(request?.shipment_id)) throw invalid('shipment_id is required');
    checkTrackingNumber(request.tracking_number, 'tracking_number');
    return { tracking_number: request.tracking_number, status: 'cancelled', cancelled_at: new Date(now).toISOString() };
  }

  async schedulePickup(request: PickupRequest, context: CarrierCallContext): Promise<PickupResult> {
    const now = nowOf(context);
    checkAddress(request?.address, 'address');
    const day = parseIsoDate(request.date, 'date');
    if (day < startOfDay(now)) throw invalid('date is in the past');
    if (isWeekend(day)) throw invalid('the sandbox collects Monday to Friday only');
    const ready = parseTime(request.ready_time, 'ready_time');
    const close = parseTime(request.close_time, 'close_time');
    if (close - ready < 60) throw invalid('close_time must be at least an hour after ready_time');
    if (!Number.isInteger(request.package_count) || request.package_count < 1) {
      throw invalid('package_count must be at least 1');
    }
    if (!Array.isArray(request.tracking_numbers) || request.tracking_numbers.length === 0) {
      throw invalid('tracking_numbers must name at least one shipment');
    }
    request.tracking_numbers.forEach((t, i) => checkTrackingNumber(t, `tracking_numbers[${i}]`));
    const confirmation = hashDigits(
      8,
      'pickup',
      request.date,
      request.address.postal_code,
      request.address.country,
      ...[...request.tracking_numbers].sort(),
    );
    return {
      confirmation_number: `PU${confirmation}`,
      date: request.date,
      window: { from: request.ready_time, to: request.close_time },
    };
  }

  async manifest(request: ManifestRequest, context: CarrierCallContext): Promise<ManifestResult> {
    const now = nowOf(context);
    if (!nonEmpty(request?.manifest_id)) throw invalid('manifest_id is required');
    const day = parseIsoDate(request.dispatch_date, 'dispatch_date');
    if (day < startOfDay(now)) throw invalid('dispatch_date is in the past');
    const shipments = request.shipments;
    if (!Array.isArray(shipments) || shipments.length === 0) throw invalid('shipments must not be empty');
    const seen = new Set<string>();
    shipments.forEach((s, i) => {
      if (!nonEmpty(s?.shipment_id)) throw invalid(`shipments[${i}].shipment_id is required`);
      checkTrackingNumber(s.tracking_number, `shipments[${i}].tracking_number`);
      if (seen.has(s.tracking_number)) throw invalid(`shipments[${i}] is listed twice`);
      seen.add(s.tracking_number);
      if (!Number.isInteger(s.package_count) || s.package_count < 1) {
        throw invalid(`shipments[${i}].package_count must be at least 1`);
      }
      if (!Number.isInteger(s.weight_g) || s.weight_g <= 0) {
        throw invalid(`shipments[${i}].weight_g must be a positive whole number`);
      }
    });
    const rows = [
      ['manifest_id', 'dispatch_date', 'shipment_id', 'tracking_number', 'package_count', 'weight_g'],
      ...shipments.map((s) => [
        request.manifest_id,
        request.dispatch_date,
        s.shipment_id,
        s.tracking_number,
        s.package_count,
        s.weight_g,
      ]),
    ];
    const csv = rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
    return {
      carrier_manifest_id: `SBXM${hashDigits(8, 'manifest', request.manifest_id)}`,
      status: 'accepted',
      shipment_count: shipments.length,
      content_type: 'text/csv',
      data: new TextEncoder().encode(csv),
    };
  }
}

export const createSandboxCarrier = (): CarrierConnector => new SandboxCarrier();
