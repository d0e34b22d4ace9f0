/**
 * End-to-end tests of the renderer in Chromium, relayed to the real engine (dist/engine.mjs, in a
 * process of its own, built by the global setup) by tests/e2e/harness.ts (Electron cannot run
 * here). Build the renderer first: `npx vite build`.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  globalSetup: './tests/helpers/globalSetup.ts',
  fullyParallel: false,
  workers: 2,
  forbidOnly: true,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.NEWSROOM_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
  },
});
