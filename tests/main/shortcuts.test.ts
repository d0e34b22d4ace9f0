/**
 * The shortcut sheet (renderer/shortcuts/keys.ts) lists every accelerator of the native menu, each
 * with the same key, so what the window says matches what the menu does.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../main/electron/menu.js';
import { SHORTCUT_GROUPS, keyLabel } from '../../renderer/shortcuts/keys.js';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

describe('the shortcut sheet', () => {
  it('lists every menu accelerator, and no menu shortcut the menu does not have', () => {
    const menu = items(menuTemplate({ platform: 'linux', isPackaged: true, send: () => undefined }))
      .flatMap((item) => (typeof item.accelerator === 'string' ? [item.accelerator] : []))
      .sort();
    const sheet = SHORTCUT_GROUPS.flatMap((g) => g.shortcuts)
      .filter((s) => s.where === 'menu')
      .map((s) => s.keys)
      .sort();
    expect(menu.length).toBeGreaterThan(5);
    expect(sheet).toEqual(menu);
  });

  it('writes keys the way the platform does', () => {
    expect(keyLabel('CmdOrCtrl+Shift+P')).toBe('Ctrl+Shift+P');
    expect(keyLabel('CmdOrCtrl+/')).toBe('Ctrl+/');
  });
});
