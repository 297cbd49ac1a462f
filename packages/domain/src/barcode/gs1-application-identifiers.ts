/**
 * The GS1 Application Identifiers the product understands, after the GS1 General Specifications
 * section 3 and the GS1 Barcode Syntax Dictionary. Not every AI GS1 has defined is here: the ones a
 * warehouse meets on trade items, cases, pallets and their paperwork are. An AI outside this table
 * is refused as unknown rather than guessed at, because guessing its length would misread every
 * element after it.
 */

/**
 * - numeric: digits, kept as text (leading zeros matter in keys)
 * - alphanumeric: GS1 "CSET 82" characters, optionally after a run of digits (`numericPrefixLength`)
 * - date: YYMMDD, DD=00 meaning "that month"
 * - decimal: six digits with an implied decimal point; the last digit of the AI counts the decimals
 */
export type AiDataType = 'numeric' | 'alphanumeric' | 'date' | 'decimal';

export type AiDefinition = {
  readonly ai: string;
  /** The GS1 data title, as printed under barcodes: "GTIN", "BATCH/LOT", "NET WEIGHT (kg)". */
  readonly title: string;
  readonly description: string;
  readonly type: AiDataType;
  /** Length of the data field, without the AI. Fixed-length fields have min = max. */
  readonly minLength: number;
  readonly maxLength: number;
  /** For `decimal`: digits after the implied decimal point. */
  readonly decimals?: number;
  /** The first N characters are digits ending in a GS1 mod-10 check digit (a GS1 key). */
  readonly checkDigitLength?: number;
  /** For `alphanumeric`: the first N characters must be digits (e.g. a country code, a GLN). */
  readonly numericPrefixLength?: number;
  /** Rules beyond length, character set and check digit. */
  readonly rule?: 'piece_of_total' | 'leading_zero';
  /**
   * Set when the AI is a GS1 Digital Link primary key: the ordered key qualifiers allowed after it
   * in the URI path, one list per alternative (GTIN takes 22/10/21, or 235 alone).
   */
  readonly digitalLinkQualifiers?: readonly (readonly string[])[];
};

type Extra = Partial<Pick<AiDefinition, 'checkDigitLength' | 'numericPrefixLength' | 'rule' | 'digitalLinkQualifiers'>>;

const numeric = (ai: string, title: string, description: string, length: number, extra: Extra = {}): AiDefinition => ({
  ai,
  title,
  description,
  type: 'numeric',
  minLength: length,
  maxLength: length,
  ...extra,
});

const numericUpTo = (ai: string, title: string, description: string, max: number): AiDefinition => ({
  ai,
  title,
  description,
  type: 'numeric',
  minLength: 1,
  maxLength: max,
});

const text = (
  ai: string,
  title: string,
  description: string,
  min: number,
  max: number,
  extra: Extra = {},
): AiDefinition => ({
  ai,
  title,
  description,
  type: 'alphanumeric',
  minLength: min,
  maxLength: max,
  ...extra,
});

const date = (ai: string, title: string, description: string): AiDefinition => ({
  ai,
  title,
  description,
  type: 'date',
  minLength: 6,
  maxLength: 6,
});

/** A measure AI family such as 310n: six AIs, n = 0-5 decimals. */
const measure = (family: string, title: string, description: string): AiDefinition[] =>
  [0, 1, 2, 3, 4, 5].map((decimals) => ({
    ai: `${family}${decimals}`,
    title,
    description,
    type: 'decimal',
    minLength: 6,
    maxLength: 6,
    decimals,
  }));

const gln = (ai: string, title: string, description: string, extra: Extra = {}) =>
  numeric(ai, title, description, 13, { checkDigitLength: 13, ...extra });

const internal = (ai: string) => text(ai, 'INTERNAL', 'Company internal information', 1, 90);

