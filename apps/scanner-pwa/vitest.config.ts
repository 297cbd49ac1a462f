import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify('0.0.0-test'),
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
    // Before any test module loads: Dexie looks up the IndexedDB API when it is first imported.
    setupFiles: ['fake-indexeddb/auto'],
  },
});
