/**
 * The review desk: moves through the state machine (checked again here whatever the renderer
 * showed), the approval checklist, the audit trail, queues, and "what changed since filed".
 */
import type { Db } from '../../db/open.js';
import { storyQueries, type StoryRow } from '../../db/stories.js';
import { workflowQueries, type AuditEntry } from '../../db/workflow.js';
import { photoRightsQueries } from '../../db/photoRights.js';
import { approvalChecklist, failingRequired, type ChecklistResult } from '../../common/checklist.js';
import { diffBlocks, diffWords, hasChanges } from '../../common/diff.js';
import { documentBlocks, documentPhotos, documentText, parseStoryDocument } from '../../common/document.js';
import { NewsroomError } from '../../common/errors.js';
import { formatCredit } from '../../common/photo.js';
import type { Story, StoryFields } from '../../common/story.js';
import type { CallerContext, StoryDiff } from '../../common/contract/index.js';
import { STATE_LABELS, availableMoves, checkMove, type Action, type Actor, type MoveContext, type StoryState } from '../../common/workflow.js';
import { NO_PROFILE, type AuditLog } from './audit.js';
import type { NoteService } from './notes.js';
import type { SettingsService } from './settings.js';
import type { StoryStore } from './storyStore.js';

export type { StoryDiff };

interface Comparable extends Pick<StoryFields, 'headline' | 'standfirst' | 'byline'> {
  body: string;
}

export function diffStories(before: Comparable, after: Comparable): Omit<StoryDiff, 'from' | 'to'> {
  const a = parseStoryDocument(before.body);
  const b = parseStoryDocument(after.body);
  const photosA = documentPhotos(a);
  const photosB = documentPhotos(b);
  const photos: StoryDiff['photos'] = [];
  for (let i = 0; i < Math.max(photosA.length, photosB.length); i += 1) {
    const pa = photosA[i];
    const pb = photosB[i];
    photos.push({
      number: i + 1,
      caption: diffWords(pa?.caption ?? '', pb?.caption ?? ''),
      credit: diffWords(pa ? formatCredit(pa.credit) : '', pb ? formatCredit(pb.credit) : ''),
    });
  }
  const result = {
    headline: diffWords(before.headline, after.headline),
    standfirst: diffWords(before.standfirst, after.standfirst),
    byline: diffWords(before.byline.join(', '), after.byline.join(', ')),
    body: diffWords(documentText(a), documentText(b)),
    bodyBlocks: diffBlocks(documentBlocks(a), documentBlocks(b)),
    photos: photos.filter((p) => hasChanges(p.caption) || hasChanges(p.credit)),
  };
  return {
    ...result,
    changed: [result.headline, result.standfirst, result.byline, result.body].some(hasChanges) || result.photos.length > 0,
  };
}

