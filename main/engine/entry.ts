/**
 * The engine process's entry (bundled to dist/engine.mjs for Node, app/dist/engine.cjs for
 * Electron). Under Electron's utilityProcess the starter is reached through `process.parentPort`;
 * under Node's child_process.fork, through `process.send`. Nothing else differs.
 */
import { serveEngine } from './engine.js';
import type { FromEngine, MessagePortLike, ToEngine } from './protocol.js';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function starterPort(): MessagePortLike<ToEngine, FromEngine> {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort !== undefined) {
    return { post: (message) => parentPort.postMessage(message), onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as ToEngine)) };
  }
  if (typeof process.send === 'function') {
    // The starter going away (a crash of the app, a killed CLI) ends the engine too.
    process.on('disconnect', () => process.exit(0));
    return { post: (message) => process.send?.(message), onMessage: (listener) => process.on('message', (message) => listener(message as ToEngine)) };
  }
  throw new Error('The Newsroom engine must be started by the app or the newsroom command, not run directly');
}

serveEngine(starterPort());
