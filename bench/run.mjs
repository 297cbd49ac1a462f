// `npm run bench`: makes sure the workspace is installed (as `npm test` does), then runs the sync
// benchmark with the server package's tsx. Arguments and BENCH_* variables pass through.
import { join } from 'node:path';
import { ensureDependencies, root, run } from '../scripts/lib.mjs';

ensureDependencies();
const tsx = join(root, 'apps', 'sync-server', 'node_modules', '.bin', 'tsx');
process.exit(run(tsx, [join(root, 'bench', 'sync-push.bench.ts'), ...process.argv.slice(2)]));
