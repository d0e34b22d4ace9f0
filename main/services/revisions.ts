/** Revisions of a story: the snapshots, and restoring one (the current text is kept as a revision first). */
import type { Db } from '../../db/open.js';
import type { CallerContext } from '../../common/contract/index.js';
import type { RevisionSummary, Story } from '../../common/story.js';
import type { AuditLog } from './audit.js';
import { startEditing } from './stories.js';
import type { StoryStore } from './storyStore.js';

export function createRevisionService(db: Db, store: StoryStore, audit: AuditLog, options: { now?: () => Date } = {}) {
  const clock = options.now ?? (() => new Date());
  return {
    list: (storyRef: string): RevisionSummary[] => store.revisions(storyRef),
    get: store.revision,
    /** "Save Revision": a snapshot now, whatever changed. */
    create: (storyRef: string): RevisionSummary => store.snapshotNow(storyRef),
    restore: db.transaction((input: { storyId: string; revisionId: string; version: number }, caller: CallerContext): Story => {
      const now = clock();
      const version = startEditing(store, audit, store.requireRow(input.storyId), caller, input.version, now);
      const restored = store.restoreRevision({ ...input, version });
      audit.record(restored.id, caller, { action: 'restore-revision', revisionId: input.revisionId }, now);
      return restored;
    }),
  };
}

export type RevisionService = ReturnType<typeof createRevisionService>;
