/** "10:42" today, "3 Mar 10:42" before: device time, for people only. */
export function formatTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return 'not yet';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return 'not yet';
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  if (at.toDateString() === now.toDateString()) return time;
  return `${at.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
}
