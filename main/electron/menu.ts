/**
 * The native menu: the platform's standard roles (so copy, paste, undo, zoom and window handling
 * behave as everywhere else), plus the Newsroom commands, which are sent to the renderer as events.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { EventName } from '../../common/contract/index.js';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Developer tools only in development builds. */
  isPackaged: boolean;
  /** Sends a menu command to the Newsroom window. */
  send: (event: EventName) => void;
  /** File › Open Package…: main shows the dialog and opens the package itself. */
  openPackage?: () => void;
}

export function menuTemplate({ platform, isPackaged, send, openPackage }: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const command = (label: string, accelerator: string, event: EventName): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => send(event),
  });
  // Accelerators stay clear of the editor's own (Ctrl/Cmd+B, I, K, Z) and of Chromium's
  // Ctrl+Shift+V (paste as plain text).
  // File, Edit and View are written out rather than taken whole from the fileMenu/editMenu/viewMenu
  // roles: those roles cannot take extra items, and viewMenu's Reload would drop unsaved text.
  return [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        command('New Story', 'CmdOrCtrl+N', 'menu:new-story'),
        command('Save Revision', 'CmdOrCtrl+S', 'menu:save-revision'),
        command('Insert Photo…', 'CmdOrCtrl+Shift+P', 'menu:insert-photo'),
        { type: 'separator' },
        command('Import…', 'CmdOrCtrl+Shift+O', 'menu:import'),
        { label: 'Open Package…', accelerator: 'CmdOrCtrl+O', click: () => openPackage?.() },
        command('Export Package…', 'CmdOrCtrl+Shift+E', 'menu:export-package'),
        command('Switch Profile…', 'CmdOrCtrl+Shift+U', 'menu:switch-profile'),
        { type: 'separator' },
        command('Preview as Published', 'CmdOrCtrl+Alt+P', 'menu:preview'),
        command('Export…', 'CmdOrCtrl+Alt+E', 'menu:export-story'),
        { type: 'separator' },
        { label: 'Export All Approved…', click: () => send('menu:export-approved') },
        { label: 'Back Up Now', click: () => send('menu:back-up') },
        { label: 'Check the Store and Photos', click: () => send('menu:verify-store') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'pasteAndMatchStyle' },
        { role: 'delete' },
        { role: 'selectAll' },
        { type: 'separator' },
        command('Find', 'CmdOrCtrl+F', 'menu:find'),
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(isPackaged ? [] : [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const]),
      ],
    },
    { role: 'windowMenu' },
  ];
}
