/**
 * Long work from the window, as main relays it: a call names its job, the engine's progress for it
 * reaches the window (job:progress), and job:cancel from the window stops it, with what was done
 * whole and nothing else written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import type { JobProgress } from '../../common/contract/index.js';
import type { FromEngine } from '../../main/engine/protocol.js';
import { it } from '../helpers/electronStub.js';
import { FIXTURE_ARTICLES } from '../helpers/fixtures.js';

function wireCopies(dir: string, count: number): string[] {
  const text = fs.readFileSync(path.join(FIXTURE_ARTICLES, 'river-villages.txt'), 'utf8');
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(dir, `wire-${i + 1}.txt`);
    fs.writeFileSync(file, text.replace(/^[^\n]+/, `Wire story ${i + 1}`));
    return file;
  });
}

describe('long work from the window', () => {
  it('a call that names its job sends the window its progress, file by file', async ({ startApp }) => {
    const app = await startApp();
    app.electron.recorded.nextOpenDialogPaths = wireCopies(app.dataDir, 3);
    const answer = (await app.electron.ipcMain.invoke('import:choose', app.contents.ipcEvent(), {}, { job: 'window-import-1' })) as { ok: boolean };
    expect(answer.ok).toBe(true);
    const progress = app.contents.sent.filter(([name]) => name === 'job:progress').map(([, payload]) => payload as JobProgress);
    expect(progress.map((p) => [p.job, p.done, p.total])).toEqual([
      ['window-import-1', 0, 3],
      ['window-import-1', 1, 3],
      ['window-import-1', 2, 3],
      ['window-import-1', 3, 3],
    ]);
    expect(progress[1]?.what).toBe('Importing wire-2.txt');
  });

  it('job:cancel from the window stops the job: nothing of it is written, and it says so', async ({ startApp }) => {
    // The engine's request for the file dialog is held until the window has cancelled the job.
    let releaseDialog: () => void = () => undefined;
    const cancelled = new Promise<void>((resolve) => (releaseDialog = resolve));
    const app = await startApp({
      engineMessages: (message: FromEngine, deliver) => {
        if (message.type === 'platform') void cancelled.then(() => deliver(message));
        else deliver(message);
      },
    });
    app.electron.recorded.nextOpenDialogPaths = wireCopies(app.dataDir, 3);
    const importing = app.electron.ipcMain.invoke('import:choose', app.contents.ipcEvent(), {}, { job: 'window-import-2' }) as Promise<{ ok: boolean; error?: { code: string; message: string } }>;
    await expect.poll(() => app.call('job:cancel', { job: 'window-import-2' }).then((r) => r.cancelled)).toBe(true);
    releaseDialog();
    expect(await importing).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'Import cancelled after 0 of 3 files: 0 became drafts, whole; nothing of the others was written' },
    });
    expect((await app.call('story:list', {})).total).toBe(0);
    // A job that is not running: nothing to cancel, said plainly.
    expect(await app.call('job:cancel', { job: 'window-import-2' })).toEqual({ cancelled: false });
  });
});
