/** The engine as the tests start it: the bundled entry (dist/engine.mjs, built by globalSetup.ts), forked. */
import path from 'node:path';
import { startEngineHost, type EngineHost, type EngineHostOptions } from '../../main/engine/host.js';
import { nodeEngine } from '../../main/engine/nodeProcess.js';

export const ENGINE_BUNDLE = path.resolve(import.meta.dirname, '../../dist/engine.mjs');

export function startTestEngine(dataDir: string, options: Omit<EngineHostOptions, 'spawn' | 'dataDir'> = {}): EngineHost {
  return startEngineHost({ spawn: nodeEngine({ entry: ENGINE_BUNDLE }), dataDir, ...options });
}
