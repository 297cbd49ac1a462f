import { db } from '../db/db.ts';
import { interpretPackResult } from '../features/pack/engine/pack-results.ts';
import { interpretPickResult } from '../features/pick/engine/interpret-pick-result.ts';
import { reapplyPending } from '../features/pick/engine/pick-mutations.ts';
import { picklistFromServer } from '../features/pick/engine/picklist-from-server.ts';
import { scanOptionsAt } from '../features/pick/engine/scan-options.ts';
import { createSyncService } from '../features/sync/sync-service.ts';

/**
 * The page's long-lived services, wired here so features stay independent of each other: sync
 * knows nothing of picking except through this adapter.
 */
export const syncService = createSyncService(db, {
  fromServer: picklistFromServer,
  reapply: (serverState, pending, display) =>
    reapplyPending(serverState, pending, scanOptionsAt(new Date(), display.timezone)),
  interpret: (row, result) =>
    row.name.startsWith('pack.') ? interpretPackResult(db)(row, result) : interpretPickResult(row, result),
});
