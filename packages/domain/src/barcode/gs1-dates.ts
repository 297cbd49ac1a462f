/**
 * GS1 YYMMDD dates (AIs 11-17). Two-digit years need a century, and GS1 General Specifications 7.12
 * picks it with a sliding window around "now": a year 51-99 ahead of the current one is really in
 * the previous century, a year 50-99 behind it in the next. That is the one year in
 * [reference - 49, reference + 50] with the same last two digits. "Now" is the caller's business
 * (the handheld and the server each pass their own), so nothing in here reads a clock.
 */

/** The reference years accepted: far enough from the edges that every result has four digits. */
export const MIN_REFERENCE_YEAR = 1000;
export const MAX_REFERENCE_YEAR = 9000;

export function isValidReferenceYear(year: unknown): year is number {
  return Number.isInteger(year) && (year as number) >= MIN_REFERENCE_YEAR && (year as number) <= MAX_REFERENCE_YEAR;
}

/** The full year for a two-digit year, inside the window [referenceYear - 49, referenceYear + 50]. */
export function resolveGs1Year(twoDigitYear: number, referenceYear: number): number {
  const low = referenceYear - 49;
  const offset = (((twoDigitYear - low) % 100) + 100) % 100;
  return low + offset;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export type Gs1Date = {
  /** ISO calendar date, `YYYY-MM-DD`. */
  iso: string;
  /** DD was 00: only year and month were given, and `iso` is the last day of that month. */
  dayOmitted: boolean;
};

export type Gs1DateResult = { ok: true; value: Gs1Date } | { ok: false; message: string };

export type Gs1DateOptions = {
  /**
   * Whether DD=00 ("year and month only") is allowed. Every YYMMDD AI in the table allows it
   * (they are `yymmd0` in the GS1 syntax dictionary); a few newer AIs do not, hence the switch.
   */
  allowZeroDay?: boolean;
};

const SIX_DIGITS = /^[0-9]{6}$/;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Reads a YYMMDD field. Impossible dates (month 13, 30 February, ...) are errors, never rolled over. */
export function parseGs1Date(yymmdd: string, referenceYear: number, options: Gs1DateOptions = {}): Gs1DateResult {
  if (!SIX_DIGITS.test(yymmdd)) return { ok: false, message: 'a GS1 date is six digits, YYMMDD' };
  if (!isValidReferenceYear(referenceYear)) {
    return {
      ok: false,
      message: `the reference year must be a whole year ${MIN_REFERENCE_YEAR}-${MAX_REFERENCE_YEAR}`,
    };
  }
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12) return { ok: false, message: `month ${pad(month, 2)} does not exist` };
  const year = resolveGs1Year(yy, referenceYear);
  const lastDay = daysInMonth(year, month);
  if (dd === 0) {
    if (options.allowZeroDay === false) return { ok: false, message: 'day 00 is not allowed here' };
    return { ok: true, value: { iso: `${pad(year, 4)}-${pad(month, 2)}-${pad(lastDay, 2)}`, dayOmitted: true } };
  }
  if (dd > lastDay) return { ok: false, message: `${year}-${pad(month, 2)} has no day ${pad(dd, 2)}` };
  return { ok: true, value: { iso: `${pad(year, 4)}-${pad(month, 2)}-${pad(dd, 2)}`, dayOmitted: false } };
}

/**
 * The shape check an encoder can make without knowing the century: a month that exists and a day
 * that exists in that month in some year ending in YY. Only 29 February of a "00" year depends on
 * the century (2000 had one, 2100 will not); it is let through here.
 */
export function isPlausibleGs1Date(yymmdd: string, options: Gs1DateOptions = {}): boolean {
  return parseGs1Date(yymmdd, 2000 + 49, options).ok;
}

const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/**
 * The YYMMDD field for an ISO date, for label generation. With `dayOmitted` the day becomes 00
 * ("that month"). Undefined for text that is not a real ISO calendar date.
 */
export function toGs1Date(iso: string, options: { dayOmitted?: boolean } = {}): string | undefined {
  const match = ISO_DATE.exec(iso);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${pad(year % 100, 2)}${pad(month, 2)}${options.dayOmitted ? '00' : pad(day, 2)}`;
}
