/**
 * Photos main is still storing, by node key, for each editor: what a photo figure shows while it
 * waits ("Adding statue.jpg…"). Kept beside the document, never in it: an undo that brings a
 * placeholder back must not bring back a spinner for an import that has long finished.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { LexicalEditor, NodeKey } from 'lexical';

export interface PendingPhoto {
  /** The file being stored, as the reporter knows it; '' when main picks it (file dialog). */
  name: string;
  /** True when a photo already in place is being swapped for this one. */
  replacing: boolean;
}

interface EditorImports {
  photos: Map<NodeKey, PendingPhoto>;
  listeners: Set<() => void>;
}

const byEditor = new WeakMap<LexicalEditor, EditorImports>();

function importsOf(editor: LexicalEditor): EditorImports {
  let imports = byEditor.get(editor);
  if (!imports) {
    imports = { photos: new Map(), listeners: new Set() };
    byEditor.set(editor, imports);
  }
  return imports;
}

/** Marks a photo as waiting for main, or (with null) as done. */
export function setPendingPhoto(editor: LexicalEditor, key: NodeKey, pending: PendingPhoto | null): void {
  const imports = importsOf(editor);
  if (pending === null) {
    if (!imports.photos.delete(key)) return;
  } else {
    imports.photos.set(key, pending);
  }
  for (const listener of imports.listeners) listener();
}

export function isPhotoPending(editor: LexicalEditor, key: NodeKey): boolean {
  return importsOf(editor).photos.has(key);
}

/** Calls `listener` whenever a photo of this editor starts or stops waiting; returns the unsubscribe. */
export function onPendingPhotos(editor: LexicalEditor, listener: () => void): () => void {
  const { listeners } = importsOf(editor);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function usePendingPhoto(editor: LexicalEditor, key: NodeKey): PendingPhoto | undefined {
  const subscribe = useCallback((listener: () => void) => onPendingPhotos(editor, listener), [editor]);
  return useSyncExternalStore(subscribe, () => importsOf(editor).photos.get(key));
}
