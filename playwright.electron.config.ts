/**
 * The Electron smoke test: launches the real app (app/, built by `npm run build`) through
 * Playwright. Run by `npm run test:electron`, not by `npm test`: it needs the Electron binary,
 * which the electron package downloads on install.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/electron',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/electron/globalSetup.ts',
  // One app at a time: each launch is a whole Electron process.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
