import { useCallback, useEffect, useRef, useState } from 'react';
import { db } from '../../../db/db.ts';
import { describeError } from '../engine/describe-error.ts';
import { pollLabels } from '../engine/label-poller.ts';
import { refreshStationCache, refreshStations } from '../engine/pack-cache.ts';
import { settleUnanswered } from '../engine/pack-results.ts';

/** How often the bench looks for labels and unanswered packages; each label has its own backoff on top. */
const TICK_MS = 3_000;
/** The queue is fetched again this often while online, so work picked meanwhile shows up. */
const QUEUE_REFRESH_MS = 60_000;

/**
 * The pack screen's background work while it is open: fill the offline cache while online (stations,
 * the station's queue and box sizes), look for labels of synced packages (online only), and settle
 * packages whose answer went missing. The outbox itself is flushed by the sync service.
 */
export function usePackBackground(token: string, stationId: string | null, online: boolean) {
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lastQueueFetch = useRef(0);
  const ticking = useRef(false);

  const refreshQueue = useCallback(async () => {
    if (!stationId) return;
    lastQueueFetch.current = Date.now();
    try {
      await refreshStationCache(db, token, stationId, new Date());
      setError(null);
    } catch (e) {
      setError(`Could not load the orders waiting here: ${describeError(e)}`);
    }
  }, [token, stationId]);

  const refreshAll = useCallback(async () => {
    setLoading(true);
    try {
      await refreshStations(db, token);
      setError(null);
    } catch (e) {
      setError(`Could not load the pack stations: ${describeError(e)}`);
    } finally {
      setLoading(false);
    }
    await refreshQueue();
  }, [token, refreshQueue]);

  useEffect(() => {
    if (online) void refreshAll();
  }, [online, refreshAll]);

  useEffect(() => {
    const tick = async () => {
      if (ticking.current) return;
      ticking.current = true;
      try {
        await settleUnanswered(db, new Date());
        if (!navigator.onLine) return;
        await pollLabels(db, token, new Date());
        if (Date.now() - lastQueueFetch.current > QUEUE_REFRESH_MS) await refreshQueue();
      } catch {
        // Background work: the next tick tries again.
      } finally {
        ticking.current = false;
      }
    };
    const timer = window.setInterval(() => void tick(), TICK_MS);
    return () => window.clearInterval(timer);
  }, [token, refreshQueue]);

  return { loading, error, refresh: () => void refreshAll() };
}
