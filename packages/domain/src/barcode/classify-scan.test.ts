import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { isValidGtin } from './check-digit.ts';
import { type ClassifyScanOptions, checkClassifyScanOptions, classifyScan } from './classify-scan.ts';
import { classifyScanOptionsSchema } from './classify-scan-schemas.ts';
import { encodeBracketed, encodeDigitalLink, encodeElementString } from './encode-gs1.ts';
import { GS, MAX_SCAN_LENGTH } from './parse-gs1.ts';
import { expectWellFormed, validDigitalLinkElements, validElementList } from './testing/gs1-arbitraries.ts';

const options = {
  referenceYear: 2025,
  prefixes: { location: ['LOC-', 'L'], tote: ['TOTE-'], trolley: ['LT-'], badge: ['BADGE-'] },
} satisfies ClassifyScanOptions;
const classify = (raw: string, extra: Partial<ClassifyScanOptions> = {}) => classifyScan(raw, { ...options, ...extra });

describe('classifyScan', () => {
  it.each([
    {
      name: 'GS1-128',
      raw: `]C10109506000134352` + `10ABC123` + GS + `17251231`,
      value: { kind: 'gs1', symbology: ']C1', data: { gtin: '09506000134352', lot: 'ABC123', expiry: '2025-12-31' } },
    },
    {
      name: 'GS1 DataMatrix (pharma)',
      raw: `]d20103400935014320172812311012345${GS}21ABCDEF`,
      value: { kind: 'gs1', data: { lot: '12345', serial: 'ABCDEF', expiry: '2028-12-31' } },
    },
    {
      name: 'bracketed',
      raw: '(01)09506000134352(10)ABC123(17)251231',
      value: { kind: 'gs1', data: { form: 'bracketed', lot: 'ABC123' } },
    },
    {
      name: 'Digital Link with query',
      raw: 'https://id.gs1.org/01/09506000134352/10/ABC/21/XYZ?17=251231',
      value: { kind: 'gs1', data: { form: 'digital_link', serial: 'XYZ', expiry: '2025-12-31' } },
    },
    {
      name: 'Digital Link in a plain QR',
      raw: ']Q1https://brand.example/01/09506000134352',
      value: { kind: 'gs1', symbology: ']Q1' },
    },
    {
      name: 'SSCC with (00)',
      raw: '00106141411234567897',
      value: { kind: 'gs1', data: { sscc: '106141411234567897' } },
    },
    { name: 'SSCC without AI', raw: '106141411234567897', value: { kind: 'sscc', sscc: '106141411234567897' } },
    { name: 'EAN-13', raw: '9780764544200', value: { kind: 'gtin', gtin: '09780764544200', format: 'GTIN-13' } },
    {
      name: 'EAN-13 with ]E0',
      raw: ']E09780764544200',
      value: { kind: 'gtin', gtin: '09780764544200', symbology: ']E0' },
    },
    { name: 'EAN-8 with ]E4', raw: ']E402345680', value: { kind: 'gtin', gtin: '00000002345680', format: 'GTIN-8' } },
    { name: 'UPC-A', raw: '036000291452', value: { kind: 'gtin', gtin: '00036000291452', format: 'GTIN-12' } },
    { name: 'ITF-14', raw: '30712345000010', value: { kind: 'gtin', gtin: '30712345000010', format: 'GTIN-14' } },
    { name: 'ITF-14 with ]I1', raw: ']I130712345000010', value: { kind: 'gtin', symbology: ']I1' } },
    {
      name: 'element string without identifier',
      raw: '0109506000134352' + '3103000250',
      value: { kind: 'gs1', data: { netWeightKg: 0.25 } },
    },
    {
      name: 'GS1-128 printed without FNC1 (reads as ]C0)',
      raw: ']C0010950600013435210ABC',
      value: { kind: 'gs1', symbology: ']C0', data: { lot: 'ABC' } },
    },
    {
      name: 'location',
      raw: 'LOC-A-01-02',
      value: { kind: 'prefixed', type: 'location', prefix: 'LOC-', code: 'A-01-02' },
    },
    { name: 'longest prefix wins', raw: 'LT-7', value: { kind: 'prefixed', type: 'trolley', code: '7' } },
    {
      name: 'shorter prefix when the longer does not fit',
      raw: 'L7',
      value: { kind: 'prefixed', type: 'location', code: '7' },
    },
    {
      name: 'badge with wedge suffix',
      raw: 'BADGE-1001\r\n',
      value: { kind: 'prefixed', type: 'badge', code: '1001', text: 'BADGE-1001' },
    },
    {
      name: 'tote behind a Code 128 identifier',
      raw: ']C0TOTE-0042\t',
      value: { kind: 'prefixed', type: 'tote', code: '0042', symbology: ']C0' },
    },
    { name: 'prefixes are case-sensitive by default', raw: 'tote-1', value: { kind: 'free', text: 'tote-1' } },
    { name: 'EAN-13 with a wrong check digit, no identifier', raw: '9780764544201', value: { kind: 'free' } },
    { name: 'failed GS1 guess behind ]C0', raw: ']C00109506000134353', value: { kind: 'free' } },
    { name: 'a web address', raw: 'http://google.com/gwt/n?u=bluenile.com', value: { kind: 'free' } },
    { name: 'digits that are no key', raw: '102030405060708090', value: { kind: 'free' } },
    { name: 'text', raw: 'Hello World', value: { kind: 'free', text: 'Hello World' } },
    { name: 'a phone number is not bracketed GS1', raw: '(555) 123-4567', value: { kind: 'free' } },
  ])('$name', ({ raw, value }) => {
    expect(classify(raw)).toMatchObject({ ok: true, value });
  });

  it.each([
    {
      name: 'GS1 symbology with a bad check digit',
      raw: ']C10109506000134353',
      error: { code: 'bad_check_digit', position: 18 },
    },
    {
      name: 'the pharma sample as briefed',
      raw: `]d20103400935014327172812311012345${GS}21ABCDEF`,
      error: { code: 'bad_check_digit' },
    },
    {
      name: 'EAN-13 symbology with a bad check digit',
      raw: ']E09780764544201',
      error: { code: 'bad_check_digit', position: 15 },
    },
    {
      name: 'bracketed with an unknown AI after a known one',
      raw: '(01)09506000134352(23)X',
      error: { code: 'unknown_ai' },
    },
    { name: 'bracketed with a bad date', raw: '(17)251301', error: { code: 'bad_date' } },
    {
      name: 'Digital Link with a bad GTIN',
      raw: 'https://id.gs1.org/01/09506000134353',
      error: { code: 'bad_check_digit' },
    },
    { name: 'FNC1 in the data but a bad date', raw: `010950600013435210ABC${GS}17251301`, error: { code: 'bad_date' } },
    { name: 'a valid key first, then truncated', raw: '0109506000134352' + '1725', error: { code: 'bad_length' } },
    { name: 'a prefix and nothing else', raw: 'LOC-', error: { code: 'missing_code' } },
    { name: 'nothing', raw: '', error: { code: 'empty' } },
    { name: 'a bare line ending', raw: '\r\n', error: { code: 'empty' } },
    { name: 'only a symbology identifier', raw: ']E0', error: { code: 'empty' } },
    { name: 'far too long', raw: 'x'.repeat(10_000), error: { code: 'too_long' } },
  ])('refuses $name', ({ raw, error }) => {
    const result = classify(raw);
    expect(result).toMatchObject({ ok: false, error });
    expectWellFormed(raw, result);
  });

  it('puts GS1 symbologies before prefixes, and prefixes before bare digits', () => {
    const numericPrefixes = { referenceYear: 2025, prefixes: { location: ['01', '97'] } };
    expect(classifyScan(']C10109506000134352', numericPrefixes)).toMatchObject({ ok: true, value: { kind: 'gs1' } });
    expect(classifyScan('9780764544200', numericPrefixes)).toMatchObject({
      ok: true,
      value: { kind: 'prefixed', code: '80764544200' },
    });
  });

  it('matches prefixes regardless of case when told to', () => {
    expect(classify('loc-a-01', { prefixIgnoreCase: true })).toMatchObject({
      ok: true,
      value: { kind: 'prefixed', type: 'location', prefix: 'loc-', code: 'a-01' },
    });
  });

  it('understands a keyboard-wedge FNC1 stand-in', () => {
    expect(classify('010950600013435210ABC~17251231', { groupSeparator: '~' })).toMatchObject({
      ok: true,
      value: { kind: 'gs1', data: { lot: 'ABC', expiry: '2025-12-31' } },
    });
    // Without it, the same text is just text: "~" is not GS1.
    expect(classify('010950600013435210ABC~17251231')).toMatchObject({ ok: false, error: { code: 'bad_character' } });
  });

  it('refuses options it cannot trust, and says which', () => {
    const bad: unknown[] = [
      {},
      { referenceYear: 2025.5 },
      { referenceYear: 2025, prefixes: { Location: ['L-'] } },
      { referenceYear: 2025, prefixes: { location: ['L-'], tote: ['L-'] } },
      { referenceYear: 2025, prefixes: { location: ['L-'], tote: ['l-'] }, prefixIgnoreCase: true },
      { referenceYear: 2025, prefixes: { location: [] } },
      { referenceYear: 2025, prefixes: { location: ['has space'] } },
      { referenceYear: 2025, groupSeparator: 'A' },
      { referenceYear: 2025, colour: 'red' },
    ];
    for (const o of bad) {
      expect(classifyScanOptionsSchema.safeParse(o).success, JSON.stringify(o)).toBe(false);
      expect(classifyScan('LOC-1', o as ClassifyScanOptions)).toMatchObject({
        ok: false,
        error: { code: 'bad_options' },
      });
    }
    expect(classifyScanOptionsSchema.parse(options)).toEqual(options);
  });

  it('types the prefixed kind from the configured names', () => {
    const result = classifyScan('LOC-1', { referenceYear: 2025, prefixes: { location: ['LOC-'], tote: ['TOTE-'] } });
    if (result.ok && result.value.kind === 'prefixed')
      expectTypeOf(result.value.type).toEqualTypeOf<'location' | 'tote'>();
    // Settings read from storage are checked by the schema and fit the options type.
    expectTypeOf(classifyScanOptionsSchema.parse(options)).toExtend<ClassifyScanOptions>();
  });

  it('answers anything that is not a string', () => {
    for (const raw of [undefined, null, 7, {}, ['LOC-1']]) {
      expect(classifyScan(raw as unknown as string, options)).toMatchObject({ ok: false, error: { code: 'empty' } });
    }
  });
});

