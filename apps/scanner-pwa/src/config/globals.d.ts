/** Injected by `define` in vite.config.ts (and vitest.config.ts) from package.json. */
declare const __APP_VERSION__: string;
