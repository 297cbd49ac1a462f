import { computeGs1CheckDigit, hasValidGs1CheckDigit } from '../barcode/check-digit.ts';

/**
 * Tracking numbers of the built-in `sandbox` carrier: `SBX` + a 10-digit serial + one check digit,
 * e.g. `SBX00000000017` (14 characters, upper case, nothing else).
 *
 * The check digit is the GS1 mod-10 digit over the ten serial digits (weights 3,1,3,... from the
 * right; the prefix is constant and not weighted). Because 1 and 3 are both prime to 10, every
 * single-digit substitution changes the sum modulo 10 and is caught; adjacent transpositions are
 * caught unless the two digits differ by 5. A mod-7 digit (as some carriers use) would miss a
 * 0<->7, 1<->8 or 2<->9 mistype, which is why it is not used here.
 *
 * Being all digits after a short letter prefix, the number packs into Code 128 subset C, which
 * keeps the barcode on a 4x6 label short.
 */

export const SANDBOX_TRACKING_PREFIX = 'SBX';
export const SANDBOX_TRACKING_SERIAL_DIGITS = 10;
export const SANDBOX_TRACKING_NUMBER_LENGTH = SANDBOX_TRACKING_PREFIX.length + SANDBOX_TRACKING_SERIAL_DIGITS + 1;
/** The largest serial the format holds: 9 999 999 999. */
export const MAX_SANDBOX_TRACKING_SERIAL = 10 ** SANDBOX_TRACKING_SERIAL_DIGITS - 1;

const SHAPE = /^SBX[0-9]{11}$/;
const DIGITS = /^[0-9]+$/;

/**
 * The tracking number for a serial (0 to 9 999 999 999, as a number or up to ten digits), or
 * undefined when the serial does not fit.
 */
export function buildSandboxTrackingNumber(serial: number | string): string | undefined {
  let digits: string;
  if (typeof serial === 'number') {
    if (!Number.isSafeInteger(serial) || serial < 0 || serial > MAX_SANDBOX_TRACKING_SERIAL) return undefined;
    digits = String(serial);
  } else if (typeof serial === 'string' && DIGITS.test(serial) && serial.length <= SANDBOX_TRACKING_SERIAL_DIGITS) {
    digits = serial;
  } else {
    return undefined;
  }
  const body = digits.padStart(SANDBOX_TRACKING_SERIAL_DIGITS, '0');
  const check = computeGs1CheckDigit(body);
  return check === undefined ? undefined : `${SANDBOX_TRACKING_PREFIX}${body}${check}`;
}

/** True for `SBX` + eleven digits whose last is the check digit of the ten before it. */
export function isValidSandboxTrackingNumber(text: string): boolean {
  return typeof text === 'string' && SHAPE.test(text) && hasValidGs1CheckDigit(text.slice(3));
}

/** The ten serial digits of a valid tracking number, or undefined. */
export function sandboxTrackingSerial(text: string): string | undefined {
  return isValidSandboxTrackingNumber(text) ? text.slice(3, 3 + SANDBOX_TRACKING_SERIAL_DIGITS) : undefined;
}
