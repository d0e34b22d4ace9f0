/**
 * Builds the renderer (React + Lexical) into app/dist/renderer. `base: './'` keeps every asset URL
 * relative, so the same bundle loads from Electron's custom protocol and from the test harness's
 * local http server.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: path.join(here, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(here, 'app/dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    // Electron's Chromium has native modulepreload; the polyfill would only add code.
    modulePreload: { polyfill: false },
    target: 'chrome130',
    // One bundle read from the local disk by a desktop app: no network to split it for.
    chunkSizeWarningLimit: 1500,
  },
});
