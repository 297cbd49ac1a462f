import { useEffect } from 'react';
import type { ScannerDb } from '../../db/scanner-db.ts';
import { renewDeviceKey } from './api/device-api.ts';
import { renewDeviceKeyIfDue } from './session-actions.ts';

const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * Keeps the handheld's device key fresh while the app is open: checked at start, when the network
 * comes back and hourly, renewed once less than three days are left (session-actions.ts).
 */
export function useDeviceKeyRenewal(db: ScannerDb): void {
  useEffect(() => {
    const check = () => {
      if (navigator.onLine) void renewDeviceKeyIfDue(db, new Date(), renewDeviceKey);
    };
    check();
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    window.addEventListener('online', check);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('online', check);
    };
  }, [db]);
}
