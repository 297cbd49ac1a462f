import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withGs1CheckDigit } from './check-digit.ts';
import { expectWellFormed } from './testing/gs1-arbitraries.ts';
import { GS, parseGs1, parseGs1ElementString, type ParseGs1Options } from './parse-gs1.ts';

const options: ParseGs1Options = { referenceYear: 2025 };
const parse = (input: string, extra: Partial<ParseGs1Options> = {}) => parseGs1(input, { ...options, ...extra });
const gln = withGs1CheckDigit('950600013435')!;

describe('parseGs1: what scanners really send', () => {
  it.each([
    {
      name: 'GS1-128 with symbology identifier, lot ended by GS',
      input: `]C10109506000134352` + `10ABC123` + GS + `17251231`,
      value: { form: 'element_string', symbology: ']C1', gtin: '09506000134352', lot: 'ABC123', expiry: '2025-12-31' },
    },
    {
      name: 'GS1 DataMatrix pharma pack (GTIN, expiry, lot, serial)',
      input: `]d20103400935014320172812311012345${GS}21ABCDEF`,
      value: { symbology: ']d2', gtin: '03400935014320', expiry: '2028-12-31', lot: '12345', serial: 'ABCDEF' },
    },
    {
      name: 'SSCC on a pallet label',
      input: '00106141411234567897',
      value: { sscc: '106141411234567897', elements: [{ ai: '00', title: 'SSCC', raw: '106141411234567897' }] },
    },
    {
      name: 'net weight 3103000250 = 0.250 kg',
      input: ']C10109506000134352' + '3103000250',
      value: {
        netWeightKg: 0.25,
        elements: [{}, { ai: '3103', type: 'decimal', value: 0.25, decimals: 3, raw: '000250' }],
      },
    },
    {
      name: 'gross weight with two decimals',
      input: ']C1' + '00106141411234567897' + '3302001234',
      value: { grossWeightKg: 12.34 },
    },
    { name: 'weight without decimals', input: ']C1' + '0109506000134352' + '3100000005', value: { netWeightKg: 5 } },
    {
      name: 'DD=00 is the last day of the month',
      input: ']C10109506000134352' + '17260200',
      value: {
        expiry: '2026-02-28',
        elements: [{}, { ai: '17', type: 'date', value: '2026-02-28', dayOmitted: true }],
      },
    },
    {
      name: 'century: +50 years is still ahead',
      input: ']C10109506000134352' + '17751231',
      value: { expiry: '2075-12-31' },
    },
    {
      name: 'century: +51 years is the past',
      input: ']C10109506000134352' + '11761231',
      value: { productionDate: '1976-12-31' },
    },
    {
      name: 'leading FNC1 sent as GS',
      input: `]d2${GS}0109506000134352${GS}10ABC`,
      value: { gtin: '09506000134352', lot: 'ABC' },
    },
    { name: 'trailing FNC1', input: `]C1010950600013435210ABC${GS}`, value: { lot: 'ABC' } },
    {
      name: 'superfluous GS after a fixed-length field',
      input: `]C10109506000134352${GS}17251231`,
      value: { expiry: '2025-12-31' },
    },
    { name: 'scanner suffix CR LF', input: ']C10109506000134352\r\n', value: { gtin: '09506000134352' } },
    { name: 'GS1 DataBar', input: ']e00109506000134352', value: { symbology: ']e0', gtin: '09506000134352' } },
    {
      name: 'GS1 QR: content GTIN, count and customer PO',
      input: `]Q30209506000134352` + `3724` + GS + `400PO-778`,
      value: { contentGtin: '09506000134352', count: 24, customerPo: 'PO-778' },
    },
    { name: 'variable count', input: ']C10109506000134352' + '3012', value: { variableCount: 12 } },
    {
      name: 'GLN of a location with extension, no FNC1 needed after (414)',
      input: `]C1414${gln}254DOCK-4`,
      value: { locationGln: gln, elements: [{ ai: '414' }, { ai: '254', raw: 'DOCK-4' }] },
    },
    {
      name: 'ITIP piece 1 of 2',
      input: `]d28006095060001343520102${GS}21S1`,
      value: { itip: { gtin: '09506000134352', piece: 1, total: 2 }, serial: 'S1' },
    },
    {
      name: 'element string without symbology identifier',
      input: `010950600013435210LOT-7${GS}21SN/42`,
      value: { form: 'element_string', lot: 'LOT-7', serial: 'SN/42' },
    },
    {
      name: 'the same AI twice with the same data',
      input: `]C10109506000134352` + `0109506000134352`,
      value: { gtin: '09506000134352' },
    },
  ])('$name', ({ input, value }) => {
    const result = parse(input);
    expect(result).toMatchObject({ ok: true, value });
  });

  it('reads the bracketed human-readable form', () => {
    expect(parse('(01)09506000134352(10)ABC123(17)251231')).toMatchObject({
      ok: true,
      value: { form: 'bracketed', gtin: '09506000134352', lot: 'ABC123', expiry: '2025-12-31' },
    });
    // As printed under the barcode, with spaces.
    expect(parse('(01) 09506000134352 (17) 251231 (10) ABC123')).toMatchObject({ ok: true, value: { lot: 'ABC123' } });
    // "(" inside data: escaped, or unescaped where it cannot open an AI.
    expect(parse('(01)09506000134352(10)AB\\(12)C')).toMatchObject({ ok: true, value: { lot: 'AB(12)C' } });
    expect(parse('(01)09506000134352(10)AB(C(21)X')).toMatchObject({ ok: true, value: { lot: 'AB(C', serial: 'X' } });
  });

  it('reads a Digital Link, with its query', () => {
    expect(parse('https://id.gs1.org/01/09506000134352/10/ABC/21/XYZ?17=251231')).toMatchObject({
      ok: true,
      value: { form: 'digital_link', gtin: '09506000134352', lot: 'ABC', serial: 'XYZ', expiry: '2025-12-31' },
    });
    expect(parse(']Q1https://example.com/01/09506000134352')).toMatchObject({ ok: true, value: { symbology: ']Q1' } });
  });

  it('understands the FNC1 stand-in a keyboard-wedge scanner was set up to type', () => {
    const input = '010950600013435210ABC~17251231';
    expect(parse(input, { groupSeparator: '~' })).toMatchObject({
      ok: true,
      value: { lot: 'ABC', expiry: '2025-12-31' },
    });
    expect(parse(input)).toMatchObject({ ok: false, error: { code: 'bad_character' } });
    expect(parse('010950600013435210ABC^]21X', { groupSeparator: '^]' })).toMatchObject({
      ok: true,
      value: { serial: 'X' },
    });
    // "<GS>" would be a poor stand-in: "<", "G", "S" and ">" can all occur in a lot number.
    expect(parse('0109506000134352', { groupSeparator: '<GS>' })).toMatchObject({
      ok: false,
      error: { code: 'bad_options' },
    });
    // GS itself keeps working.
    expect(parse(`010950600013435210ABC${GS}17251231`, { groupSeparator: '~' })).toMatchObject({ ok: true });
  });
});

