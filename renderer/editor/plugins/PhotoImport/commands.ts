/** What the rest of the editor may ask of the photo import plugin. */
import { createCommand, type LexicalCommand, type NodeKey } from 'lexical';

/**
 * Opens the system file dialog (`media:choose`): the photos chosen go in at the caret, or, with
 * `replace`, the first one takes the place of that photo.
 */
export const CHOOSE_PHOTOS_COMMAND: LexicalCommand<{ replace?: NodeKey }> = createCommand('CHOOSE_PHOTOS_COMMAND');

/** A file dropped on a photo: it takes that photo's place, keeping the words written for it. */
export const REPLACE_PHOTO_COMMAND: LexicalCommand<{ key: NodeKey; files: File[] }> = createCommand('REPLACE_PHOTO_COMMAND');
