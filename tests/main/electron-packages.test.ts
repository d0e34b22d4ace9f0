import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packagePathsIn } from '../../main/electron/packageFiles.js';
import { startStubbedApp } from '../helpers/electronStub.js';
import { tempNewsroom, tempDataDir, by } from '../helpers/dataDir.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

/** A package file from another machine, on disk as the OS would hand it over. */
function packageOnDisk(): { file: string; storyId: string } {
  const other = tempNewsroom();
  cleanups.push(other.cleanup);
  const story = other.stories.create({ fields: { headline: 'Sent from the field' } }, by(null));
  const { fileName, bytes } = other.packages.pack(story.id);
  const dir = tempDataDir();
  cleanups.push(dir.cleanup);
  const file = path.join(dir.dir, fileName);
  fs.writeFileSync(file, bytes);
  return { file, storyId: story.id };
}


describe('story packages opened by the operating system', () => {
  it('finds package files on a command line, ignoring flags and other files', () => {
    expect(packagePathsIn(['/opt/Newsroom/newsroom', '--no-sandbox', '/home/ana/Floods.NEWSROOM', '/home/ana/notes.txt'])).toEqual(['/home/ana/Floods.NEWSROOM']);
  });

  it('opens a double-clicked package passed on the command line and tells the page', async () => {
    const { file, storyId } = packageOnDisk();
    const app = await startStubbedApp({ argv: ['newsroom', file] });
    cleanups.push(app.cleanup);
    await expect.poll(() => app.contents.sentChannels()).toContain('package:opened');
    expect(app.running.newsroom()?.stories.get(storyId).headline).toBe('Sent from the field');
    const last = await app.electron.ipcMain.invoke('package:last', app.contents.ipcEvent(), {});
    expect(last).toMatchObject({ ok: true, value: { outcome: 'created', story: { id: storyId } } });
  });

  it('opens a package from macOS open-file and from a second launch', async () => {
    const app = await startStubbedApp({ platform: 'darwin' });
    cleanups.push(app.cleanup);
    const first = packageOnDisk();
    app.electron.app.emit('open-file', { preventDefault: () => undefined }, first.file);
    const second = packageOnDisk();
    app.electron.app.emit('second-instance', {}, ['newsroom', second.file]);
    await expect.poll(() => app.contents.sentChannels().filter((c) => c === 'package:opened').length).toBe(2);
    expect(app.running.newsroom()?.stories.get(first.storyId).id).toBe(first.storyId);
    expect(app.running.newsroom()?.stories.get(second.storyId).id).toBe(second.storyId);
  });

  it('explains a damaged package in a dialog and changes nothing', async () => {
    const { file } = packageOnDisk();
    fs.writeFileSync(file, 'not a package');
    const app = await startStubbedApp({ argv: ['newsroom', file] });
    cleanups.push(app.cleanup);
    await expect.poll(() => app.electron.recorded.errorBoxes.length).toBe(1);
    expect(app.electron.recorded.errorBoxes).toEqual([{ title: 'The story package was not opened', content: expect.stringMatching(/was not opened: it is not a Newsroom story package/) }]);
    expect(app.running.newsroom()?.stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 5, trashed: false }).total).toBe(0);
  });
});