export const gs1ApplicationIdentifiers: readonly AiDefinition[] = [
  numeric('00', 'SSCC', 'Serial Shipping Container Code (SSCC)', 18, {
    checkDigitLength: 18,
    digitalLinkQualifiers: [[]],
  }),
  numeric('01', 'GTIN', 'Global Trade Item Number (GTIN)', 14, {
    checkDigitLength: 14,
    digitalLinkQualifiers: [['22', '10', '21'], ['235']],
  }),
  numeric('02', 'CONTENT', 'GTIN of contained trade items', 14, { checkDigitLength: 14 }),
  text('10', 'BATCH/LOT', 'Batch or lot number', 1, 20),
  date('11', 'PROD DATE', 'Production date (YYMMDD)'),
  date('12', 'DUE DATE', 'Due date (YYMMDD)'),
  date('13', 'PACK DATE', 'Packaging date (YYMMDD)'),
  date('15', 'BEST BEFORE or BEST BY', 'Best before date (YYMMDD)'),
  date('16', 'SELL BY', 'Sell by date (YYMMDD)'),
  date('17', 'USE BY or EXPIRY', 'Expiration date (YYMMDD)'),
  numeric('20', 'VARIANT', 'Internal product variant', 2),
  text('21', 'SERIAL', 'Serial number', 1, 20),
  text('22', 'CPV', 'Consumer product variant', 1, 20),
  text('235', 'TPX', 'Third-party controlled, serialised extension of GTIN', 1, 28),
  text('240', 'ADDITIONAL ID', 'Additional product identification assigned by the manufacturer', 1, 30),
  text('241', 'CUST. PART No.', 'Customer part number', 1, 30),
  numericUpTo('242', 'MTO VARIANT', 'Made-to-Order variation number', 6),
  text('250', 'SECONDARY SERIAL', 'Secondary serial number', 1, 30),
  text('251', 'REF. TO SOURCE', 'Reference to source entity', 1, 30),
  text('253', 'GDTI', 'Global Document Type Identifier (GDTI)', 13, 30, {
    numericPrefixLength: 13,
    checkDigitLength: 13,
    digitalLinkQualifiers: [[]],
  }),
  text('254', 'GLN EXTENSION COMPONENT', 'GLN extension component', 1, 20),
  numericUpTo('30', 'VAR. COUNT', 'Variable count of items', 8),
  ...measure('310', 'NET WEIGHT (kg)', 'Net weight, kilograms'),
  ...measure('311', 'LENGTH (m)', 'Length or first dimension, metres'),
  ...measure('312', 'WIDTH (m)', 'Width, diameter or second dimension, metres'),
  ...measure('313', 'HEIGHT (m)', 'Depth, thickness, height or third dimension, metres'),
  ...measure('315', 'NET VOLUME (l)', 'Net volume, litres'),
  ...measure('316', 'NET VOLUME (m³)', 'Net volume, cubic metres'),
  ...measure('320', 'NET WEIGHT (lb)', 'Net weight, pounds'),
  ...measure('330', 'GROSS WEIGHT (kg)', 'Logistic weight, kilograms'),
  ...measure('331', 'LENGTH (m), log', 'Length or first dimension, metres, logistics'),
  ...measure('332', 'WIDTH (m), log', 'Width, diameter or second dimension, metres, logistics'),
  ...measure('333', 'HEIGHT (m), log', 'Depth, thickness, height or third dimension, metres, logistics'),
  ...measure('335', 'VOLUME (l), log', 'Logistic volume, litres'),
  ...measure('336', 'VOLUME (m³), log', 'Logistic volume, cubic metres'),
  ...measure('340', 'GROSS WEIGHT (lb)', 'Logistic weight, pounds'),
  numericUpTo('37', 'COUNT', 'Count of trade items or trade item pieces contained in a logistic unit', 8),
  text('400', 'ORDER NUMBER', "Customer's purchase order number", 1, 30),
  text('401', 'GINC', 'Global Identification Number for Consignment (GINC)', 1, 30, { digitalLinkQualifiers: [[]] }),
  numeric('402', 'GSIN', 'Global Shipment Identification Number (GSIN)', 17, {
    checkDigitLength: 17,
    digitalLinkQualifiers: [[]],
  }),
  text('403', 'ROUTE', 'Routing code', 1, 30),
  gln('410', 'SHIP TO LOC', 'Ship to / deliver to Global Location Number'),
  gln('411', 'BILL TO', 'Bill to / invoice to Global Location Number'),
  gln('412', 'PURCHASE FROM', 'Purchased from Global Location Number'),
  gln('413', 'SHIP FOR LOC', 'Ship for / deliver for / forward to Global Location Number'),
  gln('414', 'LOC No.', 'Identification of a physical location - Global Location Number', {
    digitalLinkQualifiers: [['254'], ['7040']],
  }),
  gln('415', 'PAY TO', 'Global Location Number of the invoicing party', { digitalLinkQualifiers: [['8020']] }),
  gln('416', 'PROD/SERV LOC', 'Global Location Number of the production or service location'),
  gln('417', 'PARTY', 'Party Global Location Number', { digitalLinkQualifiers: [['7040']] }),
  text('420', 'SHIP TO POST', 'Ship to / deliver to postal code within a single postal authority', 1, 20),
  text('421', 'SHIP TO POST', 'Ship to / deliver to postal code with ISO country code', 4, 12, {
    numericPrefixLength: 3,
  }),
  numeric('422', 'ORIGIN', 'Country of origin of a trade item (ISO 3166 numeric)', 3),
  text('7040', 'UIC+EXT', 'GS1 UIC with extension 1 and importer index', 4, 4, { numericPrefixLength: 1 }),
  text('8003', 'GRAI', 'Global Returnable Asset Identifier (GRAI)', 14, 30, {
    numericPrefixLength: 14,
    checkDigitLength: 14,
    rule: 'leading_zero',
    digitalLinkQualifiers: [[]],
  }),
  text('8004', 'GIAI', 'Global Individual Asset Identifier (GIAI)', 1, 30, { digitalLinkQualifiers: [[]] }),
  numeric('8006', 'ITIP', 'Identification of an individual trade item piece (ITIP)', 18, {
    checkDigitLength: 14,
    rule: 'piece_of_total',
    digitalLinkQualifiers: [['22', '10', '21']],
  }),
  numeric('8017', 'GSRN - PROVIDER', 'Global Service Relation Number, provider', 18, {
    checkDigitLength: 18,
    digitalLinkQualifiers: [['8019']],
  }),
  numeric('8018', 'GSRN - RECIPIENT', 'Global Service Relation Number, recipient', 18, {
    checkDigitLength: 18,
    digitalLinkQualifiers: [['8019']],
  }),
  numericUpTo('8019', 'SRIN', 'Service Relation Instance Number (SRIN)', 10),
  text('8020', 'REF No.', 'Payment slip reference number', 1, 25),
  text('90', 'INTERNAL', 'Information mutually agreed between trading partners', 1, 30),
  ...['91', '92', '93', '94', '95', '96', '97', '98', '99'].map(internal),
];

