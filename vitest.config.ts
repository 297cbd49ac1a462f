import { defineConfig } from 'vitest/config';

// One run over every package's own vitest config (the e2e suite runs under Playwright instead).
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
