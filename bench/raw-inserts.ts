/**
 * The baseline of `sync-push.bench.ts`, measured in the same run: raw better-sqlite3, the same
 * pick_scans and sync_mutations rows the in-process pushes wrote, inserted with prepared statements
 * into a fresh database of the same schema. Once with one transaction per mutation (the push's unit
 * before group commit), once with one per push's worth of rows (its unit now).
 */
import { join } from 'node:path';
import type { Db, openDatabase } from '../apps/sync-server/src/db/client.ts';
import { cpuOf } from './push-measure.ts';

export type RawInserts = { perTransaction: number; scansPerSecond: number; scansPerCpuSecond: number };

export function rawInserts(options: {
  /** better-sqlite3's constructor, resolved from the server's package (pnpm keeps it out of the root). */
  Database: new (file: string) => Db['$client'];
  /** The server's: a fresh file gets the same tables and indexes through it. */
  openDatabase: typeof openDatabase;
  /** The bench's database, that the in-process pushes wrote to. */
  db: Db;
  /** Where the fresh databases go (the bench's temporary directory, removed on exit). */
  dir: string;
  /** The in-process phase's picklists, and its handheld's seq range. */
  picklistIds: string[];
  deviceId: string;
  seqs: { first: number; last: number };
  /** Rows per transaction of the second run: mutations per push. */
  batch: number;
}): { perMutation: RawInserts; perBatch: RawInserts } {
  const { Database, db, dir, picklistIds, deviceId, seqs } = options;
  const rows = {
    scans: db.$client
      .prepare(`select * from pick_scans where picklist_id in (${picklistIds.map(() => '?').join(',')}) order by rowid`)
      .all(...picklistIds) as Record<string, unknown>[],
    mutations: db.$client
      .prepare('select * from sync_mutations where device_id = ? and seq between ? and ? order by seq')
      .all(deviceId, seqs.first, seqs.last) as Record<string, unknown>[],
  };
  if (rows.scans.length !== rows.mutations.length)
    throw new Error(`raw: ${rows.scans.length} scans for ${rows.mutations.length} mutations`);
  function rawInsert(perTransaction: number): RawInserts {
    const file = join(dir, `raw-${perTransaction}.sqlite`);
    options.openDatabase(file).$client.close(); // migrated: the same tables and indexes
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    // The parent rows (picklists, tasks) are not copied: only the rows a push adds per scan.
    raw.pragma('foreign_keys = OFF');
    const insert = (table: string, sample: Record<string, unknown>) => {
      const cols = Object.keys(sample);
      return raw.prepare(
        `insert into ${table} (${cols.map((c) => `"${c}"`).join(',')}) values (${cols.map((c) => `@${c}`).join(',')})`,
      );
    };
    const scanInsert = insert('pick_scans', rows.scans[0]!);
    const mutationInsert = insert('sync_mutations', rows.mutations[0]!);
    const write = raw.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        scanInsert.run(rows.scans[i]);
        mutationInsert.run(rows.mutations[i]);
      }
    });
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    for (let i = 0; i < rows.scans.length; i += perTransaction)
      write(i, Math.min(i + perTransaction, rows.scans.length));
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = cpuOf(cpuStarted);
    raw.close();
    return {
      perTransaction,
      scansPerSecond: rows.scans.length / seconds,
      scansPerCpuSecond: rows.scans.length / cpuSeconds,
    };
  }
  return { perMutation: rawInsert(1), perBatch: rawInsert(options.batch) };
}
