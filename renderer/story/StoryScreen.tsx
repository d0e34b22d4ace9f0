/**
 * One story on screen: its fields, the formatting bar, the body editor and the status line. Lives
 * inside the story's LexicalComposer, so every editor plugin sees the same editor.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { fieldsOf, type Story, type StoryFields } from '../../common/story.js';
import { invoke } from '../api.js';
import { useApp } from '../app-context.js';
import { clockTime } from '../format.js';
import type { Route } from '../routes.js';
import { isStoryLink } from '../editor/links.js';
import { ToolbarPlugin } from '../editor/plugins/Toolbar/index.js';
import { LinkEditorPlugin } from '../editor/plugins/LinkEditor/index.js';
import { AutoLinkPlugin } from '../editor/plugins/AutoLink/index.js';
import { DocumentRulesPlugin } from '../editor/plugins/DocumentRules/index.js';
import { PasteSanitizerPlugin } from '../editor/plugins/PasteSanitizer/index.js';
import { WordCountPlugin } from '../editor/plugins/WordCount/index.js';
import { ConflictBanner, SaveStateView, useAutosave } from '../editor/plugins/Autosave/index.js';
import { CHOOSE_PHOTOS_COMMAND, PhotoImportPlugin } from '../editor/plugins/PhotoImport/index.js';
import { PhotoKeysPlugin } from '../editor/plugins/PhotoKeys/index.js';
import { MarkdownShortcutsPlugin } from '../editor/plugins/MarkdownShortcuts/index.js';
import { PhotoPanel } from './PhotoPanel.js';
import { PhotoRightsContext, type PhotoRights } from '../editor/nodes/PhotoRights.js';
import { copyHeadline } from './fields.js';
import { StoryFieldsForm } from './StoryFieldsForm.js';
import { ReviewPanel } from '../review/ReviewPanel.js';
import { ProfileSwitcher } from '../review/ProfileSwitcher.js';
import { PublishButtons } from '../publish/PublishButtons.js';
import { ExportPackageButton } from '../packages/ExportPackageButton.js';
import { StoryPackageBanners } from '../packages/StoryPackageBanners.js';
import { LockedNotice, useBodyLock, useStoryLock } from '../review/lock.js';
import { HouseStylePlugin } from '../editor/plugins/HouseStyle/index.js';
import { CopyDeskPanel, CopyDeskToggle, FieldFindings } from '../copydesk/CopyDeskPanel.js';
import { useCopyDesk } from '../copydesk/useCopyDesk.js';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Below this window width the copy desk and the review panel are drawers over the text, one at a
 * time, so the text column keeps its width (issue 13: at 900 px it was 248 px wide); the save
 * state moves to the footer beside the word count, where it always has room. Kept in step with
 * the `max-width: 1279px` rules in styles.css.
 */
const DRAWERS_BELOW = '(max-width: 1279px)';

function useWindowMatches(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const follow = () => setMatches(list.matches);
    follow();
    list.addEventListener('change', follow);
    return () => list.removeEventListener('change', follow);
  }, [query]);
  return matches;
}

