import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from '../helpers/importGraph.js';
import { tempDataDir } from '../helpers/dataDir.js';

const eslint = new ESLint();
const root = path.resolve(import.meta.dirname, '../..');

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/code-layering').map((m) => m.message);
}

describe('the rooms of STYLE.md are an allow-list, enforced by lint', () => {
  it.each([
    ['common/x.ts', "import fs from 'node:fs';"],
    ['common/x.ts', "import { app } from 'electron';"],
    ['common/x.ts', "import Database from 'better-sqlite3';"],
    ['common/x.ts', "import React from 'react';"],
    ['common/x.ts', "import { openDatabase } from '../db/open.js';"],
    ['db/x.ts', "import { openNewsroom } from '../main/newsroom.js';"],
    ['db/x.ts', "import sharp from 'sharp';"],
    ['main/services/x.ts', "import { app } from 'electron';"],
    ['main/services/x.ts', "import { startApp } from '../electron/startApp.js';"],
    ['main/services/x.ts', "import { runCli } from '../cli/index.js';"],
    ['main/services/x.ts', "import { openNewsroom } from '../newsroom.js';"],
    ['main/cli/x.ts', "import { openDatabase } from '../../db/open.js';"],
    ['main/electron/x.ts', "import { openDatabase } from '../../db/open.js';"],
    ['main/electron/x.ts', "import { runCli } from '../cli/index.js';"],
    ['main/preload.ts', "import fs from 'node:fs';"],
    ['renderer/x.ts', "import { openNewsroom } from '../main/newsroom.js';"],
    ['renderer/x.ts', "import fs from 'node:fs';"],
    ['renderer/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/editor/x.ts', "import { Desk } from '../desk/Desk.js';"],
    ['renderer/editor/plugins/X/index.tsx', "import { StoryScreen } from '../../../story/StoryScreen.js';"],
    ['server/x.ts', "import { openNewsroom } from '../main/newsroom.js';"],
    ['server/x.ts', "import { openDatabase } from '../db/open.js';"],
    ['server/x.ts', "import { App } from '../renderer/App.js';"],
    ['server/x.ts', "import Database from 'better-sqlite3';"],
    ['main/cli/commands/list.ts', "import { startDesk } from '../../../server/desk.js';"],
    ['main/cli/commands/desk.ts', "import { storyQueries } from '../../../db/stories.js';"],
    ['main/cli/commands/desk.ts', "import { storyDocuments } from '../../../server/documents.js';"],
  ])('%s may not %s', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport {};\n`)).toHaveLength(1);
  });

  it.each([
    ['renderer/x.ts', "import { contract } from '../common/contract/index.js';"],
    ['renderer/editor/x.ts', "import { invoke } from '../api.js';"],
    ['main/electron/x.ts', "import { app } from 'electron';"],
    ['main/services/x.ts', "import { storyQueries } from '../../db/stories.js';"],
    ['main/cli/x.ts', "import { invokeChannel } from '../handlers.js';"],
    ['db/x.ts', "import Database from 'better-sqlite3';"],
    ['common/x.ts', "import { z } from 'zod';"],
    ['server/x.ts', "import { checkMove } from '../common/workflow.js';"],
    ['server/x.ts', "import { Hocuspocus } from '@hocuspocus/server';"],
    ['server/x.ts', "import pg from 'pg';"],
    ['main/cli/commands/desk.ts', "import { startDesk } from '../../../server/desk.js';"],
  ])('%s may %s', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});

describe('the import graph', () => {
  it('has no cycle in any room', () => {
    const cycles = importCycles(importGraph(root)).map((cycle) => cycle.map((f) => path.relative(root, f)).join(' ↔ '));
    expect(cycles).toEqual([]);
  });

  it('finds a cycle when there is one (so a clean graph means something)', () => {
    const { dir, cleanup } = tempDataDir('newsroom-cycle-');
    try {
      fs.mkdirSync(path.join(dir, 'main'));
      fs.writeFileSync(path.join(dir, 'main', 'a.ts'), "import type { B } from './b.js';\nexport type A = B;\n");
      fs.writeFileSync(path.join(dir, 'main', 'b.ts'), "import { c } from './c.js';\nexport type B = string;\nexport const b = c;\n");
      fs.writeFileSync(path.join(dir, 'main', 'c.ts'), "import type { A } from './a.js';\nexport const c: A | null = null;\n");
      fs.writeFileSync(path.join(dir, 'main', 'lazy.ts'), "export const load = () => import('./a.js');\n");
      const cycles = importCycles(importGraph(dir, ['main']));
      expect(cycles.map((cycle) => cycle.map((f) => path.basename(f)))).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    } finally {
      cleanup();
    }
  });
});
