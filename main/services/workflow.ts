/**
 * The review desk: profiles, moves through the state machine (checked again here whatever the
 * renderer showed), the approval lock, the append-only audit trail, notes, queues, and "what
 * changed since filed".
 */
import type { Db } from '../../db/open.js';
import { storyQueries, type StoryRow } from '../../db/stories.js';
import { workflowQueries, type AuditEntry, type NoteAnchor, type Profile, type StoryNote } from '../../db/workflow.js';
import { approvalChecklist, failingRequired, type ChecklistResult } from '../../common/checklist.js';
import { diffBlocks, diffWords, hasChanges } from '../../common/diff.js';
import { documentBlocks, documentPhotos, documentText, parseStoryDocument } from '../../common/document.js';
import { NewsroomError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import { formatCredit } from '../../common/photo.js';
import type { Story, StoryFields } from '../../common/story.js';
import type { StoryDiff } from '../../common/contract.js';
import {
  MOVES,
  STATE_LABELS,
  TAKEN_ON_EDIT,
  availableMoves,
  checkMove,
  editRule,
  type Action,
  type Actor,
  type MoveContext,
  type Role,
  type StoryState,
} from '../../common/workflow.js';
import type { SettingsService } from './settings.js';
import type { StoryService } from './stories.js';

/** Edits by one person within this window make one "edit" entry in the trail, not one per keystroke pause. */
export const EDIT_AUDIT_WINDOW_MS = 5 * 60 * 1000;
const NO_PROFILE = 'No profile chosen';

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
  stories: StoryService,
  settings: SettingsService,
  options: { now?: () => Date } = {},
) {
  const w = workflowQueries(db);
  const q = storyQueries(db);
  const clock = options.now ?? (() => new Date());

  function actorOf(profile: Profile | null): Actor {
    return profile === null ? { id: '', name: NO_PROFILE, roles: [] } : { id: profile.id, name: profile.name, roles: profile.roles };
  }

  function requireRow(ref: string): StoryRow {
    const row = q.getRow(ref) ?? q.getRowBySlug(ref);
    if (!row) throw new NewsroomError('not-found', `No story with id or slug "${ref}": check the id in the desk list`);
    return row;
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

  function audit(storyId: string, actor: Actor, entry: Partial<AuditEntry> & { action: string }, at: Date): AuditEntry {
    const full: AuditEntry = {
      id: newId(at.getTime()),
      storyId,
      at: at.toISOString(),
      profileId: actor.id === '' ? null : actor.id,
      profileName: actor.name,
      fromState: null,
      toState: null,
      note: '',
      revisionId: null,
      ...entry,
    };
    w.appendAudit(full);
    return full;
  }

  function addNote(storyId: string, actor: Actor, kind: StoryNote['kind'], text: string, anchor: NoteAnchor | null, at: Date): StoryNote {
    const note: StoryNote = {
      id: newId(at.getTime()),
      storyId,
      authorId: actor.id === '' ? null : actor.id,
      authorName: actor.name,
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

  /**
   * Before a change to the text: refuses it when the story is locked or the desk has it (see
   * `editRule`), and when an editor starts on filed copy, takes it into edit first, recorded in
   * the trail. Returns the version the change is written over.
   */
  function startEditing(row: StoryRow, actor: Actor, version: number, at: Date): number {
    const verdict = editRule(row.status as StoryState, actor);
    if (verdict.kind === 'refused') throw new NewsroomError('forbidden', verdict.message, { rule: verdict.rule, state: row.status });
    if (verdict.kind === 'edit') return version;
    const taken = q.setState({
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
    const revision = stories.snapshot(row.id, 'move');
    audit(row.id, actor, { action: 'take', fromState: row.status, toState: 'in-edit', note: TAKEN_ON_EDIT, revisionId: revision.id }, at);
    return taken.version;
  }

  const move = db.transaction(
    (input: { id: string; version: number; action: Action; note?: string }, profile: Profile | null, opts: { bySystem?: boolean; at?: Date } = {}): Story => {
      const row = requireRow(input.id);
      const actor = actorOf(profile);
      if (row.version !== input.version) {
        throw new NewsroomError('conflict', `This story was changed elsewhere (version ${row.version}, you had version ${input.version}): reload it and try again`, {
          currentVersion: row.version,
          yourVersion: input.version,
        });
      }
      if (profile === null && !opts.bySystem) {
        throw new NewsroomError('forbidden', 'Choose who you are first (File › Switch Profile): every move is recorded with its author');
      }
      const story = stories.get(row.id);
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
      const revision = stories.snapshot(row.id, 'move');
      audit(row.id, actor, { action: input.action, fromState: row.status, toState: verdict.to, note: note.trim(), revisionId: revision.id }, now);
      if (input.action === 'request-changes') addNote(row.id, actor, 'change-request', note, null, now);
      if (input.action === 'correct') addNote(row.id, actor, 'correction', note, null, now);
      return moved;
    },
  );

  const save = db.transaction((input: Parameters<StoryService['save']>[0], profile: Profile | null): Story => {
    const version = startEditing(requireRow(input.id), actorOf(profile), input.version, clock());
    const saved = stories.save({ ...input, version });
    const now = clock();
    const last = w.lastAudit(saved.id);
    const actor = actorOf(profile);
    const recent = last !== undefined && last.action === 'edit' && last.profileId === (profile?.id ?? null) && now.getTime() - Date.parse(last.at) < EDIT_AUDIT_WINDOW_MS;
    if (!recent) audit(saved.id, actor, { action: 'edit', note: `version ${saved.version}` }, now);
    return saved;
  });

  const restoreRevision = db.transaction((input: { storyId: string; revisionId: string; version: number }, profile: Profile | null): Story => {
    const version = startEditing(requireRow(input.storyId), actorOf(profile), input.version, clock());
    const restored = stories.restoreRevision({ ...input, version });
    audit(restored.id, actorOf(profile), { action: 'restore-revision', revisionId: input.revisionId }, clock());
    return restored;
  });

  const create = db.transaction((input: Parameters<StoryService['create']>[0], profile: Profile | null): Story => {
    const fields = { ...input.fields };
    // A reporter's new story carries their byline until they change it.
    if (fields.byline === undefined && profile !== null && profile.byline !== '') fields.byline = [profile.byline];
    const story = stories.create({ ...input, fields, createdBy: profile?.id ?? null });
    audit(story.id, actorOf(profile), { action: 'create', toState: story.status }, clock());
    return story;
  });

  return {
    create,
    save,
    move,
    restoreRevision,
    checklist(ref: string, houseStyleFindings?: number): ChecklistResult[] {
      return checklistOf(stories.get(ref), houseStyleFindings);
    },
    moves(ref: string, profile: Profile | null) {
      const row = requireRow(ref);
      return availableMoves(actorOf(profile), contextOf(row, stories.get(row.id)));
    },
    history(ref: string): AuditEntry[] {
      return w.audit(requireRow(ref).id);
    },
    notes(ref: string): StoryNote[] {
      return w.notes(requireRow(ref).id);
    },
    addNote(input: { storyId: string; text: string; anchor?: NoteAnchor; kind?: 'note' | 'footnote' | 'comment' }, profile: Profile | null): StoryNote {
      const row = requireRow(input.storyId);
      if (input.text.trim() === '') throw new NewsroomError('invalid-argument', 'A note needs some text');
      return addNote(row.id, actorOf(profile), input.kind ?? 'note', input.text, input.anchor ?? null, clock());
    },
    resolveNote(id: string, profile: Profile | null): StoryNote {
      const note = w.note(id);
      if (!note) throw new NewsroomError('not-found', `No note "${id}"`);
      w.resolveNote(id, clock().toISOString(), actorOf(profile).name);
      return w.note(id) as StoryNote;
    },
    queues(desk?: string): Record<StoryState, number> {
      const counts = w.queueCounts(desk);
      return Object.fromEntries(Object.keys(STATE_LABELS).map((s) => [s, counts[s] ?? 0])) as Record<StoryState, number>;
    },
    /** Differences between two revisions (or a revision and the working copy); by default since the story was last filed. */
    diff(input: { storyId: string; from?: string; to?: string }): StoryDiff {
      const story = stories.get(input.storyId);
      const revisionLabel = (id: string) => {
        const r = stories.revision(id);
        if (r.storyId !== story.id) throw new NewsroomError('not-found', `Revision ${id} is not a revision of this story`);
        return {
          value: r as Comparable,
          side: { label: `Revision of ${r.createdAt.slice(0, 16).replace('T', ' ')} (${r.reason})`, title: `Revision (${r.reason})`, revisionId: r.id, at: r.createdAt },
        };
      };
      let from;
      if (input.from !== undefined) from = revisionLabel(input.from);
      else {
        const filed = w.lastAudit(story.id, 'file');
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
    profiles: (): Profile[] => w.profiles(),
    createProfile(input: { name: string; byline?: string; roles: Role[] }): Profile {
      if (w.profileByName(input.name)) {
        throw new NewsroomError('invalid-argument', `There is already a profile called "${input.name}": choose it, or use another name`);
      }
      const now = clock();
      const profile: Profile = {
        id: newId(now.getTime()),
        name: input.name.trim(),
        byline: (input.byline ?? input.name).trim(),
        roles: [...new Set(input.roles)],
        createdAt: now.toISOString(),
      };
      w.insertProfile(profile);
      return profile;
    },
    profile(id: string): Profile | undefined {
      return w.profile(id);
    },
    profileByName(name: string): Profile {
      const profile = w.profileByName(name);
      if (!profile) {
        const known = w.profiles().map((p) => p.name);
        throw new NewsroomError('not-found', `No profile called "${name}"${known.length > 0 ? `: known profiles are ${known.join(', ')}` : ': create one with newsroom profiles add'}`);
      }
      return profile;
    },
    moveRule: (action: Action) => MOVES[action],
  };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;
