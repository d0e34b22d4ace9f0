/**
 * Autosave for the open story: wires the editor and the story form to an `AutosaveController`
 * (see controller.ts for the rules), and shows where the text stands: "Saved 10:42", "Saving…",
 * or "Not saved: <why>" with Retry. A conflict never reloads over the reporter's text; the
 * ConflictBanner offers to save it as a copy or to reload the other version.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { BLUR_COMMAND, COMMAND_PRIORITY_LOW, type LexicalEditor } from 'lexical';
import { mergeRegister } from '@lexical/utils';
import { parseStoryDocument } from '../../../../common/document.js';
import { fieldsOf, type Story, type StoryFields } from '../../../../common/story.js';
import { invoke, onStoreStatus } from '../../../api.js';
import { clockTime, fullDateTime } from '../../../format.js';
import { AutosaveController, fieldsKey, type SaveState, type StorySnapshot } from './controller.js';

export type { SaveState, StorySnapshot };

/** The body as the store takes it: Lexical's serialized editor state, as JSON text. */
export function bodyOf(editor: LexicalEditor): string {
  // read() commits pending updates first, so the last keystroke is included.
  return editor.read(() => JSON.stringify(editor.getEditorState().toJSON()));
}

/** The same text, as the store keeps bodies (normalised by the same validator). */
function sameBody(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return JSON.stringify(parseStoryDocument(a)) === JSON.stringify(parseStoryDocument(b));
  } catch {
    return false;
  }
}

export interface Autosave {
  /** As last rendered. */
  state: SaveState;
  /** As it is this moment (after an awaited flush, before React renders again). */
  stateNow(): SaveState;
  /** Saves now; true when everything typed is stored. */
  flush(): Promise<boolean>;
  /** The version this window last saved or adopted: what a move or restore must name after a flush. */
  versionNow(): number;
  /** Fields and body as they are on screen now, saved or not. */
  snapshot(): StorySnapshot;
  /** Replaces the reporter's text with the version in the store (after a conflict). */
  reloadTheirs(): Promise<Story>;
  /**
   * Adopts a version written by another action on this window (trash, restore, a workflow move)
   * right after a successful flush, so the next save does not mistake it for someone else's.
   * `stored` is the text as flushed, when typing may have gone on while the action was on its way.
   */
  adopt(story: Story, stored?: StorySnapshot): void;
}

export function useAutosave(story: Story, fields: StoryFields): Autosave {
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: story.updatedAt });
  const fieldsNow = useRef(fields);
  fieldsNow.current = fields;

  const controller = useMemo(
    () =>
      new AutosaveController({
        storyId: story.id,
        version: story.version,
        savedAt: story.updatedAt,
        read: () => ({ fields: fieldsNow.current, body: bodyOf(editor) }),
        save: (request) => invoke('story:save', request),
        stored: () => invoke('story:get', { id: story.id }),
        sameBody,
        onState: setState,
      }),
    // One controller per opened story; later versions are tracked inside it.
    [editor, story.id],
  );

  useEffect(() => {
    controller.resetTo({ fields: fieldsNow.current, body: bodyOf(editor) });
    const flushWhenHidden = () => {
      if (document.visibilityState === 'hidden') void controller.flush();
    };
    document.addEventListener('visibilitychange', flushWhenHidden);
    // The store restarted after it stopped: what it stopped under goes out again.
    const offStoreStatus = onStoreStatus((status) => {
      if (status.state === 'ready') void controller.storeBack();
    });
    const unregister = mergeRegister(
      editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
        // Selection moves leave nothing dirty: only edits count.
        if (dirtyElements.size > 0 || dirtyLeaves.size > 0) controller.changed();
      }),
      editor.registerCommand(
        BLUR_COMMAND,
        () => {
          void controller.flush();
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
    );
    return () => {
      unregister();
      offStoreStatus();
      document.removeEventListener('visibilitychange', flushWhenHidden);
      controller.dispose();
      // Leaving the story by any road still stores what was typed.
      void controller.flush();
    };
  }, [controller, editor]);

  useEffect(() => controller.fieldsChanged(fields), [controller, fields]);

  return {
    state,
    stateNow: () => controller.currentState,
    flush: () => controller.flush(),
    versionNow: () => controller.currentVersion,
    snapshot: () => ({ fields: fieldsNow.current, body: bodyOf(editor) }),
    reloadTheirs: async () => {
      const latest = await invoke('story:get', { id: story.id });
      editor.setEditorState(editor.parseEditorState(latest.body));
      controller.resetTo({ fields: fieldsOf(latest), body: bodyOf(editor) }, latest);
      return latest;
    },
    adopt: (written, stored) => {
      const onScreen = { fields: fieldsNow.current, body: bodyOf(editor) };
      controller.resetTo(stored ?? onScreen, written);
      // Typed while that action was on its way: not stored yet, so it still goes out.
      if (stored && (fieldsKey(stored.fields) !== fieldsKey(onScreen.fields) || stored.body !== onScreen.body)) controller.changed();
    },
  };
}

export function SaveStateView({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  // The hover names the last save even while the next one is on its way or has failed.
  const lastSaved = useRef<string | null>(null);
  if (state.kind === 'saved') lastSaved.current = state.at;
  const hover = lastSaved.current === null ? undefined : `Last saved ${fullDateTime(lastSaved.current)}`;
  let text: string;
  switch (state.kind) {
    case 'saved':
      text = `Saved ${clockTime(state.at)}`;
      break;
    case 'saving':
      text = 'Saving…';
      break;
    case 'failed':
      text = `Not saved: ${state.reason}`;
      break;
    case 'conflict':
      text = state.reason === 'deleted' ? 'Not saved: the story was deleted elsewhere' : 'Not saved: the story was changed elsewhere';
      break;
  }
  return (
    <div className={`save-state save-state-${state.kind}`} role="status" aria-live="polite">
      <span data-testid="save-state" title={hover === undefined ? text : `${text} · ${hover}`}>
        {text}
      </span>
      {state.kind === 'failed' && (
        <button type="button" className="quiet" onClick={onRetry} data-testid="save-retry">
          Retry
        </button>
      )}
    </div>
  );
}

export function ConflictBanner({
  state,
  busy,
  onSaveCopy,
  onReloadTheirs,
}: {
  state: Extract<SaveState, { kind: 'conflict' }>;
  busy: boolean;
  onSaveCopy: () => void;
  onReloadTheirs: () => void;
}) {
  return (
    <div className="banner banner-warning" role="alert" data-testid="conflict-banner">
      <p>
        <strong>
          {state.reason === 'deleted' ? 'This story was deleted elsewhere.' : 'This story was changed elsewhere.'}
        </strong>{' '}
        Your text is still here and has not been written over theirs.
      </p>
      <div className="banner-actions">
        <button type="button" className="primary" disabled={busy} onClick={onSaveCopy} data-testid="save-copy">
          Save my text as a copy
        </button>
        {state.reason === 'changed-elsewhere' && (
          <button type="button" disabled={busy} onClick={onReloadTheirs} data-testid="reload-theirs">
            Reload theirs
          </button>
        )}
      </div>
    </div>
  );
}
