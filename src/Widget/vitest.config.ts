import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.ts'],
    restoreMocks: true,
    // A ceiling, not a wait: a busy 2-core CI machine can be slow.
    testTimeout: 60_000,
  },
});
