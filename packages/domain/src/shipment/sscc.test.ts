import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidSscc } from '../barcode/check-digit.ts';
import { GS, parseGs1 } from '../barcode/parse-gs1.ts';
import { buildSscc, formatSscc, serialReferenceLength, ssccBracketed, ssccElementString } from './sscc.ts';

const value = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
};

describe('buildSscc', () => {
  it("builds GS1's example SSCC 106141412345678908", () => {
    expect(value(buildSscc({ extensionDigit: 1, companyPrefix: '0614141', serialReference: 234567890 }))).toBe(
      '106141412345678908',
    );
    expect(value(buildSscc({ extensionDigit: 1, companyPrefix: '0614141', serialReference: '234567890' }))).toBe(
      '106141412345678908',
    );
  });

  it('left-pads the serial reference to what the prefix leaves', () => {
    // 7-digit prefix: 9 serial digits; 10-digit prefix: 6. Check: 3·1 + 1·1 + 3·4 + 1·1 + 3·4 + 1·1 + 3·6 = 48 -> 2.
    expect(value(buildSscc({ extensionDigit: 0, companyPrefix: '0614141', serialReference: 1 }))).toBe(
      '006141410000000012',
    );
    expect(value(buildSscc({ extensionDigit: 3, companyPrefix: '0614141999', serialReference: '42' }))).toMatch(
      /^30614141999000042[0-9]$/,
    );
    expect(serialReferenceLength(7)).toBe(9);
    expect(serialReferenceLength(10)).toBe(6);
  });

  it('refuses parts that cannot make an SSCC', () => {
    const base = { extensionDigit: 0, companyPrefix: '0614141', serialReference: 1 };
    const code = (input: unknown) => {
      const result = buildSscc(input as Parameters<typeof buildSscc>[0]);
      return result.ok ? 'ok' : result.error.code;
    };
    expect(code({ ...base, extensionDigit: 10 })).toBe('bad_value');
    expect(code({ ...base, extensionDigit: -1 })).toBe('bad_value');
    expect(code({ ...base, extensionDigit: 1.5 })).toBe('bad_value');
    expect(code({ ...base, extensionDigit: '1' })).toBe('bad_value');
    expect(code({ ...base, companyPrefix: '061414' })).toBe('bad_length');
    expect(code({ ...base, companyPrefix: '06141410000' })).toBe('bad_length');
    expect(code({ ...base, companyPrefix: '06141A1' })).toBe('bad_character');
    expect(code({ ...base, companyPrefix: 614141 })).toBe('bad_character');
    expect(code({ ...base, serialReference: -1 })).toBe('bad_value');
    expect(code({ ...base, serialReference: 2.5 })).toBe('bad_value');
    expect(code({ ...base, serialReference: Number.MAX_SAFE_INTEGER + 1 })).toBe('bad_value');
    expect(code({ ...base, serialReference: '12 3' })).toBe('bad_character');
    expect(code({ ...base, serialReference: '' })).toBe('bad_character');
    expect(code({ ...base, serialReference: 1_000_000_000 })).toBe('bad_length');
    expect(code({ ...base, companyPrefix: '0614141999', serialReference: '1000000' })).toBe('bad_length');
    expect(code({ ...base, companyPrefix: '0614141999', serialReference: 999_999 })).toBe('ok');
    expect(code(undefined)).toBe('bad_value');
    const refused = buildSscc({ ...base, extensionDigit: 10 });
    expect(refused).toMatchObject({ ok: false, error: { ai: '00' } });
  });

  it('always gives 18 digits that the GS1 check accepts and that start with the parts', () => {
    const input = fc.integer({ min: 7, max: 10 }).chain((prefixLength) =>
      fc.record({
        extensionDigit: fc.integer({ min: 0, max: 9 }),
        companyPrefix: fc.stringMatching(new RegExp(`^[0-9]{${prefixLength}}$`)),
        serialReference: fc.integer({ min: 0, max: 10 ** (16 - prefixLength) - 1 }),
      }),
    );
    fc.assert(
      fc.property(input, (parts) => {
        const sscc = value(buildSscc(parts));
        expect(sscc).toHaveLength(18);
        expect(isValidSscc(sscc)).toBe(true);
        expect(sscc.startsWith(`${parts.extensionDigit}${parts.companyPrefix}`)).toBe(true);
        expect(Number(sscc.slice(1 + parts.companyPrefix.length, 17))).toBe(parts.serialReference);
      }),
    );
  });
});

describe('formatSscc', () => {
  it('writes the human-readable line of a logistic label', () => {
    expect(formatSscc('106141412345678908', { companyPrefixLength: 7 })).toBe('(00) 1 0614141 234567890 8');
    expect(formatSscc('106141412345678908', { companyPrefixLength: 10 })).toBe('(00) 1 0614141234 567890 8');
    expect(formatSscc('106141412345678908')).toBe('(00) 1 0614141234567890 8');
    // A prefix length that cannot be right is ignored rather than trusted.
    expect(formatSscc('106141412345678908', { companyPrefixLength: 3 })).toBe('(00) 1 0614141234567890 8');
  });

  it('says nothing for text that is not a valid SSCC', () => {
    expect(formatSscc('106141412345678900')).toBeUndefined();
    expect(formatSscc('10614141234567890')).toBeUndefined();
    expect(formatSscc(undefined as unknown as string)).toBeUndefined();
  });
});

describe('ssccElementString and ssccBracketed', () => {
  it('encode AI 00 with the GS1 encoder, and the parser reads it back', () => {
    expect(value(ssccElementString('106141412345678908'))).toBe('00106141412345678908');
    expect(value(ssccElementString('106141412345678908', { symbologyIdentifier: ']C1' }))).toBe(
      ']C100106141412345678908',
    );
    expect(value(ssccBracketed('106141412345678908'))).toBe('(00)106141412345678908');
    const parsed = parseGs1(value(ssccElementString('106141412345678908', { symbologyIdentifier: ']C1' })), {
      referenceYear: 2025,
    });
    expect(parsed).toMatchObject({ ok: true, value: { symbology: ']C1', sscc: '106141412345678908' } });
    expect(value(ssccElementString('106141412345678908'))).not.toContain(GS);
  });

  it('refuse a wrong check digit or length', () => {
    expect(ssccElementString('106141412345678900')).toMatchObject({ ok: false, error: { code: 'bad_check_digit' } });
    expect(ssccBracketed('1061414123456789')).toMatchObject({ ok: false, error: { code: 'bad_length' } });
  });
});
