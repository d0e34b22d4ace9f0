/**
 * The approval checklist beside the story: each item passed or not, required or recommended, and
 * each problem a link to the control where it is fixed (a field, the body, the very box under a
 * photo, the notes), which is scrolled into view, focused and flashed. "Next problem" walks them
 * in turn.
 */
import { useState } from 'react';
import type { LexicalEditor } from 'lexical';
import type { ChecklistResult, ChecklistTarget } from '../../common/checklist.js';

/** Every problem of the failing items, required ones first, in the order they are listed. */
export function checklistProblems(items: readonly ChecklistResult[]): { message: string; target: ChecklistTarget }[] {
  const failing = items.filter((item) => !item.ok);
  return [...failing.filter((item) => item.level === 'required'), ...failing.filter((item) => item.level !== 'required')].flatMap((item) => item.problems);
}

export function Checklist({ items, onFix }: { items: ChecklistResult[] | null; onFix: (target: ChecklistTarget) => void }) {
  const [next, setNext] = useState(0);
  if (items === null) return <p className="review-quiet">Checking…</p>;
  const problems = checklistProblems(items);
  const goToNext = () => {
    const index = next % problems.length;
    const problem = problems[index];
    if (!problem) return;
    onFix(problem.target);
    setNext(index + 1);
  };
  return (
    <>
      {problems.length > 0 && (
        <div className="checklist-next">
          <button type="button" className="quiet" onClick={goToNext} title="Go to each problem in turn" data-testid="checklist-next">
            Next problem
          </button>
          <span className="review-quiet" data-testid="checklist-next-position">
            {next === 0 ? `${problems.length} to fix` : `${((next - 1) % problems.length) + 1} of ${problems.length}`}
          </span>
        </div>
      )}
      <ul className="checklist" data-testid="checklist">
        {items.map((item) => (
          <li
            key={item.id}
            className={`check check-${item.ok ? 'ok' : 'fail'} check-${item.level}`}
            data-testid="checklist-item"
            data-item={item.id}
            data-ok={item.ok}
          >
            <span className="check-mark" aria-hidden="true">
              {item.ok ? '✓' : item.level === 'required' ? '✗' : '!'}
            </span>
            <span className="check-body">
              <span className="check-label">
                {item.label}
                <span className="check-level">{item.level === 'required' ? 'required' : 'recommended'}</span>
              </span>
              {item.problems.map((problem) => (
                <button
                  key={problem.message}
                  type="button"
                  className="check-problem"
                  onClick={() => {
                    const at = problems.indexOf(problem);
                    if (at >= 0) setNext(at + 1);
                    onFix(problem.target);
                  }}
                  title="Go to where this is fixed"
                  data-testid="checklist-problem"
                >
                  {problem.message}
                </button>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The story form's boxes, by the test ids they already carry (their stable handles): the checklist
 * names fields, not elements.
 */
const FIELD_SELECTORS = {
  headline: '[data-testid="headline"]',
  byline: '[data-testid="byline"]',
  dateline: '[data-testid="dateline-place"]',
} as const;

/** Restarts the flash even if the same control was flashed a moment ago. */
function flash(element: HTMLElement): void {
  element.classList.remove('review-flash');
  void element.offsetWidth;
  element.classList.add('review-flash');
}

/** Brings a control into view, opening any folded section it sits in, then focuses and flashes it. */
function showControl(control: HTMLElement): void {
  for (let parent = control.parentElement; parent; parent = parent.parentElement) {
    if (parent instanceof HTMLDetailsElement && !parent.open) parent.open = true;
  }
  control.scrollIntoView({ block: 'center' });
  control.focus({ preventScroll: true });
  flash(control);
}

/** Puts the caret where a checklist problem is fixed: the box itself, scrolled to the middle of the view and flashed. */
export function goToChecklistTarget(target: ChecklistTarget, editor: LexicalEditor, storyRoot: HTMLElement | null): void {
  if ('notes' in target) {
    const notes = storyRoot?.querySelector<HTMLDetailsElement>('[data-testid="review-notes"]');
    if (notes) notes.open = true;
    const box = storyRoot?.querySelector<HTMLElement>('[data-testid="note-input"]');
    const firstOpen = storyRoot?.querySelector<HTMLElement>('[data-testid="note"][data-resolved="false"]');
    if (firstOpen) {
      firstOpen.scrollIntoView({ block: 'center' });
      flash(firstOpen);
      firstOpen.querySelector<HTMLElement>('[data-testid="note-resolve"]')?.focus({ preventScroll: true });
    } else if (box) showControl(box);
    return;
  }
  if ('photo' in target) {
    const body = storyRoot?.querySelector('[data-lexical-editor="true"]') ?? storyRoot;
    // Prefer the number the photo node puts on its figure; otherwise count the figures in the body.
    const figure =
      body?.querySelector<HTMLElement>(`[data-photo-number="${target.photo}"]`) ??
      body?.querySelectorAll<HTMLElement>('figure')[target.photo - 1] ??
      null;
    if (!figure) return;
    const box = target.box === undefined ? null : figure.querySelector<HTMLElement>(`[data-photo-field="${target.box}"]`);
    if (box) {
      // A box folded away in the compact photo card is unfolded first, or it could not take the focus.
      const folded = box.closest('details');
      if (folded && !folded.open) folded.open = true;
      showControl(box);
      return;
    }
    // The photo as a whole (a placeholder waiting for its image): show it, caret in its first empty box.
    figure.scrollIntoView({ block: 'center' });
    figure.querySelector<HTMLElement>('[data-photo-field][aria-invalid="true"]')?.focus({ preventScroll: true });
    flash(figure);
    return;
  }
  if (target.field === 'body') {
    editor.focus();
    const root = editor.getRootElement();
    if (root) {
      root.scrollIntoView({ block: 'nearest' });
      flash(root);
    }
    return;
  }
  const box = storyRoot?.querySelector<HTMLElement>(FIELD_SELECTORS[target.field]);
  if (box) showControl(box);
}