describe('checkClassifyScanOptions', () => {
  const year = { referenceYear: 2025 };
  const manyKinds = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, [`P${i}-`]]));

  it.each([
    [null, 'options: must be an object, not null'],
    [['LOC-'], 'options: must be an object, not a list'],
    ['LOC-', 'options: must be an object, not a string'],
    [{}, 'referenceYear: must be a number, not undefined'],
    [{ referenceYear: '2025' }, 'referenceYear: must be a number, not a string'],
    [{ referenceYear: Number.NaN }, 'referenceYear: must be a number, not NaN'],
    [{ referenceYear: 2025.5 }, 'referenceYear: must be a whole year from 1000 to 9000'],
    [{ referenceYear: 999 }, 'referenceYear: must be a whole year from 1000 to 9000'],
    [{ ...year, groupSeparator: '' }, 'groupSeparator: must not be empty'],
    [{ ...year, groupSeparator: '~'.repeat(9) }, 'groupSeparator: must be at most 8 characters'],
    [{ ...year, groupSeparator: 29 }, 'groupSeparator: must be text, not a number'],
    [{ ...year, groupSeparator: 'A' }, 'groupSeparator: may not use characters that GS1 data can contain'],
    [{ ...year, prefixes: ['LOC-'] }, 'prefixes: must be an object of prefix lists by kind, not a list'],
    [{ ...year, prefixes: new Map() }, 'prefixes: must be an object of prefix lists by kind, not an object'],
    [
      { ...year, prefixes: { Location: ['L-'] } },
      'prefixes.Location: must be a lower-case name such as location or tote',
    ],
    [{ ...year, prefixes: { location: 'L-' } }, 'prefixes.location: must be a list of prefixes, not a string'],
    [{ ...year, prefixes: { location: [] } }, 'prefixes.location: must list at least one prefix'],
    [{ ...year, prefixes: { location: Array(21).fill('L-') } }, 'prefixes.location: must list at most 20 prefixes'],
    [{ ...year, prefixes: { location: ['L-', ''] } }, 'prefixes.location.1: must not be empty'],
    [{ ...year, prefixes: { location: ['L'.repeat(33)] } }, 'prefixes.location.0: must be at most 32 characters'],
    [{ ...year, prefixes: { location: ['has space'] } }, 'prefixes.location.0: must be visible ASCII without spaces'],
    [{ ...year, prefixes: { location: ['LÖC-'] } }, 'prefixes.location.0: must be visible ASCII without spaces'],
    [{ ...year, prefixes: manyKinds }, 'prefixes: at most 20 kinds'],
    [{ ...year, prefixes: { location: ['L-'], tote: ['L-'] } }, 'prefixes.tote: prefix L- is also listed for location'],
    [
      { ...year, prefixes: { location: ['L-'], tote: ['l-'] }, prefixIgnoreCase: true },
      'prefixes.tote: prefix l- is also listed for location',
    ],
    [{ ...year, prefixIgnoreCase: 'yes' }, 'prefixIgnoreCase: must be true or false, not a string'],
    [{ ...year, colour: 'red' }, 'options: unknown option colour'],
    [{ ...year, colour: 'red', size: 1 }, 'options: unknown options colour, size'],
  ])('refuses %j: %s', (bad, message) => {
    const [path, ...rest] = message.split(': ');
    expect(checkClassifyScanOptions(bad)).toEqual({ path, message: rest.join(': ') });
    expect(classifyScan('LOC-1', bad as ClassifyScanOptions)).toEqual({
      ok: false,
      error: { code: 'bad_options', message },
    });
    expect(classifyScanOptionsSchema.safeParse(bad).success).toBe(false);
  });

  it('refuses a "__proto__" kind, which zod would skip and the classifier would still match', () => {
    const parsed: unknown = JSON.parse('{"referenceYear":2025,"prefixes":{"__proto__":["X-"]}}');
    expect(checkClassifyScanOptions(parsed)).toEqual({
      path: 'prefixes.__proto__',
      message: 'must be a lower-case name such as location or tote',
    });
  });

  it('takes the options the classifier knows, optional ones left out or undefined', () => {
    const prefixes: Record<string, string[]> = Object.create(null);
    prefixes['location'] = ['LOC-'];
    for (const good of [
      year,
      options,
      { ...year, groupSeparator: undefined, prefixes: undefined, prefixIgnoreCase: undefined },
      { ...year, groupSeparator: '~', prefixes, prefixIgnoreCase: false },
      { ...year, prefixes: { location: ['L-'], tote: ['l-'] } },
      { ...year, prefixes: Object.fromEntries(Object.entries(manyKinds).slice(0, 20)) },
    ]) {
      expect(checkClassifyScanOptions(good), JSON.stringify(good)).toBeUndefined();
    }
  });

  it('agrees with the zod schema the server uses, down to where the first problem is', () => {
    const unitOf = (chars: string) => fc.constantFrom(...chars);
    // Mostly valid parts, so that a problem deep down is often the only one.
    const kind = fc.oneof(
      { arbitrary: fc.constantFrom('location', 'tote', 'badge', 'bin_2'), weight: 8 },
      fc.constantFrom('Location', '1a', 'a'.repeat(33), 'toString'),
      fc.string({ unit: unitOf('ab_1-'), maxLength: 3 }),
    );
    const prefix = fc.oneof(
      { arbitrary: fc.string({ unit: unitOf('Ll-'), minLength: 1, maxLength: 2 }), weight: 8 },
      fc.string({ unit: unitOf('L- ~é'), maxLength: 3 }),
      fc.constantFrom('L'.repeat(32), 'L'.repeat(33), 5, null),
    );
    const list = fc.oneof(
      { arbitrary: fc.array(prefix, { maxLength: 3 }), weight: 8 },
      fc.array(fc.constant('X'), { minLength: 19, maxLength: 22 }),
      fc.constantFrom('L-', undefined),
    );
    const prefixes = fc.oneof(
      { arbitrary: fc.dictionary(kind, list, { maxKeys: 4 }), weight: 8 },
      fc
        .integer({ min: 19, max: 22 })
        .map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, [`P${i}-`]]))),
      fc.constantFrom([], null, 'location', new Map()),
    );
    const arbitraryOptions = fc.oneof(
      fc
        .record(
          {
            referenceYear: fc.oneof(
              { arbitrary: fc.integer({ min: 900, max: 9100 }), weight: 8 },
              fc.double(),
              fc.constantFrom('2025', undefined, Infinity),
            ),
            groupSeparator: fc.oneof(
              { arbitrary: fc.string({ unit: unitOf('~|A \x1d'), maxLength: 9 }), weight: 8 },
              fc.constant(29),
            ),
            prefixes,
            prefixIgnoreCase: fc.oneof({ arbitrary: fc.boolean(), weight: 8 }, fc.constantFrom('yes', 1)),
            colour: fc.constant('red'),
          },
          { requiredKeys: [] },
        )
        .map(({ colour, ...o }) => ({
          // referenceYear mostly there (the cases below would all stop at it), an unknown key seldom.
          ...('referenceYear' in o || colour ? o : { ...o, referenceYear: 2025 }),
          ...('groupSeparator' in o && colour ? { colour } : {}),
        })),
      fc.constantFrom(null, [], 'options', 7),
    );
    fc.assert(
      fc.property(arbitraryOptions, (candidate) => {
        const zod = classifyScanOptionsSchema.safeParse(candidate);
        const problem = checkClassifyScanOptions(candidate);
        if (zod.success) expect(problem).toBeUndefined();
        else expect(problem?.path).toBe(zod.error.issues[0]!.path.join('.') || 'options');
      }),
      { numRuns: 5000 },
    );
  });
});

