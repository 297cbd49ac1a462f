import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlausibleGs1Date, parseGs1Date, resolveGs1Year, toGs1Date } from './gs1-dates.ts';

describe('GS1 century rule', () => {
  it.each([
    // [YY, reference year, expected]: the window is [reference - 49, reference + 50].
    [25, 2025, 2025],
    [75, 2025, 2075], // +50: still ahead
    [76, 2025, 1976], // +51 would be too far ahead: previous century
    [0, 2025, 2000],
    [99, 2025, 1999],
    [50, 2000, 2050],
    [51, 2000, 1951],
    [30, 2080, 2130], // 50 behind would be too far: next century
    [31, 2080, 2031], // -49: still behind
    [49, 2099, 2149],
    [50, 2099, 2050],
  ])('reads YY=%i in %i as %i', (yy, reference, year) => {
    expect(resolveGs1Year(yy, reference)).toBe(year);
  });

  it('always lands within -49/+50 years of the reference, on the same two digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1000, max: 9000 }), (yy, reference) => {
        const year = resolveGs1Year(yy, reference);
        expect(year % 100).toBe(yy);
        expect(year).toBeGreaterThanOrEqual(reference - 49);
        expect(year).toBeLessThanOrEqual(reference + 50);
      }),
    );
  });
});

describe('GS1 YYMMDD dates', () => {
  it('reads a full date as ISO', () => {
    expect(parseGs1Date('251231', 2025)).toEqual({ ok: true, value: { iso: '2025-12-31', dayOmitted: false } });
    expect(parseGs1Date('991231', 2025)).toEqual({ ok: true, value: { iso: '1999-12-31', dayOmitted: false } });
  });

  it.each([
    ['251100', '2025-11-30'],
    ['251200', '2025-12-31'],
    ['250200', '2025-02-28'],
    ['240200', '2024-02-29'],
  ])('reads DD=00 in %s as the last day of the month, %s', (yymmdd, iso) => {
    expect(parseGs1Date(yymmdd, 2025)).toEqual({ ok: true, value: { iso, dayOmitted: true } });
  });

  it('lets a caller forbid DD=00 for AIs that do not allow it', () => {
    expect(parseGs1Date('251200', 2025, { allowZeroDay: false }).ok).toBe(false);
  });

  it.each([
    ['251301', 'month 13'],
    ['250001', 'month 00'],
    ['250230', '30 February'],
    ['250229', '29 February in a common year'],
    ['250431', '31 April'],
    ['25123', 'five digits'],
    ['2512311', 'seven digits'],
    ['25-12-', 'not digits'],
    ['２５１２３１', 'full-width digits'],
  ])('refuses %s (%s)', (yymmdd) => {
    expect(parseGs1Date(yymmdd, 2025).ok).toBe(false);
  });

  it('decides 29 February of a 00 year by the century', () => {
    expect(parseGs1Date('000229', 2025)).toEqual({ ok: true, value: { iso: '2000-02-29', dayOmitted: false } });
    expect(parseGs1Date('000229', 2080).ok).toBe(false); // 2100 is not a leap year
    expect(isPlausibleGs1Date('000229')).toBe(true); // an encoder cannot know the century
  });

  it('refuses a reference year it cannot use rather than guessing', () => {
    expect(parseGs1Date('251231', Number.NaN).ok).toBe(false);
    expect(parseGs1Date('251231', 2025.5).ok).toBe(false);
    expect(parseGs1Date('251231', 99).ok).toBe(false);
  });

  it('writes ISO dates back as YYMMDD', () => {
    expect(toGs1Date('2025-12-31')).toBe('251231');
    expect(toGs1Date('2025-12-31', { dayOmitted: true })).toBe('251200');
    expect(toGs1Date('2025-02-29')).toBeUndefined();
    expect(toGs1Date('31/12/2025')).toBeUndefined();
  });

  it('round-trips every real date of the window', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1976-01-01'), max: new Date('2075-12-31'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString().slice(0, 10);
          const parsed = parseGs1Date(toGs1Date(iso)!, 2025);
          expect(parsed).toEqual({ ok: true, value: { iso, dayOmitted: false } });
        },
      ),
    );
  });
});
