/**
 * Getting photos into the story: files dropped or pasted (their bytes go to `media:import` one at
 * a time, in the order given, each landing in a placeholder put at the drop point first), photos
 * picked with the file dialog (`media:choose`), and a photo swapped for another. Main stores and
 * scales the picture off the renderer's thread; the editor stays live meanwhile and the
 * placeholder says what it is waiting for.
 */
import {
  $getNodeByKey,
  HISTORY_MERGE_TAG,
  SKIP_DOM_SELECTION_TAG,
  SKIP_SCROLL_INTO_VIEW_TAG,
  type LexicalEditor,
  type LexicalNode,
  type NodeKey,
} from 'lexical';
import { $insertNodeToNearestRoot } from '@lexical/utils';
import type { ImportedPhoto } from '../../../../common/contract/index.js';
import { emptyPhotoNode, prefillPhoto } from '../../../../common/document.js';
import { invoke } from '../../../api.js';
import { $createPhotoNode, $isPhotoNode, type PhotoData } from '../../nodes/PhotoNode.js';
import { setPendingPhoto } from '../../nodes/PhotoPending.js';

/**
 * Main refuses photos far smaller than this (and says why); past it the renderer does not even
 * read the file into memory to hand it over, so a video dropped by mistake costs nothing.
 */
const UNREADABLE_BYTES = 512 * 1024 * 1024;

// Filling in a placeholder finishes the insert the reporter made: it joins that undo step, and
// moves neither the caret nor the scroll position of someone typing elsewhere meanwhile.
const FILL_IN = [HISTORY_MERGE_TAG, SKIP_DOM_SELECTION_TAG, SKIP_SCROLL_INTO_VIEW_TAG];

function dataOf(node: ImportedPhoto['node']): PhotoData {
  const { type: _type, version: _version, ...data } = node;
  return data;
}

/**
 * The photo at `key` now shows the imported picture. Words already written for it stay; only its
 * empty fields take what the new photo's metadata offers (marked to be checked).
 */
function $putPhoto(key: NodeKey, imported: ImportedPhoto): boolean {
  const node = $getNodeByKey(key);
  if (!$isPhotoNode(node)) return false;
  const moved = {
    ...node.exportJSON(),
    photoId: imported.photo.id,
    width: imported.node.width,
    height: imported.node.height,
  };
  node.setPhoto(dataOf(prefillPhoto(moved, imported.photo.metadata)));
  return true;
}

/**
 * Puts photos at the selection, in order. A photo is a block of its own: the first goes at the top
 * level (splitting a paragraph or list if need be), each next one right after the one before, so
 * no empty paragraph is left between them.
 */
function $insertPhotos(photos: PhotoData[]): NodeKey[] {
  let previous: LexicalNode | null = null;
  return photos.map((photo) => {
    const node = $createPhotoNode(photo);
    if (previous === null) previous = $insertNodeToNearestRoot(node);
    else previous = previous.insertAfter(node);
    return node.getKey();
  });
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A refusal that names the file, whether or not the reason already does. */
function refusalOf(name: string, error: unknown): string {
  const message = messageOf(error);
  return message.includes(name) ? message : `${name} was not added: ${message}`;
}

async function bytesOf(file: File): Promise<Uint8Array<ArrayBuffer>> {
  if (file.size > UNREADABLE_BYTES) {
    throw new Error(`${file.name} was not added: it is ${(file.size / 1024 / 1024 / 1024).toFixed(1)} GB, far too large for a photo; export a smaller JPEG`);
  }
  return new Uint8Array(await file.arrayBuffer());
}

export interface PhotoImporter {
  /** Puts a placeholder for each file at the selection, in order; only inside an update. */
  $insertFiles(files: readonly File[]): void;
  /** Swaps the photo at `key` for the file (the first, if several). */
  replaceWithFile(key: NodeKey, files: readonly File[]): void;
  /** The file dialog: inserts what was chosen at the caret, or swaps the photo at `replace`. */
  choose(replace?: NodeKey): Promise<void>;
  dispose(): void;
}

export function createPhotoImporter(
  editor: LexicalEditor,
  report: {
    /** Files that were not added, each message naming the file and why. */
    refused(messages: string[]): void;
    /** Photos are on their way from the file dialog (true) or arrived (false). */
    choosing(busy: boolean): void;
  },
): PhotoImporter {
  let disposed = false;
  // One import at a time, in the order asked for: photos land in the order they were dropped, and
  // a second drop waits for the first instead of racing it through sharp.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (job: () => Promise<void>) => {
    queue = queue.then(job, job);
  };

  const importInto = async (key: NodeKey, file: File, replacing: boolean): Promise<string | null> => {
    try {
      const imported = await invoke('media:import', { name: file.name, bytes: await bytesOf(file) });
      if (!disposed) editor.update(() => void $putPhoto(key, imported), { tag: FILL_IN });
      return null;
    } catch (error) {
      // A new photo that could not be stored leaves no empty frame behind; a replaced one stays as it was.
      if (!disposed && !replacing) {
        editor.update(() => $getNodeByKey(key)?.remove(), { tag: FILL_IN });
      }
      return refusalOf(file.name, error);
    } finally {
      setPendingPhoto(editor, key, null);
    }
  };

  const refuse = (messages: string[]) => {
    if (!disposed && messages.length > 0) report.refused(messages);
  };

  return {
    $insertFiles(files) {
      if (files.length === 0) return;
      const keys = $insertPhotos(files.map(() => dataOf(emptyPhotoNode(''))));
      const placed = files.map((file, index) => ({ key: keys[index] as NodeKey, file }));
      for (const { key, file } of placed) setPendingPhoto(editor, key, { name: file.name, replacing: false });
      enqueue(async () => {
        const refused: string[] = [];
        for (const { key, file } of placed) {
          const refusal = await importInto(key, file, false);
          if (refusal !== null) refused.push(refusal);
        }
        refuse(refused);
      });
    },

    replaceWithFile(key, files) {
      const [file, ...others] = files;
      if (!file) return;
      setPendingPhoto(editor, key, { name: file.name, replacing: true });
      enqueue(async () => {
        const refusal = await importInto(key, file, true);
        refuse([
          ...(refusal === null ? [] : [refusal]),
          ...others.map((other) => `${other.name} was not added: a photo is replaced by one file; drop the others between paragraphs`),
        ]);
      });
    },

    async choose(replace) {
      if (replace !== undefined) setPendingPhoto(editor, replace, { name: '', replacing: true });
      else report.choosing(true);
      try {
        const { imported, refused } = await invoke('media:choose', {});
        if (disposed) return;
        const [first, ...others] = imported;
        if (replace !== undefined) {
          if (first) editor.update(() => void $putPhoto(replace, first), { tag: [SKIP_SCROLL_INTO_VIEW_TAG] });
          refuse([
            ...refused.map((file) => file.message),
            ...others.map(({ photo }) => `${photo.originalName} was not used: a photo is replaced by one file`),
          ]);
        } else {
          if (imported.length > 0) {
            editor.update(() => void $insertPhotos(imported.map(({ node }) => dataOf(node))));
          }
          refuse(refused.map((file) => file.message));
        }
      } catch (error) {
        refuse([`No photo added: ${messageOf(error)}`]);
      } finally {
        if (replace !== undefined) setPendingPhoto(editor, replace, null);
        else if (!disposed) report.choosing(false);
      }
    },

    dispose() {
      disposed = true;
    },
  };
}
