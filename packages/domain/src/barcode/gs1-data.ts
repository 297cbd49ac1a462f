import type { Gs1Element, Gs1Error } from './gs1-element.ts';

/**
 * What a GS1 scan means to the warehouse: the elements in the order they came, plus the handful of
 * facts flows ask for by name. Everything else stays reachable through `elements`.
 */
export type Gs1Data = {
  /** Which of the three written forms the data arrived in. */
  form: 'element_string' | 'bracketed' | 'digital_link';
  /** The AIM symbology identifier the scanner sent, e.g. "]C1", when it sent one. */
  symbology?: string;
  /** For a Digital Link: scheme, domain and any path before the primary key. */
  uriStem?: string;
  elements: Gs1Element[];
  /** (00) */
  sscc?: string;
  /** (01), always fourteen digits. */
  gtin?: string;
  /** (02) the GTIN of the trade items inside a logistic unit. */
  contentGtin?: string;
  /** (10) */
  lot?: string;
  /** (21) */
  serial?: string;
  /** (11) ISO date. */
  productionDate?: string;
  /** (13) ISO date. */
  packagingDate?: string;
  /** (15) ISO date. */
  bestBefore?: string;
  /** (16) ISO date. */
  sellBy?: string;
  /** (17) ISO date. */
  expiry?: string;
  /** (310n) kilograms. Pounds (320n) are left in `elements`, not converted. */
  netWeightKg?: number;
  /** (330n) kilograms. */
  grossWeightKg?: number;
  /** (30) items in a variable-measure trade item. */
  variableCount?: number;
  /** (37) trade items in a logistic unit. */
  count?: number;
  /** (400) */
  customerPo?: string;
  /** (410) */
  shipToGln?: string;
  /** (414) */
  locationGln?: string;
  /** (8006) */
  itip?: { gtin: string; piece: number; total: number };
};

type Facts = Omit<Gs1Data, 'form' | 'symbology' | 'uriStem' | 'elements'>;
type FactName = keyof Facts;

function factOf(element: Gs1Element): { name: FactName; value: Facts[FactName] } | undefined {
  const { ai } = element;
  const text = typeof element.value === 'string' ? element.value : undefined;
  const number = typeof element.value === 'number' ? element.value : undefined;
  switch (ai) {
    case '00':
      return { name: 'sscc', value: text };
    case '01':
      return { name: 'gtin', value: text };
    case '02':
      return { name: 'contentGtin', value: text };
    case '10':
      return { name: 'lot', value: text };
    case '21':
      return { name: 'serial', value: text };
    case '11':
      return { name: 'productionDate', value: text };
    case '13':
      return { name: 'packagingDate', value: text };
    case '15':
      return { name: 'bestBefore', value: text };
    case '16':
      return { name: 'sellBy', value: text };
    case '17':
      return { name: 'expiry', value: text };
    case '30':
      return { name: 'variableCount', value: Number(element.raw) };
    case '37':
      return { name: 'count', value: Number(element.raw) };
    case '400':
      return { name: 'customerPo', value: text };
    case '410':
      return { name: 'shipToGln', value: text };
    case '414':
      return { name: 'locationGln', value: text };
    case '8006':
      return {
        name: 'itip',
        value: {
          gtin: element.raw.slice(0, 14),
          piece: Number(element.raw.slice(14, 16)),
          total: Number(element.raw.slice(16, 18)),
        },
      };
  }
  if (/^310[0-5]$/.test(ai)) return { name: 'netWeightKg', value: number };
  if (/^330[0-5]$/.test(ai)) return { name: 'grossWeightKg', value: number };
  return undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Builds the facts from the elements. The same fact given twice must agree: a label that says two
 * different expiry dates, or a net weight in both 3102 and 3103 that differ, is refused rather than
 * resolved by whichever came first.
 */
export function summariseGs1(
  elements: Gs1Element[],
  context: Pick<Gs1Data, 'form' | 'symbology' | 'uriStem'>,
  positions: readonly (number | undefined)[] = [],
): { ok: true; value: Gs1Data } | { ok: false; error: Gs1Error } {
  const facts: Partial<Record<FactName, unknown>> = {};
  const from: Partial<Record<FactName, string>> = {};
  const rawByAi = new Map<string, string>();
  for (const [index, element] of elements.entries()) {
    const position = positions[index];
    const conflict = (earlier: string): { ok: false; error: Gs1Error } => ({
      ok: false,
      error: {
        code: 'conflicting_ai',
        message: `(${element.ai}) says ${element.raw} but (${earlier}) already said otherwise`,
        ai: element.ai,
        ...(position === undefined ? {} : { position }),
      },
    });
    // GS1 allows an AI to repeat only with the same data.
    const earlierRaw = rawByAi.get(element.ai);
    if (earlierRaw !== undefined && earlierRaw !== element.raw) return conflict(element.ai);
    rawByAi.set(element.ai, element.raw);
    const fact = factOf(element);
    if (!fact || fact.value === undefined) continue;
    if (fact.name in facts && !same(facts[fact.name], fact.value)) return conflict(from[fact.name] ?? element.ai);
    facts[fact.name] = fact.value;
    from[fact.name] = element.ai;
  }
  const data: Gs1Data = { form: context.form, elements, ...(facts as Facts) };
  if (context.symbology !== undefined) data.symbology = context.symbology;
  if (context.uriStem !== undefined) data.uriStem = context.uriStem;
  return { ok: true, value: data };
}
