// `npm run bench:pwa`: installs the workspace if needed, builds the scanner PWA, then prints its
// initial-vs-lazy JavaScript size (pwa-size.mjs) and the wedge scan → verdict latency in Chromium
// (pwa-scan-latency.bench.ts, run with the server package's tsx). BENCH_* variables pass through.
// Fails if ZXing (asserted by pwa-size.mjs) or zod (asserted below) is in the initial bundle.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildPwa, ensureDependencies, root, run } from '../scripts/lib.mjs';

/** Strings zod's own code carries (a class name and a type-constructor name, kept by minifiers). */
const ZOD_MARKERS = ['ZodError', '$ZodType'];

buildPwa(ensureDependencies());
const tsx = join(root, 'apps', 'sync-server', 'node_modules', '.bin', 'tsx');
const size = run(process.execPath, [join(root, 'bench', 'pwa-size.mjs')]);
if (size !== 0) process.exit(size);
assertNoZodInInitialBundle();
process.exit(run(tsx, [join(root, 'bench', 'pwa-scan-latency.bench.ts')]));

/**
 * zod is for the server and for lazily loaded screens: the handheld's first download checks its
 * input by hand (e.g. classify-scan.ts). Reads the initial files pwa-size.mjs listed.
 */
function assertNoZodInInitialBundle() {
  // The markers must still be in the zod the domain package bundles, or the check below proves nothing.
  const requireFromDomain = createRequire(join(root, 'packages', 'domain', 'package.json'));
  const zodDir = dirname(requireFromDomain.resolve('zod/package.json'));
  const zodSource = ['v4/classic/errors.js', 'v4/core/schemas.js']
    .map((file) => readFileSync(join(zodDir, file), 'utf8'))
    .join('\n');
  const missing = ZOD_MARKERS.filter((marker) => !zodSource.includes(marker));
  if (missing.length > 0) throw new Error(`zod no longer contains ${missing.join(', ')}: update ZOD_MARKERS`);

  const dist = join(root, 'apps', 'scanner-pwa', 'dist');
  const report = JSON.parse(
    readFileSync(process.env.BENCH_SIZE_JSON ?? join(root, 'bench', 'results', 'pwa-size.json'), 'utf8'),
  );
  const leaks = report.initial.files
    .map((f) => f.file)
    .filter((file) => ZOD_MARKERS.some((marker) => readFileSync(join(dist, file), 'utf8').includes(marker)));
  if (leaks.length === 0) return;
  console.error(
    `zod is in the initial bundle (${leaks.join(', ')}): a module the app imports eagerly reaches zod. ` +
      'Import its zod-free part (types, constants, hand-written checks) or load it lazily.',
  );
  process.exit(1);
}
