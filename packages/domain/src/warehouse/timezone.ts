/** Zone names only: `Intl` would also take UTC offsets such as "+01:00", which are not IANA zones. */
const ianaShape = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/**
 * The runtime's own IANA database decides, so the handheld and the server agree with the clock code
 * that will later format times in this zone. The name is kept as sent and never "canonicalised":
 * ICU resolves current names to legacy ones (Asia/Kolkata → Asia/Calcutta, Europe/Kyiv → Europe/Kiev).
 */
export function isTimeZone(name: string): boolean {
  if (name.length > 64 || !ianaShape.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
