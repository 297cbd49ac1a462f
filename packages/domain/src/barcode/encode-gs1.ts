import { lookupAi, requiresSeparator } from './gs1-application-identifiers.ts';
import { DEFAULT_DIGITAL_LINK_STEM, percentEncodeDigitalLinkValue, planDigitalLink } from './gs1-digital-link.ts';
import { checkField, type Gs1ElementInput, type Gs1Error, type Gs1Result } from './gs1-element.ts';
import { checkGroupSeparator, GS, gs1SymbologyIdentifiers } from './parse-gs1.ts';

/**
 * Writes elements back out in the three forms the parser reads: for label generation, and so the
 * round trip encode -> parse can be tested. Elements are checked by the same rules the parser
 * applies, so nothing is written that this product would refuse to read. Element order is kept
 * (except that a Digital Link puts its key and qualifiers in the path); GS1 recommends fixed-length
 * elements first, which is the caller's choice to make.
 */

const fail = (error: Gs1Error): { ok: false; error: Gs1Error } => ({ ok: false, error });

function check(elements: readonly Gs1ElementInput[]): Gs1Error | undefined {
  if (!Array.isArray(elements) || elements.length === 0) return { code: 'empty', message: 'nothing to encode' };
  const rawByAi = new Map<string, string>();
  for (const element of elements) {
    const ai = typeof element?.ai === 'string' ? element.ai : '';
    const raw = typeof element?.raw === 'string' ? element.raw : '';
    const def = lookupAi(ai);
    if (!def) return { code: 'unknown_ai', message: `unknown AI (${ai})`, ai };
    const problem = checkField(def, raw);
    if (problem) return { code: problem.code, message: problem.message, ai };
    const earlier = rawByAi.get(ai);
    if (earlier !== undefined && earlier !== raw) {
      return { code: 'conflicting_ai', message: `(${ai}) is given twice with different data`, ai };
    }
    rawByAi.set(ai, raw);
  }
  return undefined;
}

function guarded(run: () => Gs1Result<string>): Gs1Result<string> {
  try {
    return run();
  } catch (error) {
    return fail({
      code: 'internal',
      message: `the GS1 encoder failed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

export type ElementStringOptions = {
  /** Put in front, as a scanner would transmit it, e.g. "]C1" or "]d2". */
  symbologyIdentifier?: string;
  /** Written for FNC1 instead of GS, to imitate a keyboard-wedge scanner. */
  groupSeparator?: string;
};

/**
 * The element string as a scanner transmits it: FNC1 as GS after every element whose length is not
 * predefined by its AI, except the last (GS1 General Specifications 5.10.1).
 */
export function encodeElementString(
  elements: readonly Gs1ElementInput[],
  options: ElementStringOptions = {},
): Gs1Result<string> {
  return guarded(() => {
    const problem = check(elements);
    if (problem) return fail(problem);
    const symbology = options?.symbologyIdentifier;
    if (symbology !== undefined && !gs1SymbologyIdentifiers.includes(symbology)) {
      return fail({ code: 'bad_options', message: `${symbology} is not a GS1 symbology identifier` });
    }
    const separatorProblem =
      options?.groupSeparator === undefined ? undefined : checkGroupSeparator(options.groupSeparator);
    if (separatorProblem) return fail({ code: 'bad_options', message: separatorProblem });
    const separator = options?.groupSeparator ?? GS;
    let out = symbology ?? '';
    elements.forEach((element, index) => {
      out += element.ai + element.raw;
      if (index < elements.length - 1 && requiresSeparator(element.ai)) out += separator;
    });
    return { ok: true, value: out };
  });
}

/** The human-readable form, `(01)09506000134352(10)ABC123`, with "(" in data escaped as "\(". */
export function encodeBracketed(elements: readonly Gs1ElementInput[]): Gs1Result<string> {
  return guarded(() => {
    const problem = check(elements);
    if (problem) return fail(problem);
    return { ok: true, value: elements.map((e) => `(${e.ai})${e.raw.replaceAll('(', '\\(')}`).join('') };
  });
}

export type DigitalLinkOptions = {
  /** Scheme, domain and optional path before the key; GS1's own resolver unless the brand has one. */
  stem?: string;
};

/** http(s), a host and an optional path, in URI characters only: no query, no fragment. */
const STEM = /^https?:\/\/[A-Za-z0-9\-._~:@!$&'()*+,;=%[\]]+(\/[A-Za-z0-9\-._~:@!$&'()*+,;=%/]*)?$/i;
const MAX_STEM_LENGTH = 1024;

/**
 * A GS1 Digital Link URI: the first primary key (GTIN, SSCC, GLN, ...) and its qualifiers in the
 * path, in the order the standard gives; every other element as a query parameter.
 */
export function encodeDigitalLink(
  elements: readonly Gs1ElementInput[],
  options: DigitalLinkOptions = {},
): Gs1Result<string> {
  return guarded(() => {
    const problem = check(elements);
    if (problem) return fail(problem);
    let stem = typeof options?.stem === 'string' ? options.stem : DEFAULT_DIGITAL_LINK_STEM;
    while (stem.endsWith('/') && stem.length <= MAX_STEM_LENGTH) stem = stem.slice(0, -1);
    if (stem.length > MAX_STEM_LENGTH || !STEM.test(stem))
      return fail({ code: 'bad_options', message: 'the stem must be an http(s) URL without query or fragment' });
    const plan = planDigitalLink(elements);
    if (!plan) {
      return fail({
        code: 'no_primary_key',
        message: 'a Digital Link needs a primary key such as (01) GTIN or (00) SSCC',
      });
    }
    const path = plan.path.map((e) => `/${e.ai}/${percentEncodeDigitalLinkValue(e.raw)}`).join('');
    const query = plan.query.map((e) => `${e.ai}=${percentEncodeDigitalLinkValue(e.raw)}`).join('&');
    return { ok: true, value: `${stem}${path}${query ? `?${query}` : ''}` };
  });
}
