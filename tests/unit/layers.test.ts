import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layer rules of STYLE.md are enforced by lint', () => {
  it.each([
    ['common/x.ts', "import fs from 'node:fs';"],
    ['common/x.ts', "import { app } from 'electron';"],
    ['common/x.ts', "import Database from 'better-sqlite3';"],
    ['common/x.ts', "import { openDatabase } from '../db/open.js';"],
    ['db/x.ts', "import { openNewsroom } from '../main/newsroom.js';"],
    ['main/services/x.ts', "import { app } from 'electron';"],
    ['renderer/x.ts', "import { openNewsroom } from '../main/newsroom.js';"],
    ['renderer/x.ts', "import fs from 'node:fs';"],
    ['renderer/x.ts', "import { ipcRenderer } from 'electron';"],
  ])('%s may not %s', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport {};\n`)).toHaveLength(1);
  });

  it.each([
    ['renderer/x.ts', "import { contract } from '../common/contract.js';"],
    ['main/electron/x.ts', "import { app } from 'electron';"],
    ['main/services/x.ts', "import { storyQueries } from '../../db/stories.js';"],
    ['db/x.ts', "import Database from 'better-sqlite3';"],
  ])('%s may %s', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
