import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/platform/zod-openapi.ts'],
    testTimeout: 20_000,
  },
});
