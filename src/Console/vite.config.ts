/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The hub serves the built console from wwwroot/console at /console.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: '../Hub/wwwroot/console',
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:5080',
      '/hubs': { target: 'http://localhost:5080', ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    globals: false,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // Ceilings, not waits: on a busy 2-core CI machine a render can take seconds (see src/test/setup.ts).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