describe('parseGs1: what it refuses, and where', () => {
  it.each([
    {
      name: 'the pharma sample as briefed: its GTIN check digit is wrong',
      input: `]d20103400935014327172812311012345${GS}21ABCDEF`,
      error: { code: 'bad_check_digit', ai: '01', position: 18 },
    },
    { name: 'bad GTIN check digit', input: ']C10109506000134353', error: { code: 'bad_check_digit', position: 18 } },
    { name: 'bad SSCC check digit', input: '00106141411234567890', error: { code: 'bad_check_digit', ai: '00' } },
    {
      name: 'bad GLN check digit',
      input: `(414)${gln.slice(0, -1)}${(Number(gln.at(-1)) + 1) % 10}`,
      error: { code: 'bad_check_digit' },
    },
    { name: 'unknown AI', input: ']C10109506000134352' + '2399', error: { code: 'unknown_ai', position: 19 } },
    { name: 'unknown AI in brackets', input: '(01)09506000134352(23)ABC', error: { code: 'unknown_ai' } },
    { name: 'data ends inside an AI', input: ']C10109506000134352' + '3', error: { code: 'unknown_ai' } },
    {
      name: 'truncated fixed-length field',
      input: ']C101095060001343',
      error: { code: 'bad_length', ai: '01', position: 5 },
    },
    { name: 'fixed-length field cut by GS', input: `]C1010950600013${GS}10ABC`, error: { code: 'bad_length' } },
    {
      name: 'lot longer than 20: FNC1 missing',
      input: `]C110${'A'.repeat(21)}`,
      error: { code: 'bad_length', ai: '10' },
    },
    { name: 'empty lot', input: `]C10109506000134352` + `10${GS}17251231`, error: { code: 'bad_length', ai: '10' } },
    { name: 'month 13', input: ']C10109506000134352' + '17251301', error: { code: 'bad_date', ai: '17' } },
    { name: '30 February', input: '(17)250230', error: { code: 'bad_date' } },
    { name: 'letter in a GTIN', input: ']C101095060001343A2', error: { code: 'bad_character', position: 17 } },
    { name: 'space in a lot', input: '(10)AB C', error: { code: 'bad_character', position: 6 } },
    { name: 'non-ASCII in a serial', input: `]C121SÉRIE`, error: { code: 'bad_character' } },
    { name: 'text before an AI', input: 'hello', error: { code: 'bad_character', position: 0 } },
    { name: 'ITIP piece 3 of 2', input: '(8006)095060001343520302', error: { code: 'bad_value' } },
    { name: 'two expiry dates', input: '(17)251231(17)260101', error: { code: 'conflicting_ai', ai: '17' } },
    {
      name: 'two net weights that differ',
      input: '(01)09506000134352(3102)001000(3103)000250',
      error: { code: 'conflicting_ai' },
    },
    { name: 'an EAN-13 is not GS1 element data', input: ']E09780764544200', error: { code: 'not_gs1' } },
    { name: 'a URL without GS1 key', input: 'https://example.com/about', error: { code: 'not_gs1' } },
    { name: 'nothing', input: '', error: { code: 'empty' } },
    { name: 'only line endings', input: '\r\n', error: { code: 'empty' } },
    { name: 'only a symbology identifier', input: ']C1', error: { code: 'empty' } },
    { name: 'only separators', input: `]C1${GS}${GS}`, error: { code: 'empty' } },
    { name: 'brackets without an AI', input: '()', error: { code: 'bad_character' } },
    { name: 'absurdly long', input: `]C110${'A'.repeat(9000)}`, error: { code: 'too_long' } },
  ])('$name', ({ input, error }) => {
    const result = parse(input);
    expect(result).toMatchObject({ ok: false, error });
    expectWellFormed(input, result);
  });

  it('accepts two net weights that say the same thing', () => {
    expect(parse('(01)09506000134352(3102)000025(3103)000250')).toMatchObject({
      ok: true,
      value: { netWeightKg: 0.25 },
    });
  });

  it('refuses options it cannot work with', () => {
    expect(parseGs1('0109506000134352', {} as ParseGs1Options)).toMatchObject({
      ok: false,
      error: { code: 'bad_options' },
    });
    expect(parse('0109506000134352', { referenceYear: 25 })).toMatchObject({
      ok: false,
      error: { code: 'bad_options' },
    });
    // A separator that can occur in AI data would cut fields short.
    for (const groupSeparator of ['A', '1', '-', '', 'x'.repeat(9)]) {
      expect(parse('0109506000134352', { groupSeparator })).toMatchObject({
        ok: false,
        error: { code: 'bad_options' },
      });
    }
  });

  it('answers anything that is not a string', () => {
    for (const input of [undefined, null, 42, {}, ['01']]) {
      expect(parseGs1(input as unknown as string, options)).toMatchObject({ ok: false, error: { code: 'empty' } });
    }
  });

  it('reads an element string behind a non-GS1 identifier when asked to', () => {
    expect(parseGs1ElementString('0109506000134352', options, { symbology: ']C0', offset: 3 })).toMatchObject({
      ok: true,
      value: { symbology: ']C0', gtin: '09506000134352' },
    });
    expect(parseGs1ElementString('0109506000134353', options, { offset: 3 })).toMatchObject({
      ok: false,
      error: { code: 'bad_check_digit', position: 18 },
    });
  });
});

