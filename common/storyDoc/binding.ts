/**
 * The story body between Lexical's JSON and the Y.Doc, headless, through @lexical/yjs's own V1
 * binding, so the engine writes exactly what the window's CollaborationPlugin reads. The binding
 * wants a provider; headless there are no peers, so a stub with the provider's shape stands in.
 */
import * as Y from 'yjs';
import { createHeadlessEditor } from '@lexical/headless';
import { createBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Binding, type Provider } from '@lexical/yjs';
import { $getRoot, $parseSerializedNode, type LexicalEditor, type SerializedLexicalNode } from 'lexical';
import type { StoryDocument } from '../document.js';
import { STORY_DOC_NODES } from './nodes.js';
import { BODY_ROOT, META_MAP, STORY_DOC_LAYOUT, bodyOf } from './layout.js';

function headlessProvider(): Provider {
  const awareness = {
    getLocalState: () => null,
    getStates: () => new Map(),
    off: () => undefined,
    on: () => undefined,
    setLocalState: () => undefined,
    setLocalStateField: () => undefined,
  };
  return {
    awareness,
    connect: () => undefined,
    disconnect: () => undefined,
    off: () => undefined,
    on: () => undefined,
  } as unknown as Provider;
}

function storyEditor(): LexicalEditor {
  return createHeadlessEditor({
    namespace: 'story-doc',
    nodes: [...STORY_DOC_NODES],
    onError: (error) => {
      throw error;
    },
  });
}

export interface BoundEditor {
  editor: LexicalEditor;
  binding: Binding;
  dispose: () => void;
}

/**
 * A headless editor kept in step with `doc` both ways, as the CollaborationPlugin does; with no
 * `provider`, a stub stands in (there are no peers).
 */
export function bindHeadless(doc: Y.Doc, provider: Provider = headlessProvider()): BoundEditor {
  const editor = storyEditor();
  const binding = createBinding(editor, provider, BODY_ROOT, doc, new Map([[BODY_ROOT, doc]]));
  const root = bodyOf(doc);
  const onYjs = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, transaction: Y.Transaction) => {
    if (transaction.origin === binding) return;
    syncYjsChangesToLexical(binding, provider, events as never, transaction.origin instanceof Y.UndoManager);
  };
  root.observeDeep(onYjs);
  const stopListening = editor.registerUpdateListener(
    ({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
      if (tags.has('skip-collab') || tags.has('collaboration')) return;
      syncLexicalUpdateToYjs(binding, provider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
    },
  );
  return {
    editor,
    binding,
    dispose: () => {
      root.unobserveDeep(onYjs);
      stopListening();
    },
  };
}

/**
 * Runs `edit` on the body as an editor would (inside `editor.update`) and applies the change to
 * `doc` as one transaction with `origin`. The editor is loaded the way a peer is: a copy of the
 * doc receives the whole state
 * and the binding builds the editor state from its events; the copy's new changes go back to `doc`.
 */
export function editBody(doc: Y.Doc, edit: () => void, origin: unknown = null): void {
  const copy = new Y.Doc();
  const bound = bindHeadless(copy);
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    bound.editor.read(() => undefined);
    bound.editor.update(edit, { discrete: true });
    const change = Y.encodeStateAsUpdate(copy, Y.encodeStateVector(doc));
    doc.transact(() => {
      Y.applyUpdate(doc, change);
      const meta = doc.getMap(META_MAP);
      if (meta.get('layout') !== STORY_DOC_LAYOUT) meta.set('layout', STORY_DOC_LAYOUT);
    }, origin);
  } finally {
    bound.dispose();
    copy.destroy();
  }
}

/**
 * Replaces the doc's body with `body`: seeding a new or migrated story (by the engine, never the
 * window), or restoring a revision, which so becomes a new change and history only grows.
 */
export function writeBody(doc: Y.Doc, body: StoryDocument, origin: unknown = null): void {
  editBody(
    doc,
    () => {
      const root = $getRoot();
      root.clear();
      for (const child of body.root.children) root.append($parseSerializedNode(child as SerializedLexicalNode) as never);
    },
    origin,
  );
}

/** The body as Lexical JSON, derived from the doc: for search, word counts, export; never the truth. */
export function readBody(doc: Y.Doc): StoryDocument {
  // A fresh doc that receives the whole state fires the same events a peer's sync does, so the
  // binding builds the editor state exactly as the window's would.
  const copy = new Y.Doc();
  const bound = bindHeadless(copy);
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    return bound.editor.read(() => bound.editor.getEditorState().toJSON()) as unknown as StoryDocument;
  } finally {
    bound.dispose();
    copy.destroy();
  }
}
