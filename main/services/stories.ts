/**
 * The story desk as people use it: a new draft, a save over the version the person edited, the
 * trash, the desk list and search. Saving is refused on locked (approved, published) copy, and
 * every creation and edit is in the story's audit trail with who asked and from where.
 */
import type { StoryRow } from '../../db/stories.js';
import type { CallerContext } from '../../common/contract/index.js';
import { NewsroomError } from '../../common/errors.js';
import type { Story } from '../../common/story.js';
import { TAKEN_ON_EDIT, editRule, type StoryState } from '../../common/workflow.js';
import type { Db } from '../../db/open.js';
import type { AuditLog } from './audit.js';
import type { StoryStore } from './storyStore.js';

export { AUTOMATIC_REVISIONS_KEPT, SNAPSHOT_INTERVAL_MS, toMatchQuery } from './storyStore.js';

/** Edits by one person within this window make one "edit" entry in the trail, not one per keystroke pause. */
export const EDIT_AUDIT_WINDOW_MS = 5 * 60 * 1000;

/**
 * Before a change to the text: refuses it when the story is locked or the desk has it (see
 * `editRule`), and when an editor starts on filed copy, takes it into edit first, as Superdesk
 * locks on edit, recorded in the trail. Returns the version the change is written over.
 */
export function startEditing(store: StoryStore, audit: AuditLog, row: StoryRow, caller: CallerContext, version: number, at: Date): number {
  const verdict = editRule(row.status as StoryState, { roles: caller.actor?.roles ?? [] });
  if (verdict.kind === 'refused') throw new NewsroomError('forbidden', verdict.message, { rule: verdict.rule, state: row.status });
  if (verdict.kind === 'edit') return version;
  const taken = store.setState({
    id: row.id,
    expectedVersion: version,
    to: 'in-edit',
    stateBeforeSpike: row.state_before_spike,
    corrections: row.corrections,
    now: at.toISOString(),
  });
  if (!taken) {
    throw new NewsroomError('conflict', `This story was changed elsewhere (version ${row.version}, you edited version ${version}): reload it and try again`, {
      currentVersion: row.version,
      yourVersion: version,
    });
  }
  const revision = store.snapshot(row.id, 'move');
  audit.record(row.id, caller, { action: 'take', fromState: row.status, toState: 'in-edit', note: TAKEN_ON_EDIT, revisionId: revision.id }, at);
  return taken.version;
}

export function createStoryService(db: Db, store: StoryStore, audit: AuditLog, options: { now?: () => Date } = {}) {
  const clock = options.now ?? (() => new Date());

  const create = db.transaction((input: Omit<Parameters<StoryStore['create']>[0], 'createdBy' | 'status'>, caller: CallerContext): Story => {
    const fields = { ...input.fields };
    // A reporter's new story carries their byline until they change it.
    if (fields.byline === undefined && caller.actor !== null && caller.actor.byline !== '') fields.byline = [caller.actor.byline];
    const story = store.create({ ...input, fields, createdBy: caller.actor?.id ?? null });
    audit.record(story.id, caller, { action: 'create', toState: story.status }, clock());
    return story;
  });

  const saveOver = db.transaction((input: Parameters<StoryStore['save']>[0], caller: CallerContext): Story => {
    const now = clock();
    const version = startEditing(store, audit, store.requireRow(input.id), caller, input.version, now);
    const saved = store.save({ ...input, version });
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

  /**
   * A save over the version the person edited. A body the store refuses is kept as a recovery
   * revision first, and the refusal says so: the text typed is never lost with it (issue 11).
   */
  function save(input: Parameters<StoryStore['save']>[0], caller: CallerContext): Story {
    try {
      return saveOver(input, caller);
    } catch (error) {
      if (input.body === undefined || !(error instanceof NewsroomError) || error.details?.field !== 'body') throw error;
      const revision = store.keepRecovery({ id: input.id, fields: input.fields, body: input.body });
      throw new NewsroomError(
        error.code,
        `${error.message.replace(/[.:]?\s*$/, '')}. Your text is kept as a recovery revision in the story's history, beside the last saved version.`,
        { ...error.details, recoveryRevisionId: revision.id },
      );
    }
  }

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
    searchCount: store.searchCount,
  };
}

export type StoryService = ReturnType<typeof createStoryService>;
