import { businessDateOf, type ValidateScanOptions } from '@fulfillment/domain/picklist/validate-scan';

const deviceTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * What validateScan needs from the outside world, from the device clock at the moment of the scan,
 * computed the way the server computes it: the business date in the warehouse's time zone (the
 * handheld's own when the picklist did not say), and the year of that date.
 */
export function scanOptionsAt(now: Date, timeZone: string | null = null): ValidateScanOptions {
  let businessDate: string;
  try {
    businessDate = businessDateOf(now, timeZone ?? deviceTimeZone());
  } catch {
    businessDate = businessDateOf(now, deviceTimeZone());
  }
  return { referenceYear: Number(businessDate.slice(0, 4)), businessDate };
}