/**
 * Element strings whose length is fixed by the first two digits of the AI (GS1 General
 * Specifications figure 5.10.1-2), total length including the AI. Only these may be followed by
 * the next AI without an FNC1 separator; every other element, even one of fixed length such as
 * (422), must be ended by FNC1 unless it is the last. 03, 04, 14, 18 and 19 are reserved there.
 */
export const predefinedLengthPrefixes: Readonly<Record<string, number>> = {
  '00': 20,
  '01': 16,
  '02': 16,
  '03': 16,
  '04': 18,
  '11': 8,
  '12': 8,
  '13': 8,
  '14': 8,
  '15': 8,
  '16': 8,
  '17': 8,
  '18': 8,
  '19': 8,
  '20': 4,
  '31': 10,
  '32': 10,
  '33': 10,
  '34': 10,
  '35': 10,
  '36': 10,
  '41': 16,
};

const byAi: ReadonlyMap<string, AiDefinition> = new Map(gs1ApplicationIdentifiers.map((d) => [d.ai, d]));

export function lookupAi(ai: string): AiDefinition | undefined {
  return byAi.get(ai);
}

/** True when an FNC1 (GS) must follow this AI's data if another element comes after it. */
export function requiresSeparator(ai: string): boolean {
  return !Object.hasOwn(predefinedLengthPrefixes, ai.slice(0, 2));
}

const DIGIT = /[0-9]/;

/**
 * The AI that starts at `index`, trying two, three and four digits. GS1 allocates AIs so that none
 * is a prefix of another, so at most one can match.
 */
export function findAiAt(data: string, index: number): AiDefinition | undefined {
  for (let length = 2; length <= 4; length++) {
    if (index + length > data.length || !DIGIT.test(data.charAt(index + length - 1))) return undefined;
    const found = byAi.get(data.slice(index, index + length));
    if (found) return found;
  }
  return undefined;
}

/**
 * GS1 "CSET 82", the characters allowed in alphanumeric AI data: ! " % & ' ( ) * + , - . / 0-9
 * : ; < = > ? A-Z _ a-z. No space, no control characters, nothing outside ASCII.
 */
const CSET82 = /^[!"%-?A-Z_a-z]*$/;

export function isCset82(value: string): boolean {
  return CSET82.test(value);
}

/** Index of the first character of `value` outside CSET 82, or -1. */
export function firstNonCset82(value: string): number {
  for (let i = 0; i < value.length; i++) if (!CSET82.test(value.charAt(i))) return i;
  return -1;
}
