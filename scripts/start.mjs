// `npm start`: from a bare clone to a running service with demo data, API and scanner app on one port.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { buildPwa, ensureDependencies, log, root } from './lib.mjs';

const pnpm = ensureDependencies();
buildPwa(pnpm);
log('starting the fulfillment service');
const tsx = join(root, 'apps/sync-server/node_modules/.bin/tsx');
const server = spawn(tsx, ['src/main.ts'], {
  cwd: join(root, 'apps/sync-server'),
  stdio: 'inherit',
  env: {
    ...process.env,
    // Relative folders are taken from where npm start ran (the repository root), not the server's folder.
    DATA_DIR: resolve(process.env.DATA_DIR ?? 'data'),
    ...(process.env.PWA_DIR ? { PWA_DIR: resolve(process.env.PWA_DIR) } : {}),
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
