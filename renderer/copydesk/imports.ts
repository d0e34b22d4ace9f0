/**
 * Copy brought in from files: each file dropped on the desk, picked with "Import…" or chosen after
 * File › Import… goes to main as bytes (`import:file`) and becomes one new draft. Files are taken
 * one at a time, in the order given, and every outcome is kept (the story and its import report,
 * or the refusal, which names the file) until the person closes the report.
 *
 * Kept outside React, like the package arrivals, because three places start an import (the desk's
 * drop, its button, the menu) and one dialog at the top of the window shows them.
 */
import { useSyncExternalStore } from 'react';
import type { ImportReport } from '../../common/contract/index.js';
import { invokeJob } from '../api.js';

/** What main's importer reads (it also recognises a file by its content, whatever its name). */
export const IMPORT_EXTENSIONS = ['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.xhtml', '.docx'] as const;
/** For the file picker's `accept`. */
export const IMPORT_ACCEPT = IMPORT_EXTENSIONS.join(',');

export function isImportable(fileName: string): boolean {
  const name = fileName.toLowerCase();
  return IMPORT_EXTENSIONS.some((ext) => name.endsWith(ext));
}

export type ImportOutcome = { name: string; ok: true; result: ImportReport } | { name: string; ok: false; message: string };

export type ImportState =
  /** File › Import… came without a click the page can use to open the file picker: ask for one. */
  | { kind: 'asking' }
  | {
      kind: 'importing' | 'done';
      /** Every file of the batch, in order. */
      names: string[];
      outcomes: ImportOutcome[];
      /** Bumped per batch, so the dialog opens the story of this batch only once. */
      batch: number;
    }
  | null;

let state: ImportState = null;
let batches = 0;
/** Stories created by imports in this window: the desk list reloads when it goes up. */
let created = 0;
let queue: Promise<void> = Promise.resolve();
let chooser: (() => void) | null = null;
const listeners = new Set<() => void>();

function set(next: ImportState): void {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useImportState(): ImportState {
  return useSyncExternalStore(subscribe, () => state);
}

/** How many stories imports have created in this window: a key for lists that must show them. */
export function useStoriesImported(): number {
  return useSyncExternalStore(subscribe, () => created);
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Imports the files, one new draft each. Files given while a batch is still running join it, so
 * the report lists everything dropped in one go.
 */
export function importFiles(files: readonly File[]): Promise<void> {
  if (files.length === 0) return queue;
  if (state !== null && state.kind === 'importing') {
    set({ ...state, names: [...state.names, ...files.map((f) => f.name)] });
  } else {
    batches += 1;
    set({ kind: 'importing', names: files.map((f) => f.name), outcomes: [], batch: batches });
  }
  const batch = batches;
  queue = queue.then(async () => {
    for (const file of files) {
      let outcome: ImportOutcome;
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        outcome = { name: file.name, ok: true, result: await invokeJob('import:file', { name: file.name, bytes }, `Importing ${file.name}`) };
      } catch (error) {
        // Main's refusals start with the file's name; a failure to read the file here does not.
        const message = reason(error);
        outcome = { name: file.name, ok: false, message: message.startsWith(`${file.name}:`) ? message : `${file.name}: ${message}` };
      }
      if (outcome.ok) created += 1;
      if (state === null || state.kind === 'asking' || state.batch !== batch) continue;
      set({ ...state, outcomes: [...state.outcomes, outcome] });
    }
    if (state !== null && state.kind === 'importing' && state.batch === batch && state.outcomes.length === state.names.length) {
      set({ ...state, kind: 'done' });
    }
  });
  return queue;
}

/** The hidden file input registers how to open it; "Import…" and the menu call `chooseImportFiles`. */
export function registerImportChooser(open: () => void): () => void {
  chooser = open;
  return () => {
    if (chooser === open) chooser = null;
  };
}

/**
 * Opens the file picker. A page may open it only during a click or key press (Chromium refuses
 * otherwise: "File chooser dialog can only be shown with a user activation"); a menu command
 * arrives from main without one, so then the dialog asks for the click first.
 */
export function chooseImportFiles(): void {
  const activated = navigator.userActivation?.isActive ?? true;
  if (activated && chooser) {
    chooser();
    return;
  }
  if (state === null || state.kind === 'done') set({ kind: 'asking' });
}

/** The person closed the report (or the question): forget it. A running import keeps going. */
export function closeImports(): void {
  if (state !== null && state.kind === 'importing') return;
  set(null);
}
