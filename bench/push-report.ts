/**
 * What `sync-push.bench.ts` reports: the JSON it writes to BENCH_JSON (`results/sync-push.json` is one)
 * and the table it prints, with the notes that say where the baseline and the service's figures come from.
 */
import { cpus, loadavg } from 'node:os';
import type { Measured, ServiceMeasured } from './push-measure.ts';
import type { RawInserts } from './raw-inserts.ts';
import type { Service } from './service-process.ts';

/** One run's figures, phase by phase, in the order the bench measures them. */
export type PushRun = {
  /** Mutations per push. */
  batch: number;
  /** Handhelds pushing at once to the service process. */
  handhelds: number;
  inProc: Measured;
  http: Measured;
  wide: Measured;
  engine: Measured;
  serviceRun: ServiceMeasured;
  /** The service process as it ran (stopped by now: its pid and pinning are what the notes say). */
  service: Pick<Service, 'pid' | 'pinning'>;
  /** The baseline: one transaction per mutation, one per `batch` rows. */
  raw: { perMutation: RawInserts; perBatch: RawInserts };
};

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (a: number, b: number) => (a / b).toFixed(3);

/** The object written to BENCH_JSON. */
export function resultOf(run: PushRun) {
  const { inProc, http, wide, engine, serviceRun, service } = run;
  const { perMutation: rawPerMutation, perBatch: rawPerBatch } = run.raw;
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    load_average_1m: Number(loadavg()[0]!.toFixed(2)),
    scans_per_phase: inProc.scans,
    mutations_per_push: run.batch,
    phases: [inProc, http, wide, engine, serviceRun].map((p) => ({
      name: p.name,
      scans_per_second: Math.round(p.scansPerSecond),
      scans_per_cpu_second: p.scansPerCpuSecond === undefined ? null : Math.round(p.scansPerCpuSecond),
      batch_p50_ms: Number(p.p50.toFixed(2)),
      batch_p99_ms: Number(p.p99.toFixed(2)),
      ratio_to_raw_tx_per_mutation: Number(ratio(p.scansPerSecond, rawPerMutation.scansPerSecond)),
      ratio_to_raw_tx_per_batch: Number(ratio(p.scansPerSecond, rawPerBatch.scansPerSecond)),
    })),
    service: {
      handhelds: run.handhelds,
      service_cpu: 'cpu' in service.pinning ? service.pinning.cpu : null,
      bench_cpus: 'cpu' in service.pinning ? service.pinning.benchCpus : null,
      unpinned: 'unpinned' in service.pinning ? service.pinning.unpinned : null,
      cpu_from: serviceRun.scansPerCpuSecond === undefined ? null : '/proc/<pid>/stat',
      bench_cpu_seconds: Number(serviceRun.benchCpuSeconds.toFixed(3)),
    },
    raw: [rawPerMutation, rawPerBatch].map((r) => ({
      rows_per_transaction: r.perTransaction,
      scans_per_second: Math.round(r.scansPerSecond),
      scans_per_cpu_second: Math.round(r.scansPerCpuSecond),
    })),
  };
}
export type PushResult = ReturnType<typeof resultOf>;

/** The table on stdout, then the two notes; the machine line is `result`'s, so the two agree. */
export function printReport(run: PushRun, result: PushResult) {
  const { inProc, http, wide, engine, serviceRun, service } = run;
  const { perMutation: rawPerMutation, perBatch: rawPerBatch } = run.raw;
  const line = (cells: string[], widths: number[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const widths = [Math.max(38, `push, ${serviceRun.name}`.length), 9, 13, 11, 11, 14, 14];
  console.log(
    `\nPOST /sync/push: ${run.batch} pick.scan mutations (one scan each) per push, ${fmt(inProc.scans)} accepted scans per phase`,
  );
  console.log(`node ${process.version}, ${result.cpu}, load average ${result.load_average_1m}\n`);
  console.log(line(['', 'scans/s', 'scans/CPU-s', 'batch p50', 'batch p99', '÷ raw tx/mut', '÷ raw tx/100'], widths));
  for (const p of [inProc, http, wide, engine, serviceRun]) {
    console.log(
      line(
        [
          `push, ${p.name}`,
          fmt(p.scansPerSecond),
          p.scansPerCpuSecond === undefined ? '–' : fmt(p.scansPerCpuSecond),
          `${p.p50.toFixed(1)} ms`,
          `${p.p99.toFixed(1)} ms`,
          ratio(p.scansPerSecond, rawPerMutation.scansPerSecond),
          ratio(p.scansPerSecond, rawPerBatch.scansPerSecond),
        ],
        widths,
      ),
    );
  }
  for (const r of [rawPerMutation, rawPerBatch]) {
    console.log(
      line(
        [
          `raw inserts, ${r.perTransaction === 1 ? '1 transaction/mutation' : `1 transaction/${r.perTransaction}`}`,
          fmt(r.scansPerSecond),
          fmt(r.scansPerCpuSecond),
        ],
        widths,
      ),
    );
  }
  console.log('(raw: the pick_scans and sync_mutations rows the in-process pushes wrote, into a fresh database)');
  const where =
    'cpu' in service.pinning
      ? `on CPU ${service.pinning.cpu}, this process on ${service.pinning.benchCpus.join(',')}`
      : `unpinned: ${service.pinning.unpinned}`;
  console.log(
    `(service process: src/main.ts, pid ${service.pid}, ${where}; ${run.handhelds} handhelds, one push in flight each; ` +
      (serviceRun.scansPerCpuSecond === undefined
        ? 'no /proc: wall clock only'
        : `CPU of the service alone, /proc/${service.pid}/stat`) +
      `; this process's own CPU meanwhile ${fmt((serviceRun.benchCpuSeconds / serviceRun.scans) * 1e6)} µs a scan; ` +
      `it logged ${fmt(serviceRun.logLines)} lines for ${fmt(serviceRun.pushes)} pushes)`,
  );
}