export function createWorkflowService(
  db: Db,
  store: StoryStore,
  audit: AuditLog,
  notes: Pick<NoteService, 'write'>,
  settings: SettingsService,
  options: { now?: () => Date } = {},
) {
  const w = workflowQueries(db);
  const q = storyQueries(db);
  const rights = photoRightsQueries(db);
  const clock = options.now ?? (() => new Date());

  function actorOf(caller: CallerContext): Actor {
    return caller.actor === null ? { id: '', name: NO_PROFILE, roles: [] } : { id: caller.actor.id, name: caller.actor.name, roles: caller.actor.roles };
  }

  /** Notes still waiting for someone: corrections are notices for readers, not work to do. */
  function openNotes(storyId: string): number {
    return w.notes(storyId).filter((note) => note.resolvedAt === null && note.kind !== 'correction').length;
  }

  function checklistOf(story: Pick<Story, 'id' | 'headline' | 'byline' | 'dateline' | 'body'>, houseStyleFindings?: number): ChecklistResult[] {
    return approvalChecklist(
      {
        fields: story,
        body: parseStoryDocument(story.body),
        openNotes: openNotes(story.id),
        rightsConfirmed: new Set(rights.ofStory(story.id).map((decision) => decision.photoId)),
        ...(houseStyleFindings === undefined ? {} : { houseStyleFindings }),
      },
      settings.get().checklist,
    );
  }

  function contextOf(row: StoryRow, story: Story, bySystem = false): MoveContext {
    const body = parseStoryDocument(story.body);
    return {
      state: row.status as StoryState,
      authorId: row.created_by,
      stateBeforeSpike: row.state_before_spike as StoryState | null,
      failingRequired: failingRequired(checklistOf(story)),
      allowSelfApproval: settings.get().allowSelfApproval,
      bySystem,
      empty: documentText(body).trim() === '' && documentPhotos(body).length === 0,
    };
  }

  const move = db.transaction(
    (input: { id: string; version: number; action: Action; note?: string }, caller: CallerContext, opts: { bySystem?: boolean; at?: Date } = {}): Story => {
      const row = store.requireRow(input.id);
      const actor = actorOf(caller);
      if (row.version !== input.version) {
        throw new NewsroomError('conflict', `This story was changed elsewhere (version ${row.version}, you had version ${input.version}): reload it and try again`, {
          currentVersion: row.version,
          yourVersion: input.version,
        });
      }
      if (caller.actor === null && !opts.bySystem) {
        throw new NewsroomError('forbidden', 'Choose who you are first (File › Switch Profile): every move is recorded with its author');
      }
      const story = store.get(row.id);
      const note = input.note ?? '';
      const verdict = checkMove(input.action, actor, contextOf(row, story, opts.bySystem), note);
      if (!verdict.allowed) throw new NewsroomError('forbidden', verdict.message, { rule: verdict.rule });
      const now = opts.at ?? clock();
      const corrections = input.action === 'correct' ? [...story.corrections, { at: now.toISOString(), note: note.trim() }] : story.corrections;
      const moved = q.setState({
        id: row.id,
        expectedVersion: input.version,
        to: verdict.to,
        stateBeforeSpike: input.action === 'spike' ? row.status : input.action === 'restore' ? null : row.state_before_spike,
        corrections: JSON.stringify(corrections),
        now: now.toISOString(),
      });
      if (!moved) throw new NewsroomError('conflict', 'This story was changed elsewhere: reload it and try again');
      const revision = store.snapshot(row.id, 'move');
      audit.record(row.id, caller, { action: input.action, fromState: row.status, toState: verdict.to, note: note.trim(), revisionId: revision.id }, now);
      if (input.action === 'request-changes') notes.write(row.id, caller, 'change-request', note, null, now);
      if (input.action === 'correct') notes.write(row.id, caller, 'correction', note, null, now);
      return moved;
    },
  );

  return {
    move,
    checklist(ref: string, houseStyleFindings?: number): ChecklistResult[] {
      return checklistOf(store.get(ref), houseStyleFindings);
    },
    moves(ref: string, caller: CallerContext) {
      const row = store.requireRow(ref);
      return availableMoves(actorOf(caller), contextOf(row, store.get(row.id)));
    },
    history(ref: string): AuditEntry[] {
      return audit.history(store.requireRow(ref).id);
    },
    queues(desk?: string): Record<StoryState, number> {
      const counts = w.queueCounts(desk);
      return Object.fromEntries(Object.keys(STATE_LABELS).map((s) => [s, counts[s] ?? 0])) as Record<StoryState, number>;
    },
    /** Differences between two revisions (or a revision and the working copy); by default since the story was last filed. */
    diff(input: { storyId: string; from?: string; to?: string }): StoryDiff {
      const story = store.get(input.storyId);
      const revisionLabel = (id: string) => {
        const r = store.revision(id);
        if (r.storyId !== story.id) throw new NewsroomError('not-found', `Revision ${id} is not a revision of this story`);
        return {
          value: r as Comparable,
          side: { label: `Revision of ${r.createdAt.slice(0, 16).replace('T', ' ')} (${r.reason})`, title: `Revision (${r.reason})`, revisionId: r.id, at: r.createdAt },
        };
      };
      let from;
      if (input.from !== undefined) from = revisionLabel(input.from);
      else {
        const filed = audit.last(story.id, 'file');
        if (!filed || filed.revisionId === null) {
          throw new NewsroomError('not-found', 'This story has not been filed yet: pick two revisions to compare');
        }
        from = revisionLabel(filed.revisionId);
        from.side.label = `As filed by ${filed.profileName}, ${filed.at.slice(0, 16).replace('T', ' ')}`;
        from.side.title = `As filed by ${filed.profileName}`;
        from.side.at = filed.at;
      }
      const to =
        input.to !== undefined
          ? revisionLabel(input.to)
          : { value: story as Comparable, side: { label: 'Now', title: 'Now', revisionId: null, at: story.updatedAt } };
      return { from: from.side, to: to.side, ...diffStories(from.value, to.value) };
    },
  };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;
