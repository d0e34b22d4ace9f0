/**
 * The approval checklist beside the story: each item passed or not, required or recommended, and
 * each problem a link to where it is fixed (the field, the body, or the n-th photo).
 */
import type { LexicalEditor } from 'lexical';
import type { ChecklistResult, ChecklistTarget } from '../../common/checklist.js';

export function Checklist({ items, onFix }: { items: ChecklistResult[] | null; onFix: (target: ChecklistTarget) => void }) {
  if (items === null) return <p className="review-quiet">Checking…</p>;
  return (
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
                onClick={() => onFix(problem.target)}
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

/** Puts the caret where a checklist problem is fixed; a photo is scrolled into view and flashed. */
export function goToChecklistTarget(target: ChecklistTarget, editor: LexicalEditor, storyRoot: HTMLElement | null): void {
  if ('photo' in target) {
    const body = storyRoot?.querySelector('[data-lexical-editor="true"]') ?? storyRoot;
    // Prefer the number the photo node puts on its figure; otherwise count the figures in the body.
    const figure =
      body?.querySelector<HTMLElement>(`[data-photo-number="${target.photo}"]`) ??
      body?.querySelectorAll<HTMLElement>('figure')[target.photo - 1] ??
      null;
    if (!figure) return;
    figure.scrollIntoView({ block: 'center' });
    // The photo's own boxes mark what is missing; put the caret in the first of them.
    figure.querySelector<HTMLElement>('[data-photo-field][aria-invalid="true"]')?.focus({ preventScroll: true });
    figure.classList.remove('review-flash');
    // Restart the animation even if the same photo was flashed a moment ago.
    void figure.offsetWidth;
    figure.classList.add('review-flash');
    return;
  }
  if (target.field === 'body') {
    editor.focus();
    editor.getRootElement()?.scrollIntoView({ block: 'nearest' });
    return;
  }
  const box = storyRoot?.querySelector<HTMLElement>(FIELD_SELECTORS[target.field]);
  box?.focus();
  box?.scrollIntoView({ block: 'nearest' });
}
