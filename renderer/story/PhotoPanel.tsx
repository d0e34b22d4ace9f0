/**
 * The story's photos at a glance, beside the body: a thumbnail each, a badge on any photo still
 * missing its caption, credit or alt text (the same rule the approval checklist applies), and a
 * note of fields taken from the photo's metadata that nobody has checked yet. Clicking one scrolls
 * to it and puts the cursor in the first box it lacks. Read live from the editor, so a badge goes
 * the moment the missing text is typed.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot, type LexicalEditor, type NodeKey } from 'lexical';
import { missingPhotoFields, photoUrl, PHOTO_FIELD_LABELS, type PhotoField } from '../../common/photo.js';
import { $isPhotoNode } from '../editor/nodes/PhotoNode.js';
import { isPhotoPending, onPendingPhotos } from '../editor/nodes/PhotoPending.js';
import type { PhotoTextField } from '../editor/nodes/PhotoFigure.js';

interface PanelPhoto {
  key: NodeKey;
  photoId: string;
  caption: string;
  missing: PhotoField[];
  unchecked: number;
  /** Main is still storing it: nothing to fill in yet. */
  pending: boolean;
}

const SHORT_LABELS: Record<PhotoField, string> = { caption: 'caption', credit: 'credit', alt: 'alt text' };

/** The box to fill first for each thing a photo lacks. */
const FIRST_BOX: Record<PhotoField, PhotoTextField> = { caption: 'caption', credit: 'photographers', alt: 'alt' };

function readPhotos(editor: LexicalEditor): PanelPhoto[] {
  return editor.getEditorState().read(() =>
    $getRoot()
      .getChildren()
      .filter($isPhotoNode)
      .map((node) => {
        const photo = node.getPhoto();
        return {
          key: node.getKey(),
          photoId: photo.photoId,
          caption: photo.caption,
          missing: missingPhotoFields(photo),
          unchecked: photo.fromPhoto.length,
          pending: isPhotoPending(editor, node.getKey()),
        };
      }),
  );
}

/** How long a click in the panel waits for the photo's figure to appear. */
const FIGURE_WAIT_FRAMES = 120;

/**
 * Runs `then` with the photo's figure and box once they are on screen. The panel shows as soon as
 * the story does, but the figure's code arrives a moment later (PhotoNode loads it lazily): a
 * reporter who clicks a photo in the panel straight away still lands in its box. A figure without
 * the box (none after a long wait) is scrolled to all the same.
 */
function whenBoxShown(editor: LexicalEditor, key: NodeKey, field: PhotoTextField, then: (figure: HTMLElement, box: HTMLElement | null) => void): void {
  let frames = 0;
  const look = () => {
    const figure = editor.getElementByKey(key);
    if (!figure) return;
    const box = figure.querySelector<HTMLElement>(`[data-photo-field="${field}"]`);
    if (box || frames >= FIGURE_WAIT_FRAMES) then(figure, box);
    else {
      frames += 1;
      requestAnimationFrame(look);
    }
  };
  look();
}

/** The story's photos, re-read on every edit but handed to React only when the panel would change. */
function useStoryPhotos(editor: LexicalEditor): PanelPhoto[] {
  const last = useRef<{ signature: string; photos: PanelPhoto[] } | null>(null);
  const subscribe = useCallback((listener: () => void) => {
    const stopEdits = editor.registerUpdateListener(() => listener());
    const stopImports = onPendingPhotos(editor, listener);
    return () => {
      stopEdits();
      stopImports();
    };
  }, [editor]);
  const snapshot = () => {
    const photos = readPhotos(editor);
    const signature = JSON.stringify(photos);
    if (last.current?.signature !== signature) last.current = { signature, photos };
    return last.current.photos;
  };
  return useSyncExternalStore(subscribe, snapshot);
}

export function PhotoPanel() {
  const [editor] = useLexicalComposerContext();
  const photos = useStoryPhotos(editor);

  const goTo = (photo: PanelPhoto) => {
    const first = photo.missing[0];
    const field = first ? FIRST_BOX[first] : 'caption';
    whenBoxShown(editor, photo.key, field, (figure, box) => {
      figure.scrollIntoView({ block: 'start' });
      if (!box) return;
      // A box folded away in the compact photo card is unfolded first, or it could not take the focus.
      const folded = box.closest('details');
      if (folded && !folded.open) folded.open = true;
      box.focus({ preventScroll: true });
      box.scrollIntoView({ block: 'nearest' });
    });
  };

  if (photos.length === 0) return null;
  return (
    <aside className="photo-panel" aria-label="Photos in this story" data-testid="photo-panel">
      <div className="photo-panel-inner">
        <h2>
          Photos <span className="photo-panel-count">{photos.length}</span>
        </h2>
        <ol>
          {photos.map((photo, index) => {
            const lacking = photo.missing.map((field) => SHORT_LABELS[field]).join(', ');
            return (
              <li key={photo.key}>
                <button
                  type="button"
                  className="photo-panel-item"
                  data-testid="photo-panel-item"
                  title={photo.missing.length > 0 ? `Photo ${index + 1} needs ${photo.missing.map((f) => PHOTO_FIELD_LABELS[f]).join(', ')}` : `Photo ${index + 1}`}
                  onClick={() => goTo(photo)}
                >
                  {photo.photoId === '' ? (
                    <span className="photo-panel-thumb photo-panel-thumb-empty" />
                  ) : (
                    <img className="photo-panel-thumb" src={photoUrl(photo.photoId, 'thumb')} alt="" loading="lazy" decoding="async" />
                  )}
                  <span className="photo-panel-text">
                    <span className="photo-panel-name">Photo {index + 1}</span>
                    <span className="photo-panel-caption">{photo.pending ? 'Adding…' : photo.caption || 'No caption'}</span>
                    {photo.missing.length > 0 && !photo.pending && (
                      <span className="photo-badge photo-badge-missing" data-testid="photo-badge-missing">
                        Needs {lacking}
                      </span>
                    )}
                    {photo.unchecked > 0 && (
                      <span className="photo-badge photo-badge-check" data-testid="photo-badge-check">
                        {photo.unchecked === 1 ? '1 field' : `${photo.unchecked} fields`} from photo to check
                      </span>
                    )}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      </div>
    </aside>
  );
}
