// `npm run token -- --tenant acme --role admin`: prints a signed JWT on its last line.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ensureDependencies, root } from './lib.mjs';

ensureDependencies();
const result = spawnSync(
  join(root, 'apps/sync-server/node_modules/.bin/tsx'),
  ['src/cli/token.ts', ...process.argv.slice(2)],
  {
    cwd: join(root, 'apps/sync-server'),
    stdio: 'inherit',
    env: { ...process.env, DATA_DIR: resolve(process.env.DATA_DIR ?? join(root, 'data')) },
  },
);
process.exit(result.status ?? 1);
