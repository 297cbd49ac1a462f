export type LocationParts = { aisle: string; bay: string; level: string; position: string };

/** The common bin naming scheme: aisle-bay-level-position, e.g. "A-01-02-03" or "12-004-1-2". */
const structured = /^([A-Za-z0-9]{1,8})-([0-9]{1,4})-([0-9]{1,4})-([0-9]{1,4})$/;

/**
 * Splits a structured bin code into its parts, so a bulk import of thousands of bins need not repeat
 * what the code already says. Codes in any other scheme give undefined and keep only what was sent.
 */
export function parseLocationCode(code: string): LocationParts | undefined {
  const match = structured.exec(code);
  if (!match) return undefined;
  const [, aisle, bay, level, position] = match as unknown as [string, string, string, string, string];
  return { aisle, bay, level, position };
}
