// `npm test`: every check and every test, from a bare clone. Exits non-zero on any failure and ends
// with one plain "N passed, N failed" line summing unit, API and end-to-end tests.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPwa, ensureDependencies, log, run } from './lib.mjs';

const CHROMIUM = '/usr/bin/chromium';

/** Playwright drives Debian's Chromium: browser downloads are not possible (nor wanted) here. */
function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  log('installing Chromium from Debian packages');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (args) =>
    run(sudo[0] ?? 'apt-get', [...(sudo.length ? ['apt-get'] : []), ...args], {
      env: { DEBIAN_FRONTEND: 'noninteractive' },
    });
  if (apt(['update']) !== 0 || apt(['install', '-y', '--no-install-recommends', 'chromium']) !== 0) {
    log('could not install chromium; install it (apt-get install chromium) and run again');
    process.exit(1);
  }
}

const pnpm = ensureDependencies();
ensureChromium();
const reports = mkdtempSync(join(tmpdir(), 'fulfillment-test-'));
const failures = [];
const step = (name, command, args, env) => {
  log(name);
  const status = run(command, args, { env });
  if (status !== 0) failures.push(name);
  return status;
};

step('typecheck', pnpm, ['-r', '--no-bail', 'typecheck']);
// The benchmarks are not a workspace package, but they build the server's app: keep them compiling.
step('typecheck (bench)', pnpm, ['exec', 'tsc', '--noEmit', '-p', 'bench/tsconfig.json']);
step('lint', pnpm, ['exec', 'eslint', '.', '--max-warnings', '0']);
step('format', pnpm, ['exec', 'prettier', '--check', '.']);
const vitestReport = join(reports, 'vitest.json');
step('unit and API tests (vitest)', pnpm, [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
buildPwa(pnpm);
const playwrightReport = join(reports, 'playwright.json');
step('end-to-end tests (Playwright, Chromium)', pnpm, ['--filter', '@fulfillment/e2e', 'test'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
});

function count(file, read) {
  try {
    return read(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { passed: 0, failed: 0, skipped: 0 };
  }
}
const unit = count(vitestReport, (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests,
  skipped: r.numPendingTests + r.numTodoTests,
}));
const e2e = count(playwrightReport, (r) => ({
  passed: r.stats.expected + r.stats.flaky,
  failed: r.stats.unexpected,
  skipped: r.stats.skipped,
}));
rmSync(reports, { recursive: true, force: true });

const passed = unit.passed + e2e.passed;
// A check that is not a test runner (typecheck, lint, build) counts as one failure when it fails.
const failedChecks = failures.filter((name) => !name.includes('tests')).length;
const failed = unit.failed + e2e.failed + failedChecks;
const skipped = unit.skipped + e2e.skipped;
log(`vitest: ${unit.passed} passed, ${unit.failed} failed · playwright: ${e2e.passed} passed, ${e2e.failed} failed`);
if (failures.length) log(`failed steps: ${failures.join(', ')}`);
const ok = failures.length === 0 && failed === 0 && passed > 0;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
