/**
 * Before any Vitest test: bundle the CLI and the engine (dist/cli.mjs, dist/engine.mjs), so the
 * tests that fork the engine run the same bundle the CLI and the app ship, built from the sources
 * as they are now.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../../scripts/build-main.mjs'), '--cli-only'], { stdio: 'inherit' });
}
