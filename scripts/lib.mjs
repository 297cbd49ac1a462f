// Shared by start, test and token: make a fresh machine (Node 20 + npm only) ready to run the project.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const toolsDir = join(root, '.tools');
const localPnpm = join(toolsDir, 'node_modules', '.bin', 'pnpm');

export function log(message) {
  process.stderr.write(`\x1b[36m›\x1b[0m ${message}\n`);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    cwd: root,
    ...options,
    env: { ...process.env, ...options.env },
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function must(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    log(`${command} ${args.join(' ')} failed (exit ${status})`);
    process.exit(status);
  }
}

/** pnpm pinned to packageManager, installed inside the repo so nothing global is touched or needed. */
export function pnpmPath() {
  const have = existsSync(localPnpm) && spawnSync(localPnpm, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (have !== PNPM_VERSION) {
    log(`installing pnpm ${PNPM_VERSION} into .tools/`);
    mkdirSync(toolsDir, { recursive: true });
    if (!existsSync(join(toolsDir, 'package.json')))
      writeFileSync(join(toolsDir, 'package.json'), '{"private":true}\n');
    must('npm', ['install', '--no-audit', '--no-fund', '--prefix', toolsDir, `pnpm@${PNPM_VERSION}`]);
  }
  return localPnpm;
}

/**
 * Installs the workspace when the lockfile changed since the last install. better-sqlite3 compiles
 * from source against Node's own headers: pnpm 12 ignores nodedir in .npmrc, hence the variable.
 */
export function ensureDependencies() {
  const pnpm = pnpmPath();
  const marker = join(root, 'node_modules', '.install-stamp');
  const lock = join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return pnpm;
  log('installing dependencies (the first time compiles better-sqlite3, about a minute)');
  const nodedir = existsSync('/usr/include/node/node.h') ? '/usr' : undefined;
  must(pnpm, ['install', '--frozen-lockfile'], {
    env: { ...(nodedir ? { npm_config_nodedir: nodedir } : {}), CI: 'true' },
  });
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  return pnpm;
}

export function buildPwa(pnpm) {
  log('building the scanner app');
  must(pnpm, ['--filter', '@fulfillment/scanner-pwa', 'build']);
}

export { must };
