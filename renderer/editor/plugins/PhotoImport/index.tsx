/**
 * Photos in: the toolbar's Photo button and the Insert Photo menu (file dialog), files dropped on
 * the body (at the drop point, in the order dropped), an image pasted from the clipboard, and a
 * file dropped on a photo to replace it. Files main refuses are listed in a notice that stays
 * until the reporter dismisses it, each naming the file and the reason.
 */
import { useEffect, useState, type MouseEvent } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_CRITICAL, COMMAND_PRIORITY_EDITOR, PASTE_COMMAND } from 'lexical';
import { DRAG_DROP_PASTE } from '@lexical/rich-text';
import { mergeRegister } from '@lexical/utils';
import { refreshCreditFormat } from '../../nodes/PhotoCreditFormat.js';
import { CHOOSE_PHOTOS_COMMAND, REPLACE_PHOTO_COMMAND } from './commands.js';
import { createPhotoImporter } from './photoImporter.js';

export { CHOOSE_PHOTOS_COMMAND, REPLACE_PHOTO_COMMAND } from './commands.js';

const LOCKED = 'No photo added: this story is locked; an editor must reopen it before it can change.';

export function PhotoImportPlugin() {
  const [editor] = useLexicalComposerContext();
  const [refusals, setRefusals] = useState<string[]>([]);
  const [choosing, setChoosing] = useState(false);

  useEffect(() => {
    void refreshCreditFormat();
  }, []);

  useEffect(() => {
    const importer = createPhotoImporter(editor, {
      refused: (messages) => setRefusals((shown) => [...shown, ...messages]),
      choosing: setChoosing,
    });
    return mergeRegister(
      // Lexical's rich text sends files dropped on the body (with the caret already at the drop
      // point) and files pasted without any text here.
      editor.registerCommand(
        DRAG_DROP_PASTE,
        (files) => {
          importer.$insertFiles(files);
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
      // "Copy image" in a browser puts an <img> tag on the clipboard beside the picture, which
      // would go to the HTML paste and lose the picture: an image with no text to go with it is a photo.
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const clipboard = event instanceof ClipboardEvent ? event.clipboardData : null;
          if (!clipboard) return false;
          const images = [...clipboard.files].filter((file) => file.type.startsWith('image/'));
          if (images.length === 0 || clipboard.getData('text/plain').trim() !== '') return false;
          event.preventDefault();
          importer.$insertFiles(images);
          return true;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      editor.registerCommand(
        CHOOSE_PHOTOS_COMMAND,
        ({ replace }) => {
          // The menu reaches a locked story too; its body and photos do not change until it is reopened.
          if (!editor.isEditable()) setRefusals((shown) => [...shown, LOCKED]);
          else void importer.choose(replace);
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
      editor.registerCommand(
        REPLACE_PHOTO_COMMAND,
        ({ key, files }) => {
          if (editor.isEditable()) importer.replaceWithFile(key, files);
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
      () => importer.dispose(),
    );
  }, [editor]);

  if (refusals.length === 0 && !choosing) return null;
  return (
    <div className="photo-notices">
      {choosing && (
        <div className="photo-notice photo-notice-busy" role="status" data-testid="photo-choosing">
          <span>Adding photos…</span>
          <progress aria-label="Adding photos" />
        </div>
      )}
      {refusals.length > 0 && (
        <div className="photo-notice" role="alert" data-testid="photo-notice">
          <ul>
            {refusals.map((message, index) => (
              <li key={index}>{message}</li>
            ))}
          </ul>
          <button type="button" className="quiet" aria-label="Dismiss" data-testid="photo-notice-dismiss" onClick={() => setRefusals([])}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}

/** Keeps the caret in the body when the button is pressed, so the photo goes where it was. */
const keepFocus = (event: MouseEvent) => event.preventDefault();

/** The toolbar's Photo button: the same file dialog as Insert ▸ Photo in the menu. */
export function InsertPhotoButton() {
  const [editor] = useLexicalComposerContext();
  return (
    <button
      type="button"
      className="tool"
      title="Add photos from files (or drop them on the text, or paste one)"
      data-testid="insert-photo"
      onMouseDown={keepFocus}
      onClick={() => editor.dispatchCommand(CHOOSE_PHOTOS_COMMAND, {})}
    >
      Photo
    </button>
  );
}
