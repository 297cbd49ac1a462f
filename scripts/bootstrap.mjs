// `node scripts/bootstrap.mjs`: pnpm and the workspace's dependencies, nothing else.
import { ensureDependencies } from './lib.mjs';

ensureDependencies();
