#!/usr/bin/env node
// The `newsroom` command. The CLI is bundled by `npm install` (the `prepare` script) or `npm run build`.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(cli)) {
  console.error('newsroom: the CLI is not built yet: run `npm install` (or `npm run build`) in the Newsroom folder first');
  process.exit(1);
}
await import(cli.href);
