/**
 * The review side panel of an open story: its state and the moves the current profile may make,
 * the approval checklist, notes, the timeline, "changes since filed" for editors, and the
 * revisions to compare or restore. Every move and restore first saves what is typed (so it names
 * the version on screen), then adopts the version the store returns.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { ChecklistTarget, ChecklistResult } from '../../common/checklist.js';
import type { AuditEntry, MoveOption, StoryDiff, StoryNote } from '../../common/contract/index.js';
import type { RevisionSummary, Story } from '../../common/story.js';
import { STATE_LABELS, TAKEN_ON_EDIT, type StoryState } from '../../common/workflow.js';
import { invoke, isApiError } from '../api.js';
import { useApp } from '../app-context.js';
import type { Autosave } from '../editor/plugins/Autosave/index.js';
import { Checklist, goToChecklistTarget } from './Checklist.js';
import { DiffView } from './DiffView.js';
import { isEditor, message } from './labels.js';
import { MoveButtons, type MakeMove } from './MoveButtons.js';
import { Notes } from './Notes.js';
import { useProfile } from './profile-context.js';
import { Revisions } from './Revisions.js';
import { useSelectedPassage, type Passage } from './selection.js';
import { Timeline } from './Timeline.js';
import { useAnchorHighlights } from './anchorHighlights.js';

interface Review {
  moves: MoveOption[] | null;
  checklist: ChecklistResult[] | null;
  history: AuditEntry[] | null;
  notes: StoryNote[] | null;
  revisions: RevisionSummary[] | null;
}

const NOTHING_YET: Review = { moves: null, checklist: null, history: null, notes: null, revisions: null };

type Comparison = { title: string; diff: StoryDiff } | { title: string; problem: string };

export function ReviewPanel({
  story,
  status,
  locked,
  autosave,
  onMoved,
  onReload,
  recheck = 0,
}: {
  story: Story;
  status: StoryState;
  locked: boolean;
  autosave: Autosave;
  /** The story moved: the store's new version of it. */
  onMoved: (moved: Story) => void;
  /** The text in the store changed under the editor (a revision was restored): show it. */
  onReload: () => Promise<void>;
  /** Bumped when something the checklist reads changed outside the text (a photo's rights decision). */
  recheck?: number;
}) {
  const [editor] = useLexicalComposerContext();
  const app = useApp();
  const { current: me } = useProfile();
  const [review, setReview] = useState<Review>(NOTHING_YET);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const passage = useSelectedPassage(editor);
  const panel = useRef<HTMLElement>(null);
  const autosaveNow = useRef(autosave);
  autosaveNow.current = autosave;
  const statusNow = useRef(status);
  statusNow.current = status;
  const onMovedNow = useRef(onMoved);
  onMovedNow.current = onMoved;
  useAnchorHighlights(editor, review.notes);

  /**
   * An editor's first save in filed copy takes the story into edit (the workflow service does it
   * and records it): when the trail says so, the screen follows and says so.
   */
  const followTakeOnEdit = useCallback(
    async (history: AuditEntry[]) => {
      const lastMove = [...history].reverse().find((entry) => entry.toState !== null);
      if (statusNow.current !== 'filed' || !lastMove || lastMove.action !== 'take' || lastMove.note !== TAKEN_ON_EDIT || lastMove.profileId !== me.id) return;
      const stored = await invoke('story:get', { id: story.id });
      if (stored.status !== 'in-edit') return;
      onMovedNow.current(stored);
      app.notify('You took this story into edit by starting to edit it: the desk sees it as yours now.');
    },
    [app, me.id, story.id],
  );

  // Only the answer to the latest refresh is shown: an older one may arrive after it.
  const latest = useRef(0);
  const refresh = useCallback(async () => {
    const ticket = (latest.current += 1);
    try {
      const [moves, checklist, history, notes, revisions] = await Promise.all([
        invoke('workflow:moves', { id: story.id }),
        invoke('workflow:checklist', { id: story.id }),
        invoke('workflow:history', { id: story.id }),
        invoke('note:list', { storyId: story.id }),
        invoke('revision:list', { storyId: story.id }),
      ]);
      if (ticket !== latest.current) return;
      setReview({ moves, checklist, history, notes, revisions });
      setProblem(null);
      await followTakeOnEdit(history);
    } catch (error) {
      if (ticket === latest.current) setProblem(`The review panel did not load: ${message(error)}`);
    }
  }, [story.id, followTakeOnEdit]);

  useEffect(() => {
    void refresh();
    return () => {
      latest.current += 1;
    };
  }, [refresh]);

  // Each save may change the checklist (and so whether Approve is open), the trail and the revisions.
  const savedAt = autosave.state.kind === 'saved' ? autosave.state.at : null;
  useEffect(() => {
    if (savedAt !== null) void refresh();
  }, [savedAt, refresh]);
  useEffect(() => {
    if (recheck > 0) void refresh();
  }, [recheck, refresh]);

  /** Saves what is typed first: a move or restore names the version on screen. */
  const saved = async (): Promise<string | null> =>
    (await autosaveNow.current.flush()) ? null : 'The story is not saved yet: retry the save (top bar), then try again.';

  const move: MakeMove = async (option, note) => {
    setBusy(true);
    try {
      const unsaved = await saved();
      if (unsaved) return unsaved;
      const stored = autosaveNow.current.snapshot();
      const moved = await invoke('workflow:move', {
        id: story.id,
        version: autosaveNow.current.versionNow(),
        action: option.action,
        ...(note === undefined ? {} : { note }),
      });
      autosaveNow.current.adopt(moved, stored);
      onMoved(moved);
      return null;
    } catch (error) {
      if (isApiError(error, 'conflict')) return `${message(error)} (use “Reload theirs” if it is offered, or reopen the story).`;
      return message(error);
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  const addNote = async (text: string, anchor: Passage | null): Promise<string | null> => {
    try {
      await invoke('note:add', { storyId: story.id, text, ...(anchor ? { anchor } : {}) });
      await refresh();
      return null;
    } catch (error) {
      return message(error);
    }
  };

  const resolveNote = async (note: StoryNote) => {
    try {
      await invoke('note:resolve', { id: note.id });
    } catch (error) {
      setProblem(`Could not resolve the note: ${message(error)}`);
    }
    await refresh();
  };

  const compare = async (title: string, range: { from?: string; to?: string }) => {
    const unsaved = await saved();
    if (unsaved) {
      setComparison({ title, problem: unsaved });
      return;
    }
    try {
      const diff = await invoke('workflow:diff', { storyId: story.id, ...range });
      setComparison({ title, diff });
    } catch (error) {
      setComparison({ title, problem: message(error) });
    }
  };

  const restore = async (revision: RevisionSummary) => {
    setBusy(true);
    try {
      const unsaved = await saved();
      if (unsaved) {
        setProblem(unsaved);
        return;
      }
      await invoke('revision:restore', { storyId: story.id, revisionId: revision.id, version: autosaveNow.current.versionNow() });
      await onReload();
    } catch (error) {
      setProblem(`Could not restore the revision: ${message(error)}`);
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  const fix = (target: ChecklistTarget) => goToChecklistTarget(target, editor, panel.current?.closest<HTMLElement>('.story-view') ?? null);

  const takesOnEdit = status === 'filed' && isEditor(me) && review.moves?.some((option) => option.action === 'take') === true;
  const failing = review.checklist?.filter((item) => !item.ok && item.level === 'required').length ?? 0;
  const open = review.notes?.filter((note) => note.resolvedAt === null).length ?? 0;

  return (
    <aside ref={panel} id="review-panel" className="review-panel" aria-label="Review" data-testid="review-panel">
      <section className="review-head">
        <div className="review-state">
          <span className={`status status-${status}`} data-testid="status-badge">
            {STATE_LABELS[status]}
          </span>
          {locked && <span className="review-lock-mark">Locked</span>}
        </div>
        <MoveButtons moves={review.moves} busy={busy} onMove={move} />
        {takesOnEdit && (
          <p className="review-quiet" data-testid="take-on-edit-hint">
            Editing this filed story takes it into edit for you.
          </p>
        )}
        {isEditor(me) && (
          <button type="button" className="review-since-filed" onClick={() => void compare('Changes since filed', {})} data-testid="changes-since-filed">
            Changes since filed
          </button>
        )}
      </section>
      {problem && (
        <p className="field-problem review-problem" role="alert">
          {problem}
        </p>
      )}
      {comparison &&
        ('diff' in comparison ? (
          <DiffView diff={comparison.diff} title={comparison.title} onClose={() => setComparison(null)} presentation="dialog" />
        ) : (
          <p className="field-problem review-problem" role="alert" data-testid="diff-problem">
            {comparison.problem}
          </p>
        ))}
      <ReviewSection title="Checklist" badge={failing > 0 ? `${failing} to fix` : review.checklist ? 'ready' : undefined} testId="review-checklist">
        <Checklist items={review.checklist} onFix={fix} />
      </ReviewSection>
      <ReviewSection title="Notes" badge={open > 0 ? `${open} open` : undefined} testId="review-notes">
        <Notes notes={review.notes} passage={passage} onAdd={addNote} onResolve={resolveNote} />
      </ReviewSection>
      <ReviewSection title="Timeline" testId="review-timeline">
        <Timeline entries={review.history} />
      </ReviewSection>
      <ReviewSection title="Revisions" closed testId="review-revisions">
        <Revisions
          revisions={review.revisions}
          history={review.history}
          locked={locked || busy}
          onCompare={(from, to) =>
            void compare(to ? 'Between two revisions' : 'From a revision to now', { from: from.id, ...(to ? { to: to.id } : {}) })
          }
          onRestore={restore}
        />
      </ReviewSection>
    </aside>
  );
}

function ReviewSection({
  title,
  badge,
  closed = false,
  testId,
  children,
}: {
  title: string;
  badge?: string | undefined;
  closed?: boolean;
  testId: string;
  children: ReactNode;
}) {
  return (
    <details className="review-section" open={!closed} data-testid={testId}>
      <summary>
        <span>{title}</span>
        {badge && <span className="review-badge">{badge}</span>}
      </summary>
      {children}
    </details>
  );
}
