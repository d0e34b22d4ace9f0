/**
 * "Preview as published": saves what is typed, asks main for the exact page the export would
 * write (export:preview) and shows it in the sandboxed PreviewPane.
 */
import { useEffect, useRef, useState } from 'react';
import { invoke } from '../api.js';
import { Dialog } from '../review/Dialog.js';
import { PreviewPane } from './PreviewPane.js';

type Loaded = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; html: string; mode: 'publish' | 'preview' };

export function PreviewDialog({ storyId, flush, onClose }: { storyId: string; flush: () => Promise<boolean>; onClose: () => void }) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const flushNow = useRef(flush);
  flushNow.current = flush;

  useEffect(() => {
    let current = true;
    void (async () => {
      if (!(await flushNow.current())) {
        if (current) setLoaded({ kind: 'failed', message: 'The story is not saved yet: retry the save (top bar), then preview it again.' });
        return;
      }
      try {
        const page = await invoke('export:preview', { id: storyId });
        if (current) setLoaded({ kind: 'ready', ...page });
      } catch (error) {
        if (current) setLoaded({ kind: 'failed', message: `The preview could not be made: ${error instanceof Error ? error.message : String(error)}` });
      }
    })();
    return () => {
      current = false;
    };
  }, [storyId]);

  return (
    <Dialog title="Preview as published" onClose={onClose} testId="preview-dialog" className="publish-dialog publish-preview">
      {loaded.kind === 'loading' && <p className="publish-quiet">Making the page…</p>}
      {loaded.kind === 'failed' && (
        <p className="field-problem" role="alert" data-testid="preview-problem">
          {loaded.message}
        </p>
      )}
      {loaded.kind === 'ready' && (
        <>
          <p className="publish-quiet" data-testid="preview-mode">
            {loaded.mode === 'publish'
              ? 'This is the page exactly as the export writes it.'
              : 'This story is not approved: the page carries a preview notice and is not for publication.'}
          </p>
          <PreviewPane html={loaded.html} />
        </>
      )}
    </Dialog>
  );
}
