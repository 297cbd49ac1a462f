import { type AiDefinition, lookupAi } from './gs1-application-identifiers.ts';
import { type Gs1Data, summariseGs1 } from './gs1-data.ts';
import {
  checkFieldShape,
  decodeField,
  type Gs1Element,
  type Gs1ElementInput,
  type Gs1Error,
  type Gs1Result,
} from './gs1-element.ts';

/**
 * GS1 Digital Link URIs (GS1 Digital Link Standard: URI Syntax), as printed in QR codes and
 * DataMatrix on consumer packs: `https://{any domain}/{optional path}/{key AI}/{key}/{qualifier
 * AI}/{qualifier}...?{AI}={value}&...`. The domain is the brand's business, not ours, so any is
 * accepted; what makes a URL a Digital Link is a GS1 primary key in its path.
 */

export const DEFAULT_DIGITAL_LINK_STEM = 'https://id.gs1.org';

const SCHEME = /^https?:\/\//i;
/** RFC 3986 characters; a Digital Link is plain ASCII with everything else percent-encoded. */
const URI_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
const DIGITS = /^[0-9]+$/;

/**
 * Short names once allowed in place of the AI ("/gtin/..."). Deprecated, never written by us, but
 * still on packaging printed in their day.
 */
const convenienceAlphas: Readonly<Record<string, string>> = {
  cpv: '22',
  gdti: '253',
  giai: '8004',
  ginc: '401',
  gln: '414',
  glnx: '254',
  grai: '8003',
  gsin: '402',
  gsrn: '8018',
  gsrnp: '8017',
  gtin: '01',
  itip: '8006',
  lot: '10',
  party: '417',
  refno: '8020',
  ser: '21',
  srin: '8019',
  sscc: '00',
};

export function looksLikeUrl(text: string): boolean {
  return SCHEME.test(text);
}

function aiOfSegment(segment: string): AiDefinition | undefined {
  if (DIGITS.test(segment)) return lookupAi(segment);
  const ai = Object.hasOwn(convenienceAlphas, segment) ? convenienceAlphas[segment] : undefined;
  return ai === undefined ? undefined : lookupAi(ai);
}

function percentDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Digital Link lets a GTIN be written without its leading zeros (GTIN-8, -12, -13); we store 14. */
function normaliseValue(def: AiDefinition, value: string): string {
  if (def.ai === '01' && DIGITS.test(value) && [8, 12, 13].includes(value.length)) return value.padStart(14, '0');
  return value;
}

/** Whether the qualifiers after a key follow one of its allowed orders (each optional, none repeated). */
export function isAllowedQualifierPath(key: AiDefinition, qualifiers: readonly string[]): boolean {
  return (key.digitalLinkQualifiers ?? []).some((order) => {
    let next = 0;
    for (const ai of qualifiers) {
      const at = order.indexOf(ai, next);
      if (at < 0) return false;
      next = at + 1;
    }
    return true;
  });
}

type Segment = { text: string; position: number };

const fail = (error: Gs1Error): { ok: false; error: Gs1Error } => ({ ok: false, error });

/**
 * Reads a Digital Link. `offset` is where `uri` starts in the text the caller was given (after a
 * symbology identifier), so error positions point into that text. A URL whose path holds no GS1
 * key is `not_gs1`: an ordinary web address, not a broken Digital Link.
 */
