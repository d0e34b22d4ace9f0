/** Notes on a story: a person's remarks, change requests, corrections, anchored to a passage or not. */
import type { Db } from '../../db/open.js';
import { workflowQueries, type NoteAnchor, type StoryNote } from '../../db/workflow.js';
import type { CallerContext } from '../../common/contract/index.js';
import { NewsroomError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import { NO_PROFILE } from './audit.js';
import type { StoryLookup } from './storyStore.js';

export function createNoteService(db: Db, stories: StoryLookup, options: { now?: () => Date } = {}) {
  const w = workflowQueries(db);
  const clock = options.now ?? (() => new Date());

  /** Writes a note; the workflow service adds change requests and corrections with its moves. */
  function write(storyId: string, caller: CallerContext, kind: StoryNote['kind'], text: string, anchor: NoteAnchor | null, at: Date): StoryNote {
    const note: StoryNote = {
      id: newId(at.getTime()),
      storyId,
      authorId: caller.actor?.id ?? null,
      authorName: caller.actor?.name ?? NO_PROFILE,
      kind,
      text: text.trim(),
      anchor,
      createdAt: at.toISOString(),
      resolvedAt: null,
      resolvedBy: null,
    };
    w.addNote(note);
    return note;
  }

  return {
    write,
    list(storyRef: string): StoryNote[] {
      return w.notes(stories.requireRow(storyRef).id);
    },
    add(input: { storyId: string; text: string; anchor?: NoteAnchor; kind?: 'note' | 'footnote' | 'comment' }, caller: CallerContext): StoryNote {
      const row = stories.requireRow(input.storyId);
      if (input.text.trim() === '') throw new NewsroomError('invalid-argument', 'A note needs some text');
      return write(row.id, caller, input.kind ?? 'note', input.text, input.anchor ?? null, clock());
    },
    resolve(id: string, caller: CallerContext): StoryNote {
      const note = w.note(id);
      if (!note) throw new NewsroomError('not-found', `No note "${id}"`);
      w.resolveNote(id, clock().toISOString(), caller.actor?.name ?? NO_PROFILE);
      return w.note(id) as StoryNote;
    },
    /** Notes that arrived from elsewhere (a package), kept as they were written there. */
    append(note: StoryNote): void {
      w.addNote(note);
    },
  };
}

export type NoteService = ReturnType<typeof createNoteService>;
