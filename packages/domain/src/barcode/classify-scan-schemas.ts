import { z } from 'zod';
import {
  duplicatePrefixMessage,
  GROUP_SEPARATOR_MESSAGE,
  MAX_GROUP_SEPARATOR_LENGTH,
  MAX_PREFIX_KINDS,
  MAX_PREFIX_KINDS_MESSAGE,
  MAX_PREFIX_LENGTH,
  MAX_PREFIXES_PER_KIND,
  PREFIX_KIND_NAME,
  PREFIX_KIND_NAME_MESSAGE,
  PREFIX_TEXT,
  PREFIX_TEXT_MESSAGE,
} from './classify-scan.ts';
import { isCset82 } from './gs1-application-identifiers.ts';
import { MAX_REFERENCE_YEAR, MIN_REFERENCE_YEAR } from './gs1-dates.ts';

/**
 * The scan classifier's options as a zod schema, for the server (settings, API documents). Kept out of
 * classify-scan.ts, which checks its options by hand (`checkClassifyScanOptions`), so that the handheld's
 * first download holds no zod; a test holds the two to the same verdicts.
 */

const kindName = z.string().regex(PREFIX_KIND_NAME, PREFIX_KIND_NAME_MESSAGE);
const prefix = z.string().min(1).max(MAX_PREFIX_LENGTH).regex(PREFIX_TEXT, PREFIX_TEXT_MESSAGE);

export const classifyScanOptionsSchema = z
  .strictObject({
    /** The current year, for the GS1 century rule; the caller owns the clock. */
    referenceYear: z.number().int().min(MIN_REFERENCE_YEAR).max(MAX_REFERENCE_YEAR),
    /** What the scanner types for FNC1 when it cannot send GS (keyboard-wedge set-ups). */
    groupSeparator: z
      .string()
      .min(1)
      .max(MAX_GROUP_SEPARATOR_LENGTH)
      .refine((s) => ![...s].some((c) => isCset82(c)), GROUP_SEPARATOR_MESSAGE)
      .optional(),
    /** Label prefixes by kind, e.g. { location: ['LOC-'], tote: ['TOTE-', 'T-'] }. */
    prefixes: z
      .record(kindName, z.array(prefix).min(1).max(MAX_PREFIXES_PER_KIND))
      .refine((p) => Object.keys(p).length <= MAX_PREFIX_KINDS, MAX_PREFIX_KINDS_MESSAGE)
      .optional(),
    /** Match prefixes regardless of case: keyboard-wedge scanners type with Caps Lock too. */
    prefixIgnoreCase: z.boolean().optional(),
  })
  .superRefine((options, ctx) => {
    const seen = new Map<string, string>();
    for (const [kind, list] of Object.entries(options.prefixes ?? {})) {
      for (const p of list) {
        const key = options.prefixIgnoreCase ? p.toUpperCase() : p;
        const other = seen.get(key);
        if (other !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['prefixes', kind], message: duplicatePrefixMessage(p, other) });
        }
        seen.set(key, kind);
      }
    }
  });
