import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/helpers/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Polls wait on real processes (the engine restarting, a package opening): bounded, but not by a busy machine's second.
    expect: { poll: { timeout: 15_000 } },
  },
});