describe('classifyScan on hostile input', () => {
  it('stays linear on the longest inputs it accepts', () => {
    const n = MAX_SCAN_LENGTH - 20;
    const inputs = [
      '('.repeat(n),
      `(10)${'\\('.repeat(n / 2 - 4)}`,
      `(10)A${'(9'.repeat(n / 2 - 4)}`,
      `https://a/${'01/'.repeat(n / 3 - 4)}`,
      `https://a/01/09506000134352?${'17=251231&'.repeat(n / 10 - 4)}`,
      `https://a/${'%'.repeat(n - 10)}`,
      `]C1${GS.repeat(n)}`,
      `]C1${'0109506000134352'.repeat(n / 16 - 1)}`,
      `${'\r\n'.repeat(n / 2)}x`,
      `${'~'.repeat(n)}`,
      '0'.repeat(n),
      `LOC${'-'.repeat(n)}`,
    ];
    const started = performance.now();
    for (const raw of inputs) {
      expectWellFormed(raw, classifyScan(raw, { ...options, groupSeparator: '~' }));
      expectWellFormed(raw, classifyScan(raw, { ...options, prefixIgnoreCase: true }));
    }
    // Generous: a quadratic path would take seconds here, a linear one a few milliseconds.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('classifyScan on encoded GS1 data', () => {
  it('classifies every valid element string, bracketed form and Digital Link as GS1', () => {
    fc.assert(
      fc.property(validElementList(), validDigitalLinkElements(), (elements, linked) => {
        const forms = [
          encodeElementString(elements, { symbologyIdentifier: ']C1' }),
          encodeElementString(elements, { symbologyIdentifier: ']d2' }),
          encodeBracketed(elements),
          encodeDigitalLink(linked),
        ];
        for (const form of forms) {
          if (!form.ok) throw new Error(form.error.message);
          expect(classifyScan(`${form.value}\r\n`, { referenceYear: 2025 })).toMatchObject({
            ok: true,
            value: { kind: 'gs1' },
          });
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('classifyScan never throws', () => {
  const prefixes = fc.dictionary(
    fc.constantFrom('location', 'tote', 'badge', 'cart'),
    fc.uniqueArray(
      fc.string({ unit: fc.constantFrom('A', 'B', 'L', '-', '0', '1', ']', '('), minLength: 1, maxLength: 4 }),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
  );
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
    fc.string({
      unit: fc.constantFrom(
        '0',
        '1',
        '7',
        '9',
        '00',
        '01',
        '17',
        'L',
        '-',
        '(',
        ')',
        GS,
        '~',
        ']C0',
        ']C1',
        ']E0',
        ']d2',
        'https://a/',
        '/',
        '?',
        '=',
        '%',
        '\r',
        '\n',
      ),
      maxLength: 40,
    }),
  );

  it('on arbitrary unicode, with arbitrary prefixes', () => {
    fc.assert(
      fc.property(
        anyText,
        prefixes,
        fc.boolean(),
        fc.option(fc.constantFrom('~', '|'), { nil: undefined }),
        (raw, p, ignoreCase, sep) => {
          const result = classifyScan(raw, {
            referenceYear: 2025,
            prefixes: p,
            prefixIgnoreCase: ignoreCase,
            ...(sep ? { groupSeparator: sep } : {}),
          });
          expectWellFormed(raw, result);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('with arbitrary options', () => {
    fc.assert(
      fc.property(fc.string(), fc.anything(), (raw, junk) => {
        expectWellFormed(raw, classifyScan(raw, junk as ClassifyScanOptions));
      }),
    );
  });
});

/**
 * The ZXing black-box corpus shared with the decoder work: real barcodes' decoded text. It lives
 * outside the repository, at ../../../shared/barcodes from this package (packages/domain), i.e.
 * beside the repository root; BARCODE_CORPUS_DIR overrides that.
 */
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const corpusDir = process.env.BARCODE_CORPUS_DIR ?? join(packageRoot, '../../../shared/barcodes');
const corpus = existsSync(corpusDir)
  ? readdirSync(corpusDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) =>
        readdirSync(join(corpusDir, d.name))
          .filter((f) => f.endsWith('.txt'))
          .sort()
          .map((f) => ({
            folder: d.name,
            file: `${d.name}/${f}`,
            text: readFileSync(join(corpusDir, d.name, f), 'utf8'),
          })),
      )
  : [];

describe.skipIf(corpus.length === 0)(`real barcode texts in ${corpusDir}`, () => {
  it.each(corpus)('$file classifies without error', ({ folder, text }) => {
    const result = classifyScan(text, options);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    const digits = text.trim();
    if (/^(ean13|itf)/.test(folder) && /^[0-9]+$/.test(digits) && isValidGtin(digits)) {
      expect(result).toMatchObject({ ok: true, value: { kind: 'gtin', gtin: digits.padStart(14, '0') } });
    }
  });

  it('finds GTINs among the EAN-13 and ITF-14 samples', () => {
    const gtins = corpus.filter(({ text }) => {
      const result = classifyScan(text, options);
      return result.ok && result.value.kind === 'gtin';
    });
    expect(gtins.length).toBeGreaterThan(0);
  });
});

it.runIf(corpus.length === 0)(
  `skips the real barcode texts: no corpus at ${corpusDir} (set BARCODE_CORPUS_DIR)`,
  () => {
    expect(existsSync(corpusDir)).toBe(false);
  },
);
