/**
 * The desk takes a story package dropped anywhere on it: the file's bytes go to main
 * (`package:open`), which checks everything before it changes anything, and the arrival is shown
 * (and its story opened) like a package opened by double click. Any other file is refused with a
 * word on where it belongs. The banner for the desk is shown here too.
 */
import { useCallback, useEffect, useState } from 'react';
import { invokeJob } from '../api.js';
import { placeOf, useShownPackage, usePackageArrivals } from './arrivals.js';
import { PackageBanner } from './PackageBanner.js';

export const PACKAGE_EXTENSION = '.newsroom';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/** Files the desk takes for another job (story files to import): they go there, not refused. */
export interface OtherDeskFiles {
  accepts: (file: File) => boolean;
  take: (files: File[]) => void;
  /** Added to the drop zone's words: "or a .txt … file to import it". */
  hint: string;
}

export function PackageDrop({ others }: { others?: OtherDeskFiles } = {}) {
  const arrivals = usePackageArrivals();
  const shown = useShownPackage(placeOf({ name: 'desk' }));
  const [dragging, setDragging] = useState(false);
  const [opening, setOpening] = useState<string | null>(null);

  const openFiles = useCallback(
    async (dropped: File[]) => {
      const isPackage = (file: File) => file.name.toLowerCase().endsWith(PACKAGE_EXTENSION);
      const taken = others ? dropped.filter((file) => !isPackage(file) && others.accepts(file)) : [];
      if (taken.length > 0) others?.take(taken);
      const files = dropped.filter((file) => !taken.includes(file));
      if (files.length === 0) return;
      const packages = files.filter(isPackage);
      if (packages.length === 0) {
        const names = files.map((file) => file.name).join(', ');
        arrivals.refuse(
          `${names} cannot be opened on the desk: drop a story package (${PACKAGE_EXTENSION})${others ? `, ${others.hint}` : ''}. To add a photo, open a story and drop it into the text.`,
        );
        return;
      }
      for (const file of packages) {
        setOpening(file.name);
        try {
          const bytes = new Uint8Array(await file.arrayBuffer());
          arrivals.receive(await invokeJob('package:open', { name: file.name, bytes }, `Opening ${file.name}`), { always: true });
        } catch (error) {
          arrivals.refuse(error instanceof Error ? error.message : String(error));
        } finally {
          setOpening(null);
        }
      }
    },
    [arrivals, others],
  );

  useEffect(() => {
    // Counted, because dragenter/dragleave fire for every element the drag crosses.
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Never let the window navigate to the dropped file.
      event.preventDefault();
      depth = 0;
      setDragging(false);
      void openFiles([...(event.dataTransfer?.files ?? [])]);
    };
    document.addEventListener('dragenter', enter);
    document.addEventListener('dragover', over);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragenter', enter);
      document.removeEventListener('dragover', over);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', drop);
    };
  }, [openFiles]);

  return (
    <>
      {opening !== null && (
        <div className="banner package-banner" role="status" data-testid="package-opening">
          <p>Opening {opening}…</p>
        </div>
      )}
      {shown && opening === null && <PackageBanner shown={shown} />}
      {dragging && (
        <div className="package-drop-zone" aria-hidden="true" data-testid="package-drop-zone">
          <p>
            Drop a story package ({PACKAGE_EXTENSION}) to open it{others ? `, ${others.hint}` : ''}
          </p>
        </div>
      )}
    </>
  );
}
