// `npm run bench:pwa`: installs the workspace if needed, builds the scanner PWA, then prints its
// initial-vs-lazy JavaScript size (pwa-size.mjs) and the wedge scan → verdict latency in Chromium
// (pwa-scan-latency.bench.ts, run with the server package's tsx). BENCH_* variables pass through.
import { join } from 'node:path';
import { buildPwa, ensureDependencies, root, run } from '../scripts/lib.mjs';

buildPwa(ensureDependencies());
const tsx = join(root, 'apps', 'sync-server', 'node_modules', '.bin', 'tsx');
const size = run(process.execPath, [join(root, 'bench', 'pwa-size.mjs')]);
if (size !== 0) process.exit(size);
process.exit(run(tsx, [join(root, 'bench', 'pwa-scan-latency.bench.ts')]));
