import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createTokenService } from '../platform/tokens.ts';
import { parseTokenArgs, UsageError } from './token-args.ts';

const serverDir = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'token-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the CLI as the real script would be run, against a fresh DATA_DIR (so a fresh secret). */
function runCli(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.JWT_SECRET;
  const res = spawnSync(join(serverDir, 'node_modules/.bin/tsx'), ['src/cli/token.ts', ...args], {
    cwd: serverDir,
    env,
    encoding: 'utf8',
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Verifies with the server's own configuration and token service, as the running server would. */
const verify = (token: string) => createTokenService(loadConfig({ DATA_DIR: dataDir }).jwt).verify(token, new Date());

describe('token CLI (child process)', () => {
  it('prints a token the server accepts, alone on the last line of stdout', async () => {
    const { code, stdout, stderr } = runCli(
      '--',
      '--tenant',
      'acme,globex',
      '--role',
      'admin',
      '--role',
      'supervisor',
      '--ttl',
      '600',
    );
    expect(code, stderr).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(stderr).toContain('user token for tenant acme, globex');
    const principal = await verify(lines.at(-1)!);
    expect(principal).toMatchObject({
      kind: 'user',
      subject: 'usr_cli',
      tenants: ['acme', 'globex'],
      roles: ['admin', 'supervisor'],
    });
  });

  it('makes a worker token carrying the device and the worker', async () => {
    const worker = 'wkr_01JBBBBBBBBBBBBBBBBBBBBB01';
    const { code, stdout, stderr } = runCli(
      '--tenant',
      'acme',
      '--role',
      'picker',
      '--device',
      'scanner_12',
      '--worker',
      worker,
    );
    expect(code, stderr).toBe(0);
    const principal = await verify(stdout.trimEnd().split('\n').at(-1)!);
    expect(principal).toMatchObject({
      kind: 'worker',
      subject: worker,
      workerId: worker,
      deviceId: 'scanner_12',
      roles: ['picker'],
    });
  });

  it('exits 2 with a clear message on bad arguments', () => {
    const cases: [string[], RegExp][] = [
      [['--tenant', 'acme', '--role', 'janitor'], /unknown role janitor/],
      [['--role', 'admin'], /--tenant is required/],
      [['--tenant', 'acme', '--role', 'admin', '--colour', 'red'], /Unknown option '--colour'/],
    ];
    for (const [args, message] of cases) {
      const res = runCli(...args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toMatch(message);
      expect(res.stdout).toBe('');
    }
  });
});

describe('token arguments', () => {
  const bad =
    (...args: string[]) =>
    () =>
      parseTokenArgs(args);
  it('defaults to a 12 h user token', () => {
    expect(parseTokenArgs(['--tenant', 'acme', '--role', 'admin'])).toMatchObject({
      kind: 'user',
      ttlSeconds: 43200,
      subject: 'usr_cli',
    });
    expect(parseTokenArgs(['--tenant', 'acme', '--role', 'admin', '--subject', 'usr_ann'])).toMatchObject({
      subject: 'usr_ann',
    });
    expect(parseTokenArgs(['--help'])).toBe('help');
  });

  it('refuses malformed values', () => {
    const base = ['--tenant', 'acme', '--role', 'admin'];
    expect(bad(...base, '--ttl', '0')).toThrow(UsageError);
    expect(bad(...base, '--ttl', '1.5')).toThrow(/whole number/);
    expect(bad(...base, '--ttl', String(90 * 86400 + 1))).toThrow(UsageError);
    expect(bad(...base, '--worker', 'bob')).toThrow(/worker id/);
    expect(bad(...base, '--device', 'has space')).toThrow(/--device/);
    expect(bad('--tenant', 'ac me', '--role', 'admin')).toThrow(/--tenant/);
    expect(bad(...base, 'stray')).toThrow(UsageError);
  });
});
