import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect } from 'vitest';
import { menuTemplate } from '../../main/electron/menu.js';
import { it } from '../helpers/electronStub.js';
import { by } from '../helpers/dataDir.js';



function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function roles(template: MenuItemConstructorOptions[]): string[] {
  return items(template).flatMap((item) => (item.role === undefined ? [] : [item.role]));
}

describe('the application menu', () => {
  it('is installed once the app is ready', async ({ startApp }) => {
    const { electron } = await startApp();
    expect(electron.recorded.menus).toHaveLength(1);
    expect(electron.recorded.menus[0]?.template.length).toBeGreaterThan(0);
  });

  it.for<[string, string, string]>([
    ['New Story', 'CmdOrCtrl+N', 'menu:new-story'],
    ['Find', 'CmdOrCtrl+F', 'menu:find'],
    ['Save Revision', 'CmdOrCtrl+S', 'menu:save-revision'],
    ['Insert Photo…', 'CmdOrCtrl+Shift+P', 'menu:insert-photo'],
    ['Export Package…', 'CmdOrCtrl+Shift+E', 'menu:export-package'],
    ['Switch Profile…', 'CmdOrCtrl+Shift+U', 'menu:switch-profile'],
    ['Import…', 'CmdOrCtrl+Shift+O', 'menu:import'],
    ['Preview as Published', 'CmdOrCtrl+Alt+P', 'menu:preview'],
    ['Export…', 'CmdOrCtrl+Alt+E', 'menu:export-story'],
  ])('has %s on %s, which sends %s to the window', async ([label, accelerator, event], { startApp }) => {
    const { electron, contents } = await startApp();
    const item = items(electron.recorded.menus[0]?.template ?? []).find((i) => i.label === label);
    expect(item?.accelerator).toBe(accelerator);
    const click = item?.click as (() => void) | undefined;
    click?.();
    expect(contents.sentChannels()).toEqual([event]);
  });

  it.for<[string, string]>([
    ['Export All Approved…', 'menu:export-approved'],
    ['Back Up Now', 'menu:back-up'],
    ['Check the Store and Photos', 'menu:verify-store'],
  ])('has %s, a window job, which sends %s to the window', async ([label, event], { startApp }) => {
    const { electron, contents } = await startApp();
    const item = items(electron.recorded.menus[0]?.template ?? []).find((i) => i.label === label);
    (item?.click as (() => void) | undefined)?.();
    expect(contents.sentChannels()).toEqual([event]);
  });

  it('opens a package chosen in the system dialog from File › Open Package…', async ({ startApp, defer }) => {
    const app = await startApp();
    const { electron, contents } = app;
    const { tempNewsroom } = await import('../helpers/dataDir.js');
    const fs = await import('node:fs');
    const path = await import('node:path');
    const other = tempNewsroom();
    defer(other.cleanup);
    const story = other.stories.create({ fields: { headline: 'Chosen in the dialog' } }, by(null));
    const file = path.join(other.dataDir, 'chosen.newsroom');
    fs.writeFileSync(file, other.packages.pack(story.id).bytes);
    electron.recorded.nextOpenDialogPaths = [file];
    const item = items(electron.recorded.menus[0]?.template ?? []).find((i) => i.label === 'Open Package…');
    expect(item?.accelerator).toBe('CmdOrCtrl+O');
    (item?.click as () => void)();
    await expect.poll(() => contents.sentChannels()).toContain('package:opened');
    expect((await app.call('story:get', { id: story.id })).headline).toBe('Chosen in the dialog');
    expect(electron.recorded.openDialogs.at(-1)?.filters).toEqual([{ name: 'Newsroom story package', extensions: ['newsroom'] }]);
  });

  it('keeps the platform editing and window roles', () => {
    const linux = roles(menuTemplate({ platform: 'linux', isPackaged: true, send: () => undefined }));
    expect(linux).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit', 'windowMenu']));
    expect(linux).not.toContain('appMenu');
  });

  it('starts with the app menu on macOS, where File closes the window instead of quitting', () => {
    const template = menuTemplate({ platform: 'darwin', isPackaged: true, send: () => undefined });
    expect(template[0]).toEqual({ role: 'appMenu' });
    expect(roles(template)).toContain('close');
    expect(roles(template)).not.toContain('quit');
  });

  it('offers developer tools in development only, and never Reload (it would drop unsaved text)', () => {
    const packaged = roles(menuTemplate({ platform: 'linux', isPackaged: true, send: () => undefined }));
    const development = roles(menuTemplate({ platform: 'linux', isPackaged: false, send: () => undefined }));
    expect(packaged).not.toContain('toggleDevTools');
    expect(development).toContain('toggleDevTools');
    for (const list of [packaged, development]) {
      expect(list).not.toContain('reload');
      expect(list).not.toContain('forceReload');
    }
  });
});
