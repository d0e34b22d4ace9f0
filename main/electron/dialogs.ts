/** The system's file dialogs, as the door's `Platform` asks for them (photos, stories to import, a package, an export folder). */
import type { Platform } from '../handlers.js';
import type { ElectronApi } from './electronApi.js';

export function desktopDialogs(electron: Pick<ElectronApi, 'dialog'>, hasWindow: () => boolean): Platform {
  const { dialog } = electron;
  return {
    chooseImageFiles: async () => {
      if (!hasWindow()) return [];
      const chosen = await dialog.showOpenDialog({
        title: 'Add photos to the story',
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Photos', extensions: ['jpg', 'jpeg', 'png', 'webp', 'gif', 'tif', 'tiff', 'avif'] }],
      });
      return chosen.canceled ? [] : chosen.filePaths;
    },
    chooseImportFiles: async () => {
      if (!hasWindow()) return [];
      const chosen = await dialog.showOpenDialog({
        title: 'Import stories',
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Stories', extensions: ['docx', 'md', 'markdown', 'html', 'htm', 'txt'] }],
      });
      return chosen.canceled ? [] : chosen.filePaths;
    },
    chooseExportFolder: async () => {
      const chosen = await dialog.showOpenDialog({ title: 'Export the story to a folder', properties: ['openDirectory', 'createDirectory'] });
      return chosen.canceled || chosen.filePaths[0] === undefined ? null : chosen.filePaths[0];
    },
    chooseSavePath: async (defaultName) => {
      const chosen = await dialog.showSaveDialog({
        title: 'Save the story package',
        defaultPath: defaultName,
        filters: [{ name: 'Newsroom story package', extensions: ['newsroom'] }],
      });
      return chosen.canceled || chosen.filePath === undefined ? null : chosen.filePath;
    },
  };
}
