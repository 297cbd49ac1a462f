/**
 * Measuring pushes for `sync-push.bench.ts`: a phase's pushes timed one by one, every answer checked
 * (each mutation `applied`, each scan `accepted`), summed up as scans per second and per CPU-second.
 * In process and over HTTP the CPU is this process's; for the service process it is the service's
 * own, from /proc (`service-process.ts`).
 */
import type { Service } from './service-process.ts';

/** The JSON answers this script reads, loosely typed: it checks what it uses, and fails loudly. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
export type Answer = { status: number; body: Json };

/** CPU seconds (user + system) this process spent since `from`: steadier than the wall clock on a shared machine. */
export const cpuOf = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};

/** The scans a push's answer accepted; throws unless every mutation was `applied`. */
export function acceptedIn(name: string, res: Answer) {
  if (res.status !== 200) throw new Error(`${name}: push answered ${res.status} ${JSON.stringify(res.body)}`);
  let accepted = 0;
  for (const r of res.body.results) {
    if (r.status !== 'applied') throw new Error(`${name}: mutation ${r.seq} ${r.status} ${r.code}`);
    accepted += r.result.scans.filter((s: { status: string }) => s.status === 'accepted').length;
  }
  return accepted;
}
export type Measured = {
  name: string;
  scans: number;
  seconds: number;
  scansPerSecond: number;
  /** Per CPU-second of whoever is measured (this process, or the service's); undefined if unknown. */
  scansPerCpuSecond: number | undefined;
  p50: number;
  p99: number;
};
export function summary(
  name: string,
  accepted: number,
  sent: number,
  seconds: number,
  cpuSeconds: number | undefined,
  latencies: number[],
): Measured {
  if (accepted !== sent) throw new Error(`${name}: ${accepted} of ${sent} scans accepted`);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  return {
    name,
    scans: accepted,
    seconds,
    scansPerSecond: accepted / seconds,
    scansPerCpuSecond: cpuSeconds === undefined ? undefined : accepted / cpuSeconds,
    p50: pct(50),
    p99: pct(99),
  };
}

export type PushOnce = (mutations: unknown[]) => Promise<Answer>;
export async function measure(name: string, pushOnce: PushOnce, work: { batches: unknown[][]; scans: number }) {
  const latencies: number[] = [];
  let accepted = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (const mutations of work.batches) {
    const t0 = performance.now();
    const res = await pushOnce(mutations);
    latencies.push(performance.now() - t0);
    accepted += acceptedIn(name, res);
  }
  const seconds = (performance.now() - started) / 1000;
  return summary(name, accepted, work.scans, seconds, cpuOf(cpuStarted), latencies);
}

/** The service phase's figures, and beside them what the bench itself spent and what the service logged. */
export type ServiceMeasured = Measured & { benchCpuSeconds: number; logLines: number; pushes: number };

/**
 * Handhelds pushing to the service process at once, each with one push in flight (it waits for the
 * answer, as the PWA does). The bodies are built beforehand; the CPU is the service's, from /proc.
 */
export async function measureService(
  name: string,
  service: Service,
  /** The API's base path on the service's origin (`/v1/fulfillment`). */
  base: string,
  load: { handheld: { token: string }; bodies: string[] }[],
  scans: number,
): Promise<ServiceMeasured> {
  const url = `${service.origin}${base}/sync/push`;
  const latencies: number[] = [];
  let accepted = 0;
  const started = performance.now();
  const serviceCpuStarted = service.cpuSeconds();
  const benchCpuStarted = process.cpuUsage();
  const logLinesStarted = service.stdoutLines();
  await Promise.all(
    load.map(async ({ handheld, bodies }) => {
      for (const body of bodies) {
        const t0 = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          headers: { Authorization: `Bearer ${handheld.token}`, 'Content-Type': 'application/json' },
          body,
        });
        const answer = { status: res.status, body: (await res.json()) as Json };
        latencies.push(performance.now() - t0);
        accepted += acceptedIn(name, answer);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const serviceCpuEnded = service.cpuSeconds();
  const benchCpuSeconds = cpuOf(benchCpuStarted);
  const cpuSeconds =
    serviceCpuStarted === undefined || serviceCpuEnded === undefined ? undefined : serviceCpuEnded - serviceCpuStarted;
  const logLines = service.stdoutLines() - logLinesStarted; // pino's, at the service's default level
  const pushes = latencies.length;
  return { ...summary(name, accepted, scans, seconds, cpuSeconds, latencies), benchCpuSeconds, logLines, pushes };
}
