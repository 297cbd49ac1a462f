import type { CachedPicklist } from '../../../db/db-types.ts';

/** A picklist's name, or the tail of its id: enough to tell two apart on a 360 px screen. */
export function picklistLabel(picklist: Pick<CachedPicklist, 'picklist_id' | 'display'>): string {
  return picklist.display.name ?? `Picklist …${picklist.picklist_id.slice(-6)}`;
}
