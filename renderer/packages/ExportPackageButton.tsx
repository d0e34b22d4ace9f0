/**
 * "Export package…" (top bar, and File › Export Package…): saves what is typed, then main packs
 * the story with its photos, notes and history and asks where to save it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { invokeJob, onEvent } from '../api.js';
import { useApp } from '../app-context.js';

export function packageSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function ExportPackageButton({ storyId, flush }: { storyId: string; flush: () => Promise<boolean> }) {
  const app = useApp();
  const [busy, setBusy] = useState(false);
  const flushNow = useRef(flush);
  flushNow.current = flush;
  const busyNow = useRef(false);

  const exportPackage = useCallback(async () => {
    if (busyNow.current) return;
    busyNow.current = true;
    setBusy(true);
    try {
      if (!(await flushNow.current())) {
        app.notify('Package not made: the story is not saved yet. Retry the save, then export the package.');
        return;
      }
      const saved = await invokeJob('package:export', { id: storyId }, 'Packing the story');
      // null: the save dialog was cancelled, which needs no word.
      if (saved !== null) app.notify(`Package saved to ${saved.path} (${packageSize(saved.bytes)}).`);
    } catch (error) {
      app.notify(`Package not made: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      busyNow.current = false;
      setBusy(false);
    }
  }, [app, storyId]);

  useEffect(() => onEvent('menu:export-package', () => void exportPackage()), [exportPackage]);

  return (
    <button type="button" className="quiet" disabled={busy} onClick={() => void exportPackage()} data-testid="export-package">
      Export package…
    </button>
  );
}
