/**
 * The real service (`src/main.ts`) as a child process of the bench, pinned to one core when it can
 * be, with its own CPU time read from /proc. Why: the in-process phases charge the bench's client
 * work (building bodies, fetch, parsing answers) to the same `process.cpuUsage` as the server's, so
 * they cannot say what the server alone does on one core.
 *
 * `node --import tsx src/main.ts`, not the `tsx` CLI: the CLI runs the server in a grandchild, and
 * the CPU figure needs the server's own pid. `taskset -c N node ...` execs, so the pid stays it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export type Service = {
  pid: number;
  /** http://127.0.0.1:port */
  origin: string;
  /** The CPU the service runs on, or why it runs unpinned. */
  pinning: { cpu: number; benchCpus: number[] } | { unpinned: string };
  /** The service's user + system CPU seconds so far (all its threads), or undefined without /proc. */
  cpuSeconds(): number | undefined;
  /** Lines the service has written to stdout so far (pino's log). */
  stdoutLines(): number;
  /** SIGTERM, wait for its exit, SIGKILL after `graceMs`; puts the bench back on its CPUs. Idempotent. */
  stop(graceMs?: number): Promise<void>;
};

type Options = {
  /** apps/sync-server: `src/main.ts` is resolved from it. */
  cwd: string;
  /** An absolute file URL of tsx's loader (resolved from the server package). */
  tsxLoader: string;
  /** Variables on top of the bench's own environment (LOG_LEVEL is removed: the default is production's). */
  env: Record<string, string>;
  readyTimeoutMs?: number;
};

/** A port nobody listens on now: listen on 0, close, hand back the number (a tiny race, fine for a bench). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('freePort: no port');
  return address.port;
}

export async function startService(options: Options): Promise<Service> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, PORT: String(port), HOST: '127.0.0.1' };
  delete env.LOG_LEVEL;

  const own = affinityOf(process.pid);
  const pinning: Service['pinning'] =
    own === undefined
      ? { unpinned: 'taskset not available' }
      : own.length < 2
        ? { unpinned: `only ${own.length} CPU available` }
        : { cpu: own.at(-1)!, benchCpus: own.slice(0, -1) };
  let ready = false;
  let stopping = false;
  let stdoutTail = '';
  let stderrTail = '';
  let lines = 0;
  // BENCH_SERVICE_PROFILE=<dir>: a V8 CPU profile of the whole service, written there when it stops.
  const profile = process.env.BENCH_SERVICE_PROFILE;
  const profiling = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [];
  const node = [process.execPath, ...profiling, '--import', options.tsxLoader, 'src/main.ts'];
  const [command, ...args] = 'cpu' in pinning ? ['taskset', '-c', String(pinning.cpu), ...node] : node;
  const child = spawn(command!, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // 'close': it has exited and its stdout and stderr are read to the end ('error': it never started).
  const exited = new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.once('error', (error) => {
      stderrTail += `\n${error.message}`;
      resolve();
    });
  });

  // Drained, never inherited: the service logs a line per request at its default level.
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) lines++;
    stdoutTail = (stdoutTail + chunk).slice(-4096);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-8192);
  });
  const tails = () =>
    [`--- service stderr (last lines) ---\n${stderrTail}`, `--- service stdout (last lines) ---\n${stdoutTail}`]
      .map((s) => s.trimEnd())
      .join('\n');
  child.once('close', (code, signal) => {
    if (ready && !stopping)
      process.stderr.write(`service exited unexpectedly (code ${code}, signal ${signal})\n${tails()}\n`);
  });

  let stopped: Promise<void> | undefined;
  const stop = (graceMs = 5000) =>
    (stopped ??= (async () => {
      stopping = true;
      try {
        const killer = hasExited(child) ? undefined : setTimeout(() => child.kill('SIGKILL'), graceMs);
        if (killer) child.kill('SIGTERM');
        await exited;
        clearTimeout(killer);
      } finally {
        if ('cpu' in pinning) setAffinity(process.pid, own!);
      }
    })());

  try {
    await waitUntilHealthy(`${origin}/health`, exited, options.readyTimeoutMs ?? 60_000);
    const pid = child.pid!;
    const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : undefined;
    if (cmdline !== undefined && !cmdline.includes('src/main.ts'))
      throw new Error(`pid ${pid} is not the service: ${cmdline.replaceAll('\0', ' ')}`);
    if ('cpu' in pinning) setAffinity(process.pid, pinning.benchCpus);
    ready = true;
    const ticks = clockTicks();
    const proc = existsSync(`/proc/${pid}/stat`);
    return {
      pid,
      origin,
      pinning,
      cpuSeconds: () => (proc ? processTicks(pid) / ticks : undefined),
      stdoutLines: () => lines,
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tails()}`, { cause: error });
  }
}

function hasExited(child: ChildProcess) {
  return child.exitCode !== null || child.signalCode !== null;
}

async function waitUntilHealthy(url: string, exited: Promise<void>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let died = false;
  void exited.then(() => (died = true));
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (died) throw new Error('the service exited before it was ready');
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return;
      last = `GET /health answered ${res.status}`;
    } catch (error) {
      last = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : 'failed';
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the service was not ready after ${timeoutMs / 1000} s (${url}: ${last})`);
}

/** utime + stime of the whole process (all threads), in clock ticks: fields 14 and 15 of /proc/<pid>/stat. */
function processTicks(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[14 - 3]) + Number(fields[15 - 3]);
}

function clockTicks() {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

/** The CPUs a process may run on (`taskset -c -p`), or undefined off Linux or without taskset. */
function affinityOf(pid: number): number[] | undefined {
  if (process.platform !== 'linux') return undefined;
  let out: string;
  try {
    out = execFileSync('taskset', ['-c', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
  // "pid 123's current affinity list: 0-2,5"
  const list = out.slice(out.lastIndexOf(':') + 1).trim();
  return list.split(',').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number);
    return Array.from({ length: to! - from! + 1 }, (_, i) => from! + i);
  });
}

/** Every thread of the process (`-a`: libuv's pool and V8's helpers too) onto these CPUs. */
function setAffinity(pid: number, cpus: number[]) {
  execFileSync('taskset', ['-a', '-c', '-p', cpus.join(','), String(pid)], { stdio: 'ignore' });
}
