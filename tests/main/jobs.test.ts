/**
 * Long work reports how far it is and can be cancelled; a cancelled batch stops between items, so
 * what it did is whole and the rest is untouched. Through the engine, as the app and the CLI run it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../main/engine/protocol.js';
import { runCli } from '../../main/cli/index.js';
import { openNewsroom } from '../../main/newsroom.js';
import { by, tempDataDir } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';
import { startTestEngine } from '../helpers/engine.js';
import { FIXTURE_ARTICLES } from '../helpers/fixtures.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});
function dataDir(): string {
  const { dir, cleanup } = tempDataDir('newsroom-jobs-');
  cleanups.push(cleanup);
  return dir;
}

async function cli(dir: string, args: string[], extra: { progress?: (p: JobProgress) => void; signal?: AbortSignal } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--data-dir', dir], { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, ...extra });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function wireCopies(dir: string, count: number): string[] {
  const text = fs.readFileSync(path.join(FIXTURE_ARTICLES, 'river-villages.txt'), 'utf8');
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(dir, `wire-${i + 1}.txt`);
    fs.writeFileSync(file, text.replace(/^[^\n]+/, `Story number ${i + 1} from the wire`));
    return file;
  });
}

describe('long work', () => {
  it('an import of several files says how far it is, file by file', async () => {
    const dir = dataDir();
    const seen: JobProgress[] = [];
    const result = await cli(dir, ['import', ...wireCopies(dir, 3)], { progress: (p) => seen.push(p) });
    expect(result.code).toBe(0);
    expect(seen.map((p) => [p.done, p.total])).toEqual([[0, 3], [1, 3], [2, 3], [3, 3]]);
    expect(seen[1]?.what).toBe('Importing wire-2.txt');
  });

  it('a cancelled import stops between files: the drafts made are whole, nothing of the rest is written', async () => {
    const dir = dataDir();
    const interrupt = new AbortController();
    const result = await cli(dir, ['import', ...wireCopies(dir, 4)], {
      // Ctrl+C as the second file starts.
      progress: (p) => p.done === 1 && interrupt.abort(),
      signal: interrupt.signal,
    });
    expect(result.code).toBe(1);
    expect(result.err).toBe('newsroom: Import cancelled after 2 of 4 files: 2 became drafts, whole; nothing of the others was written');
    const listed = JSON.parse((await cli(dir, ['list', '--json'])).out) as { headline: string }[];
    expect(listed.map((s) => s.headline).sort()).toEqual(['Story number 1 from the wire', 'Story number 2 from the wire']);
  });

  it('a cancelled export batch leaves the stories it exported whole and the others unexported', async () => {
    const dir = dataDir();
    const out = path.join(dir, 'site');
    const newsroom = openNewsroom(dir);
    const ana = newsroom.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
    const eve = newsroom.profiles.create({ name: 'Eve Editor', roles: ['editor'] });
    const total = 8;
    for (let i = 1; i <= total; i += 1) {
      let story = newsroom.stories.create({ fields: { headline: `Approved ${i}`, byline: ['Ana Lima'], dateline: { place: 'LEEDS', date: '' } }, body: doc(`Approved story ${i}.`) }, by(ana));
      story = newsroom.workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
      newsroom.workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(eve));
    }
    newsroom.close();
    const progress: JobProgress[] = [];
    const host = startTestEngine(dir, {
      platform: { chooseExportFolder: async () => out },
      onEvent: (name, payload) => {
        // Only the batch's own progress: the engine's start (the store check, converting stories) has its own job.
        if (name !== 'job:progress' || (payload as JobProgress).job !== 'export-1') return;
        progress.push(payload as JobProgress);
        // Cancel as soon as the batch says it has begun.
        if (progress.length === 1) host.cancel('export-1');
      },
    });
    cleanups.push(() => host.close());
    await host.open();
    const answer = await host.invoke({ origin: 'test', as: 'Eve Editor' }, 'export:approved', {}, { job: 'export-1' });
    if (answer.ok) throw new Error('the export was not cancelled');
    expect(answer.error.code).toBe('cancelled');
    const [, done] = /^Export cancelled after (\d+) of 8 stories: those \d+ are complete in .* and marked published; nothing else was written$/.exec(answer.error.message) ?? [];
    const exported = Number(done);
    expect(exported).toBeLessThan(total);
    expect(progress.map((p) => p.total)).toEqual(Array(progress.length).fill(total));
    // Exactly the stories the message names are written, each whole, and published; the others are untouched.
    const pages = fs.existsSync(out) ? fs.readdirSync(out).filter((name) => fs.existsSync(path.join(out, name, 'index.html'))) : [];
    expect(pages).toHaveLength(exported);
    for (const page of pages) expect(fs.readFileSync(path.join(out, page, 'index.html'), 'utf8')).toMatch(/<\/html>\s*$/);
    expect(await host.invoke({ origin: 'test' }, 'workflow:queues', {})).toMatchObject({ ok: true, value: { published: exported, approved: total - exported } });
  });
});