describe('parseGs1 never throws', () => {
  const anyUtf16 = fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    maxLength: 60,
  });
  const gs1ish = fc.string({
    unit: fc.constantFrom(
      '0',
      '1',
      '2',
      '3',
      '4',
      '7',
      '8',
      '9',
      '00',
      '01',
      '10',
      '17',
      '21',
      '310',
      '8006',
      'A',
      'z',
      '-',
      '/',
      '%',
      '%2',
      '%C3',
      '(',
      ')',
      '\\(',
      '?',
      '=',
      '&',
      '#',
      ' ',
      GS,
      '~',
      ']C1',
      ']d2',
      ']E0',
      'https://',
      'id.gs1.org/',
      '\r',
      'é',
      '\ud800',
    ),
    maxLength: 40,
  });
  const separator = fc.option(fc.constantFrom('~', '|', '^]', '\u00e8'), { nil: undefined });

  it('on arbitrary text, including lone surrogates and control characters', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), anyUtf16), separator, (input, groupSeparator) => {
        expectWellFormed(input, parse(input, groupSeparator ? { groupSeparator } : {}));
      }),
      { numRuns: 2000 },
    );
  });

  it('on text made of GS1 fragments, which reaches deep into the parsers', () => {
    fc.assert(
      fc.property(gs1ish, separator, fc.integer({ min: 1000, max: 9000 }), (input, groupSeparator, referenceYear) => {
        expectWellFormed(input, parseGs1(input, { referenceYear, ...(groupSeparator ? { groupSeparator } : {}) }));
      }),
      { numRuns: 5000 },
    );
  });

  it('with arbitrary options', () => {
    fc.assert(
      fc.property(fc.string(), fc.anything(), (input, junk) => {
        expectWellFormed(input, parseGs1(input, junk as ParseGs1Options));
      }),
    );
  });
});
