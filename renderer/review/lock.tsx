/**
 * An approved or published story is locked: nobody edits it until an editor reopens it (the store
 * refuses the save anyway; this says so before anyone types). The editor's editable flag is the
 * one lock signal on screen: the body stops taking input and the formatting bar follows it.
 */
import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { LOCKED_STATES, type StoryState } from '../../common/workflow.js';

export function isLocked(state: StoryState): boolean {
  return LOCKED_STATES.includes(state);
}

export function useBodyLock(locked: boolean): void {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    editor.setEditable(!locked);
  }, [editor, locked]);
}

export function LockedNotice({ locked }: { locked: boolean }) {
  if (!locked) return null;
  return (
    <div className="banner review-locked" role="status" data-testid="locked-notice">
      <p>
        <strong>Locked — an editor must reopen it</strong> before the text can change.
      </p>
    </div>
  );
}
