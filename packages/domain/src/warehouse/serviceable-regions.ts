import { z } from 'zod';
import { isCountryCode } from './country-codes.ts';

export const MAX_SERVICEABLE_REGIONS = 500;

/** "GB" serves a whole country; "GB:SW1" only postcodes starting with SW1 (upper case, as printed). */
const regionShape = /^([A-Z]{2})(?::([A-Z0-9][A-Z0-9 -]{0,9}))?$/;

export type ServiceableRegion = { country: string; postcodePrefix: string | undefined };

export function parseServiceableRegion(value: string): ServiceableRegion | undefined {
  const match = regionShape.exec(value);
  if (!match || !isCountryCode(match[1]!)) return undefined;
  return { country: match[1]!, postcodePrefix: match[2] };
}

export const countryCodeSchema = z
  .string()
  .length(2)
  .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code in upper case, e.g. GB');

export const serviceableRegionSchema = z
  .string()
  .max(13)
  .refine(
    (v) => parseServiceableRegion(v) !== undefined,
    'must be a country code ("GB") or a country code and postcode prefix ("GB:SW1")',
  );
