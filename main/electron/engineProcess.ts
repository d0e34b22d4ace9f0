/**
 * The engine as the app starts it: Electron's utilityProcess (a Node process of Electron's own,
 * with the native modules built for its ABI), as Actual starts its engine. Messages are structured
 * clones, so photo bytes cross as bytes.
 */
import type { EngineProcess, SpawnEngine } from '../engine/host.js';
import type { FromEngine } from '../engine/protocol.js';
import type { ElectronApi } from './electronApi.js';

export function electronEngine(utilityProcess: ElectronApi['utilityProcess'], modulePath: string): SpawnEngine {
  return (): EngineProcess => {
    const child = utilityProcess.fork(modulePath, [], { serviceName: 'Newsroom engine', stdio: 'inherit' });
    let exitReason: string | null = null;
    const exitListeners: ((reason: string) => void)[] = [];
    child.on('exit', (code: number) => {
      exitReason = code === 0 ? 'the engine process exited' : `the engine process stopped with code ${code}`;
      for (const listener of exitListeners.splice(0)) listener(exitReason);
    });
    return {
      post: (message) => {
        if (exitReason === null) child.postMessage(message);
      },
      onMessage: (listener) => child.on('message', (message: unknown) => listener(message as FromEngine)),
      onExit: (listener) => {
        if (exitReason !== null) listener(exitReason);
        else exitListeners.push(listener);
      },
      kill: () => {
        child.kill();
      },
    };
  };
}