export function parseDigitalLink(
  uri: string,
  referenceYear: number,
  context: { symbology?: string; offset?: number } = {},
): Gs1Result<Gs1Data> {
  const offset = context.offset ?? 0;
  const scheme = SCHEME.exec(uri);
  if (!scheme) return fail({ code: 'not_gs1', message: 'not an http(s) URI' });
  let end = uri.length;
  const hash = uri.indexOf('#');
  if (hash >= 0) end = hash;
  const question = uri.slice(0, end).indexOf('?');
  const pathEnd = question >= 0 ? question : end;
  const hostStart = scheme[0].length;
  const slash = uri.slice(hostStart, pathEnd).indexOf('/');
  if (slash < 0) return fail({ code: 'not_gs1', message: 'a URL without a path carries no GS1 key' });

  const segments: Segment[] = [];
  let position = hostStart + slash + 1;
  for (const text of uri.slice(position, pathEnd).split('/')) {
    segments.push({ text, position });
    position += text.length + 1;
  }
  if (segments.length > 0 && segments.at(-1)?.text === '') segments.pop();

  // The key is found from the right, pair by pair: anything left of it is the brand's own path.
  // A pair only counts as the key if its value could be one (a blog's /2024/05/01/post is not a GTIN).
  let keyIndex = -1;
  for (let i = segments.length - 2; i >= 0; i -= 2) {
    const def = aiOfSegment(segments[i]!.text);
    if (!def) break;
    if (!def.digitalLinkQualifiers) continue;
    const value = percentDecode(segments[i + 1]!.text);
    if (value !== undefined && !checkFieldShape(def, normaliseValue(def, value))) {
      keyIndex = i;
      break;
    }
  }
  if (keyIndex < 0) return fail({ code: 'not_gs1', message: 'no GS1 primary key in the URL path' });
  if (!URI_CHARS.test(uri)) {
    return fail({
      code: 'malformed_uri',
      message: 'a Digital Link may hold only URI characters; others must be percent-encoded',
    });
  }
  if (uri.slice(hostStart, hostStart + slash).length === 0) {
    return fail({ code: 'malformed_uri', message: 'the URI has no domain', position: offset + hostStart });
  }

  const elements: Gs1Element[] = [];
  const positions: number[] = [];
  const add = (def: AiDefinition, encoded: string, at: number): Gs1Error | undefined => {
    const decoded = percentDecode(encoded);
    if (decoded === undefined) {
      return {
        code: 'malformed_uri',
        message: `(${def.ai}) has a broken percent-encoding`,
        position: offset + at,
        ai: def.ai,
      };
    }
    const result = decodeField(def, normaliseValue(def, decoded), referenceYear);
    if (!result.ok) return { ...result.problem, position: offset + at, ai: def.ai };
    elements.push(result.element);
    positions.push(offset + at);
    return undefined;
  };

  const pathAis: string[] = [];
  for (let i = keyIndex; i + 1 < segments.length; i += 2) {
    const def = aiOfSegment(segments[i]!.text)!;
    const value = segments[i + 1]!;
    const problem = add(def, value.text, value.position);
    if (problem) return fail(problem);
    pathAis.push(def.ai);
  }
  const key = lookupAi(pathAis[0]!)!;
  if (!isAllowedQualifierPath(key, pathAis.slice(1))) {
    const orders = (key.digitalLinkQualifiers ?? []).map((order) => order.join('/') || 'none').join(' or ');
    return fail({
      code: 'malformed_uri',
      message: `after (${key.ai}) the path may hold ${orders}, in that order; got ${pathAis.slice(1).join('/')}`,
      position: offset + segments[keyIndex]!.position,
    });
  }

  if (question >= 0) {
    let at = question + 1;
    for (const pair of uri.slice(question + 1, end).split('&')) {
      const pairAt = at;
      at += pair.length + 1;
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      // Non-numeric parameters (linkType, context, ...) are for the resolver, not data.
      if (!DIGITS.test(name)) continue;
      const def = lookupAi(name);
      if (!def)
        return fail({ code: 'unknown_ai', message: `unknown AI (${name}) in the query`, position: offset + pairAt });
      const problem = add(def, equals < 0 ? '' : pair.slice(equals + 1), pairAt + name.length + 1);
      if (problem) return fail(problem);
    }
  }

  const uriStem = uri.slice(0, segments[keyIndex]!.position - 1);
  return summariseGs1(elements, { form: 'digital_link', symbology: context.symbology, uriStem }, positions);
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes everything outside the URI unreserved set, as the Digital Link standard advises. */
export function percentEncodeDigitalLinkValue(value: string): string {
  let out = '';
  for (const char of value) {
    if (UNRESERVED.test(char)) out += char;
    else if (char.charCodeAt(0) < 0x80) out += `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
    else out += encodeURIComponent(char);
  }
  return out;
}

/**
 * Splits elements into the URI path (the first primary key, then the qualifiers of the order
 * that fits the most of them) and the query (everything else, in the order given).
 */
export function planDigitalLink<T extends Gs1ElementInput>(
  elements: readonly T[],
): { path: T[]; query: T[] } | undefined {
  const keyIndex = elements.findIndex((e) => lookupAi(e.ai)?.digitalLinkQualifiers !== undefined);
  if (keyIndex < 0) return undefined;
  const key = elements[keyIndex]!;
  const orders = lookupAi(key.ai)?.digitalLinkQualifiers ?? [[]];
  const present = (ai: string) => elements.findIndex((e, i) => i !== keyIndex && e.ai === ai);
  let best: readonly string[] = [];
  for (const order of orders) {
    if (order.filter((ai) => present(ai) >= 0).length > best.filter((ai) => present(ai) >= 0).length) best = order;
  }
  const pathIndexes = [keyIndex, ...best.map(present).filter((i) => i >= 0)];
  return {
    path: pathIndexes.map((i) => elements[i]!),
    query: elements.filter((_, i) => !pathIndexes.includes(i)),
  };
}
