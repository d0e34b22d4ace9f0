import fs from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { packagePathsIn } from '../../main/electron/packageFiles.js';
import { it } from '../helpers/electronStub.js';
import { tempNewsroom, tempDataDir, by } from '../helpers/dataDir.js';


/** A package file from another machine, on disk as the OS would hand it over. */
function packageOnDisk(defer: (fn: () => unknown) => void): { file: string; storyId: string } {
  const other = tempNewsroom();
  defer(other.cleanup);
  const story = other.stories.create({ fields: { headline: 'Sent from the field' } }, by(null));
  const { fileName, bytes } = other.packages.pack(story.id);
  const dir = tempDataDir();
  defer(dir.cleanup);
  const file = path.join(dir.dir, fileName);
  fs.writeFileSync(file, bytes);
  return { file, storyId: story.id };
}


describe('story packages opened by the operating system', () => {
  it('finds package files on a command line, ignoring flags and other files', () => {
    expect(packagePathsIn(['/opt/Newsroom/newsroom', '--no-sandbox', '/home/ana/Floods.NEWSROOM', '/home/ana/notes.txt'])).toEqual(['/home/ana/Floods.NEWSROOM']);
  });

  it('opens a double-clicked package passed on the command line and tells the page', async ({ defer, startApp }) => {
    const { file, storyId } = packageOnDisk(defer);
    const app = await startApp({ argv: ['newsroom', file] });
    await expect.poll(() => app.contents.sentChannels()).toContain('package:opened');
    expect((await app.call('story:get', { id: storyId })).headline).toBe('Sent from the field');
    const last = await app.electron.ipcMain.invoke('package:last', app.contents.ipcEvent(), {});
    expect(last).toMatchObject({ ok: true, value: { outcome: 'created', story: { id: storyId } } });
  });

  it('opens a package from macOS open-file and from a second launch', async ({ defer, startApp }) => {
    const app = await startApp({ platform: 'darwin' });
    const first = packageOnDisk(defer);
    app.electron.app.emit('open-file', { preventDefault: () => undefined }, first.file);
    const second = packageOnDisk(defer);
    app.electron.app.emit('second-instance', {}, ['newsroom', second.file]);
    await expect.poll(() => app.contents.sentChannels().filter((c) => c === 'package:opened').length).toBe(2);
    expect((await app.call('story:get', { id: first.storyId })).id).toBe(first.storyId);
    expect((await app.call('story:get', { id: second.storyId })).id).toBe(second.storyId);
  });

  it('explains a damaged package in a dialog and changes nothing', async ({ defer, startApp }) => {
    const { file } = packageOnDisk(defer);
    fs.writeFileSync(file, 'not a package');
    const app = await startApp({ argv: ['newsroom', file] });
    await expect.poll(() => app.electron.recorded.errorBoxes.length).toBe(1);
    expect(app.electron.recorded.errorBoxes).toEqual([{ title: 'The story package was not opened', content: expect.stringMatching(/was not opened: it is not a Newsroom story package/) }]);
    expect((await app.call('story:list', {})).total).toBe(0);
  });
});
