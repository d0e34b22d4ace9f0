/**
 * When the text may not change here: an approved or published story is locked for everyone until
 * an editor reopens it, and filed copy (or copy in edit) is read-only for a reporter until it comes
 * back to them (Recall, or a change request). The store refuses the save anyway (`editRule` in
 * common/workflow.ts, checked by the workflow service); this says so before anyone types. The
 * editor's editable flag is the one lock signal on screen: the body stops taking input and the
 * formatting bar follows it.
 */
import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { LOCKED_STATES, editRule, type StoryState } from '../../common/workflow.js';
import { useProfile } from './profile-context.js';

export function isLocked(state: StoryState): boolean {
  return LOCKED_STATES.includes(state);
}

/** Why the current profile cannot change the story now, or null when they can. */
export type StoryLock = null | 'locked' | 'desk-has-it';

/** The lock on a story in `state` for whoever is working now. */
export function useStoryLock(state: StoryState): StoryLock {
  const { current } = useProfile();
  const verdict = editRule(state, current);
  return verdict.kind === 'refused' ? verdict.rule : null;
}

export function useBodyLock(locked: boolean): void {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    editor.setEditable(!locked);
  }, [editor, locked]);
}

export function LockedNotice({ lock, status }: { lock: StoryLock | boolean; status?: StoryState }) {
  if (lock === null || lock === false) return null;
  if (lock === 'desk-has-it') {
    return (
      <div className="banner review-locked" role="status" data-testid="locked-notice" data-lock="desk-has-it">
        <p>
          {status === 'in-edit' ? (
            <>
              <strong>An editor has this story in edit</strong>: it is read-only for you until it comes back with their requests.
            </>
          ) : (
            <>
              <strong>Filed — read-only for you</strong> while it is with the desk. Recall it (in the review panel) to change it, while no
              editor has taken it.
            </>
          )}
        </p>
      </div>
    );
  }
  return (
    <div className="banner review-locked" role="status" data-testid="locked-notice" data-lock="locked">
      <p>
        <strong>Locked — an editor must reopen it</strong> before the text can change.
      </p>
    </div>
  );
}
