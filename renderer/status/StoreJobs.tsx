/**
 * The store's long jobs started from the menu (File › Back Up Now, Check the Store and Photos,
 * Export All Approved…): each runs as a window job, so the job bar shows what it is doing, how
 * far it is and what is left, with Cancel; the notice says how it ended in one line.
 */
import { useEffect } from 'react';
import { invokeJob, onEvent } from '../api.js';
import { useApp } from '../app-context.js';
import { packageSize } from '../packages/ExportPackageButton.js';

function why(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function StoreJobs() {
  const app = useApp();
  useEffect(() => {
    // One of each at a time: a second Back Up Now while one runs would only queue behind it.
    const running = new Set<string>();
    const once = (name: string, run: () => Promise<void>) => () => {
      if (running.has(name)) return;
      running.add(name);
      void run().finally(() => running.delete(name));
    };
    const offBackup = onEvent('menu:back-up', once('backup', async () => {
      try {
        const taken = await invokeJob('backup:create', {}, 'Backing up the store');
        app.notify(`Backed up to ${taken.file} (${packageSize(taken.bytes)}, ${taken.photosCopied} new photos copied).`);
      } catch (error) {
        app.notify(`Backup not made: ${why(error)}`);
      }
    }));
    const offVerify = onEvent('menu:verify-store', once('verify', async () => {
      try {
        const checked = await invokeJob('backup:verify', {}, 'Checking the store and photos');
        app.notify(
          checked.ok
            ? `The store and its ${checked.photosChecked} photos are sound.`
            : `The check found problems: ${checked.problems.slice(0, 3).join('; ')}${checked.problems.length > 3 ? ` and ${checked.problems.length - 3} more` : ''}.`,
        );
      } catch (error) {
        app.notify(`Check not finished: ${why(error)}`);
      }
    }));
    const offExport = onEvent('menu:export-approved', once('export', async () => {
      try {
        const batch = await invokeJob('export:approved', {}, 'Exporting the approved stories');
        // null: the folder dialog was cancelled, which needs no word.
        if (batch === null) return;
        const failed = batch.stories.filter((s) => !s.ok);
        app.notify(
          failed.length === 0
            ? `Exported ${batch.total} approved ${batch.total === 1 ? 'story' : 'stories'} to ${batch.folder}.`
            : `Exported ${batch.total - failed.length} of ${batch.total} approved stories to ${batch.folder}; not exported: ${failed.map((s) => `${s.slug} (${s.message})`).slice(0, 3).join('; ')}.`,
        );
      } catch (error) {
        app.notify(`Export not finished: ${why(error)}`);
      }
    }));
    return () => {
      offBackup();
      offVerify();
      offExport();
    };
  }, [app]);
  return null;
}
