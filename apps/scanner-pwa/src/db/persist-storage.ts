/**
 * Asks the browser not to evict our data under storage pressure: the outbox holds picks nobody
 * else has a record of yet (rule 5). Chrome grants it silently to installed or engaged sites.
 */
export async function requestPersistentStorage(
  storage: StorageManager | undefined = navigator.storage,
): Promise<boolean> {
  if (!storage?.persist) return false;
  try {
    if (await storage.persisted()) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}
