/**
 * The story desk as people use it: a new draft, a save over the version the person edited, the
 * trash, the desk list and search. Saving is refused on locked (approved, published) copy, and
 * every creation and edit is in the story's audit trail with who asked and from where.
 */
import type { StoryRow } from '../../db/stories.js';
import type { CallerContext } from '../../common/contract/index.js';
import { NewsroomError } from '../../common/errors.js';
import type { Story } from '../../common/story.js';
import { LOCKED_STATES, STATE_LABELS, type StoryState } from '../../common/workflow.js';
import type { Db } from '../../db/open.js';
import type { AuditLog } from './audit.js';
import type { StoryStore } from './storyStore.js';

export { AUTOMATIC_REVISIONS_KEPT, SNAPSHOT_INTERVAL_MS, toMatchQuery } from './storyStore.js';

/** Edits by one person within this window make one "edit" entry in the trail, not one per keystroke pause. */
export const EDIT_AUDIT_WINDOW_MS = 5 * 60 * 1000;

/** Approved and published copy changes only after an editor reopens it. */
export function refuseIfLocked(row: Pick<StoryRow, 'status'>): void {
  if ((LOCKED_STATES as readonly string[]).includes(row.status)) {
    throw new NewsroomError(
      'forbidden',
      `This story is ${STATE_LABELS[row.status as StoryState].toLowerCase()} and locked: an editor must reopen it (with a reason) before it can change`,
      { state: row.status },
    );
  }
}

export function createStoryService(db: Db, store: StoryStore, audit: AuditLog, options: { now?: () => Date } = {}) {
  const clock = options.now ?? (() => new Date());

  const create = db.transaction((input: Omit<Parameters<StoryStore['create']>[0], 'createdBy' | 'status' | 'id'>, caller: CallerContext): Story => {
    const fields = { ...input.fields };
    // A reporter's new story carries their byline until they change it.
    if (fields.byline === undefined && caller.actor !== null && caller.actor.byline !== '') fields.byline = [caller.actor.byline];
    const story = store.create({ ...input, fields, createdBy: caller.actor?.id ?? null });
    audit.record(story.id, caller, { action: 'create', toState: story.status }, clock());
    return story;
  });

  const save = db.transaction((input: Parameters<StoryStore['save']>[0], caller: CallerContext): Story => {
    refuseIfLocked(store.requireRow(input.id));
    const saved = store.save(input);
    const now = clock();
    const last = audit.last(saved.id);
    const recent =
      last !== undefined &&
      last.action === 'edit' &&
      last.profileId === (caller.actor?.id ?? null) &&
      last.origin === caller.origin &&
      now.getTime() - Date.parse(last.at) < EDIT_AUDIT_WINDOW_MS;
    if (!recent) audit.record(saved.id, caller, { action: 'edit', note: `version ${saved.version}` }, now);
    return saved;
  });

  return {
    create,
    save,
    get: store.get,
    close: store.close,
    trash: store.trash,
    restore: store.restore,
    purge: store.purge,
    list: store.list,
    search: store.search,
  };
}

export type StoryService = ReturnType<typeof createStoryService>;
