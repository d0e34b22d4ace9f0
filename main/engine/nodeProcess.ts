/**
 * The engine as a Node child process (the CLI, the browser harness, the tests): the same entry
 * the app starts with Electron's utilityProcess, forked with structured-clone messages so photo
 * bytes cross as bytes.
 */
import { fork } from 'node:child_process';
import type { EngineProcess, SpawnEngine } from './host.js';
import type { FromEngine } from './protocol.js';

export interface NodeEngineOptions {
  /** The bundled entry (dist/engine.mjs), or main/engine/entry.ts with a TypeScript loader in `execArgv`. */
  entry: string;
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
}

export function nodeEngine(options: NodeEngineOptions): SpawnEngine {
  return (): EngineProcess => {
    const child = fork(options.entry, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: options.execArgv ?? [],
      env: options.env ?? process.env,
    });
    const exitListeners: ((reason: string) => void)[] = [];
    let exitReason: string | null = null;
    child.on('exit', (code, signal) => {
      exitReason = signal !== null ? `the engine process was ended by ${signal}` : `the engine process exited with code ${code}`;
      for (const listener of exitListeners.splice(0)) listener(exitReason);
    });
    child.on('error', (error) => {
      if (exitReason !== null) return;
      exitReason = `the engine process could not run: ${error.message}`;
      for (const listener of exitListeners.splice(0)) listener(exitReason);
    });
    return {
      post: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', (message) => listener(message as FromEngine)),
      onExit: (listener) => {
        if (exitReason !== null) listener(exitReason);
        else exitListeners.push(listener);
      },
      kill: () => {
        child.kill('SIGKILL');
      },
    };
  };
}