export function StoryScreen({ story, focusHeadline }: { story: Story; focusHeadline: boolean }) {
  const app = useApp();
  const [editor] = useLexicalComposerContext();
  const [fields, setFields] = useState<StoryFields>(() => fieldsOf(story));
  const [trashedAt, setTrashedAt] = useState(story.trashedAt);
  const [busy, setBusy] = useState(false);
  const [leaveTo, setLeaveTo] = useState<Route | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState(story.status);
  const lock = useStoryLock(status);
  const locked = lock !== null;
  useBodyLock(locked);
  const autosave = useAutosave(story, fields);
  const autosaveNow = useRef(autosave);
  autosaveNow.current = autosave;

  const update = useCallback((patch: Partial<StoryFields>) => setFields((current) => ({ ...current, ...patch })), []);
  const copyDesk = useCopyDesk({ story, autosave, fields, onFields: update, locked });
  const drawers = useWindowMatches(DRAWERS_BELOW);
  const [reviewOpen, setReviewOpen] = useState(false);
  // One drawer at a time: opening the copy desk closes the review drawer, and the other way round.
  const copyDeskOpen = copyDesk.open;
  useEffect(() => {
    if (copyDeskOpen) setReviewOpen(false);
  }, [copyDeskOpen]);
  const toggleReview = () => {
    if (!reviewOpen && copyDesk.open) copyDesk.setOpen(false);
    setReviewOpen(!reviewOpen);
  };
  // The drawers open between the story bar and the footer, whatever height the bar wraps to.
  const view = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = view.current;
    const bar = element?.querySelector<HTMLElement>(':scope > .story-bar');
    const foot = element?.querySelector<HTMLElement>(':scope > .story-status');
    if (!element || !bar || !foot) return;
    const measure = () => {
      element.style.setProperty('--story-bar-height', `${bar.offsetHeight}px`);
      element.style.setProperty('--story-status-height', `${foot.offsetHeight}px`);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(bar);
    observer.observe(foot);
    return () => observer.disconnect();
  }, []);
  // "Rights confirmed for this use", per photo: read once, recorded through the store (issue 13).
  const [rightsDecisions, setRightsDecisions] = useState<ReadonlyMap<string, { at: string; by: string }>>(new Map());
  const [rightsVersion, setRightsVersion] = useState(0);
  const takeDecisions = (photos: Awaited<ReturnType<typeof invoke<'media:list'>>>) =>
    setRightsDecisions(new Map(photos.flatMap((photo) => (photo.rightsConfirmed ? [[photo.photoId, photo.rightsConfirmed] as const] : []))));
  useEffect(() => {
    let current = true;
    invoke('media:list', { id: story.id }).then(
      (photos) => current && takeDecisions(photos),
      (error: unknown) => console.error(`Could not read the photos' rights decisions of ${story.id}:`, error),
    );
    return () => {
      current = false;
    };
  }, [story.id]);
  const photoRights = useMemo<PhotoRights>(
    () => ({
      decision: (photoId) => rightsDecisions.get(photoId) ?? null,
      decide: async (photoId, confirmed) => {
        if (!(await autosaveNow.current.flush())) return 'Save the story first: the decision is kept with the saved photo.';
        try {
          takeDecisions(await invoke('media:confirm-rights', { storyId: story.id, photoId, confirmed }));
          setRightsVersion((n) => n + 1);
          return null;
        } catch (error) {
          return `Not recorded: ${message(error)}`;
        }
      },
    }),
    [rightsDecisions, story.id],
  );
  const saveState = <SaveStateView state={autosave.state} onRetry={() => void autosave.flush()} />;

  const saveRevision = useCallback(async () => {
    if (!(await autosaveNow.current.flush())) {
      app.notify('Revision not saved: the story itself is not saved yet. Fix that first.');
      return;
    }
    try {
      const revision = await invoke('revision:create', { storyId: story.id });
      app.notify(`Revision saved ${clockTime(revision.createdAt)}`);
    } catch (error) {
      app.notify(`Revision not saved: ${message(error)}`);
    }
  }, [app, story.id]);

  const insertPhotos = useCallback(async () => {
    editor.dispatchCommand(CHOOSE_PHOTOS_COMMAND, {});
  }, [editor]);

  const flushForClose = useCallback(async () => {
    const autosave = autosaveNow.current;
    if (await autosave.flush()) return;
    if (autosave.stateNow().kind !== 'conflict') return;
    try {
      const mine = autosave.snapshot();
      await invoke('story:create', { fields: { ...mine.fields, headline: copyHeadline(mine.fields.headline) }, body: mine.body });
    } catch (error) {
      console.error(`Could not keep the unsaved text of ${story.id} as a copy while closing:`, error);
    }
  }, [story.id]);

  useEffect(() => {
    app.setSession({
      flush: () => autosaveNow.current.flush(),
      flushForClose,
      confirmLeave: setLeaveTo,
      saveRevision,
      insertPhotos,
    });
    return () => app.setSession(null);
  }, [app, saveRevision, insertPhotos, flushForClose]);

  const saveAsCopy = async () => {
    setBusy(true);
    try {
      const mine = autosave.snapshot();
      const copy = await invoke('story:create', {
        fields: { ...mine.fields, headline: copyHeadline(mine.fields.headline) },
        body: mine.body,
      });
      app.notify('Your text is saved as a copy; the original keeps the other version.');
      await app.go({ name: 'story', id: copy.id }, { force: true });
    } catch (error) {
      setProblem(`Could not save the copy: ${message(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const reloadTheirs = async () => {
    setBusy(true);
    try {
      const latest = await autosave.reloadTheirs();
      setFields(fieldsOf(latest));
      setTrashedAt(latest.trashedAt);
      setProblem(null);
    } catch (error) {
      setProblem(`Could not reload the story: ${message(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const moveToTrash = async () => {
    if (!(await autosave.flush())) {
      setProblem('Save the story before moving it to the trash.');
      return;
    }
    try {
      await invoke('story:trash', { id: story.id });
      app.notify(`“${fields.headline || 'Untitled'}” is in the trash; restore it from there.`);
      await app.go({ name: 'desk' }, { force: true });
    } catch (error) {
      setProblem(message(error));
    }
  };

  const restore = async () => {
    if (!(await autosave.flush())) return;
    try {
      const restored = await invoke('story:restore', { id: story.id });
      autosave.adopt(restored);
      setTrashedAt(null);
    } catch (error) {
      setProblem(message(error));
    }
  };

  const conflict = autosave.state.kind === 'conflict' ? autosave.state : null;

  return (
    <PhotoRightsContext.Provider value={photoRights}>
      <div
        ref={view}
        className={`story-view${drawers ? ' story-view-drawers' : ''}${drawers && reviewOpen ? ' story-view-review-open' : ''}`}
        data-testid="story-view"
      >
        <header className="story-bar">
          <button type="button" className="quiet" onClick={() => void app.go({ name: 'desk' })} data-testid="back-to-desk">
            ← Desk
          </button>
          {!drawers && saveState}
          <span className="story-bar-gap" />
          <CopyDeskToggle desk={copyDesk} />
          {drawers && (
            <button
              type="button"
              className="quiet review-toggle"
              aria-pressed={reviewOpen}
              aria-controls="review-panel"
              title="Status, checklist, notes and history of this story"
              onClick={toggleReview}
              data-testid="review-toggle"
            >
              Review
            </button>
          )}
          <PublishButtons storyId={story.id} status={status} autosave={autosave} onMoved={(moved) => setStatus(moved.status)} />
          <ExportPackageButton storyId={story.id} flush={() => autosave.flush()} />
          {trashedAt === null && !locked && (
            <button type="button" className="quiet" onClick={() => void moveToTrash()} data-testid="trash-story">
              Move to trash
            </button>
          )}
          <ProfileSwitcher />
        </header>
        {trashedAt !== null && (
          <div className="banner" role="status" data-testid="trashed-banner">
            <p>This story is in the trash.</p>
            <div className="banner-actions">
              <button type="button" onClick={() => void restore()} data-testid="restore-story">
                Restore
              </button>
            </div>
          </div>
        )}
        <LockedNotice lock={lock} status={status} />
        <StoryPackageBanners story={story} autosave={autosave} onReload={reloadTheirs} />
        {conflict && (
          <ConflictBanner state={conflict} busy={busy} onSaveCopy={() => void saveAsCopy()} onReloadTheirs={() => void reloadTheirs()} />
        )}
        {leaveTo && (
          <div className="banner banner-warning" role="alert" data-testid="leave-prompt">
            <p>
              <strong>Your latest changes are not saved.</strong> If you leave now they are lost.
            </p>
            <div className="banner-actions">
              <button type="button" className="primary" onClick={() => setLeaveTo(null)}>
                Stay
              </button>
              <button
                type="button"
                onClick={() => {
                  const to = leaveTo;
                  setLeaveTo(null);
                  void app.go(to, { force: true });
                }}
                data-testid="leave-anyway"
              >
                Leave without saving
              </button>
            </div>
          </div>
        )}
        {problem && (
          <div className="banner banner-warning" role="alert">
            <p>{problem}</p>
            <div className="banner-actions">
              <button type="button" className="quiet" onClick={() => setProblem(null)}>
                Dismiss
              </button>
            </div>
          </div>
        )}
        {/* Leaving any box saves at once (blur bubbles here as focusout). */}
        <main className="story-page" onBlur={() => void autosave.flush()}>
          <StoryFieldsForm
            fields={fields}
            onChange={update}
            focusHeadline={focusHeadline}
            onHeadlineDone={() => editor.focus()}
            readOnly={locked}
            fieldNotes={{ headline: <FieldFindings desk={copyDesk} field="headline" />, standfirst: <FieldFindings desk={copyDesk} field="standfirst" /> }}
          />
          <div className="editor-shell">
            <PhotoPanel />
            <ToolbarPlugin />
            <LinkEditorPlugin />
            <PhotoImportPlugin />
            <div className="editor-frame">
              <RichTextPlugin
                contentEditable={
                  <ContentEditable
                    className="story-body"
                    data-testid="story-body"
                    spellCheck
                    lang={fields.language}
                    aria-label="Story text"
                    aria-placeholder="Write the story…"
                    placeholder={<div className="story-body-placeholder">Write the story…</div>}
                  />
                }
                ErrorBoundary={LexicalErrorBoundary}
              />
            </div>
          </div>
        </main>
        {copyDesk.open && <CopyDeskPanel desk={copyDesk} />}
        <ReviewPanel
          story={story}
          status={status}
          locked={locked}
          autosave={autosave}
          onMoved={(moved) => setStatus(moved.status)}
          onReload={reloadTheirs}
          recheck={rightsVersion}
        />
        <footer className="story-status">
          {drawers && saveState}
          <WordCountPlugin />
        </footer>
        <HistoryPlugin />
        <ListPlugin />
        <LinkPlugin validateUrl={isStoryLink} />
        <AutoLinkPlugin />
        <DocumentRulesPlugin />
        <PasteSanitizerPlugin />
        <PhotoKeysPlugin />
        <MarkdownShortcutsPlugin />
        <HouseStylePlugin findings={copyDesk.findings} current={copyDesk.current} />
      </div>
    </PhotoRightsContext.Provider>
  );
}
