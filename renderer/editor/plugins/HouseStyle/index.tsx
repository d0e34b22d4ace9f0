/**
 * Underlines the house-style findings in the body, with the CSS Custom Highlight API: the browser
 * paints the ranges, the document is never touched, so showing findings costs no save and no undo
 * step. Repainted (at most once a frame) after every editor update, since Lexical may replace the
 * DOM text nodes the ranges point into; a finding whose text was edited since the check is not
 * painted until the next check. The finding picked in the copy desk list is marked too.
 */
import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { Finding } from '../../../../common/houseStyle/index.js';
import { findingRanges } from './findings.js';

export { $replaceFinding, scrollToFinding } from './findings.js';

export const HIGHLIGHT_WARNING = 'copydesk-warning';
export const HIGHLIGHT_INFO = 'copydesk-info';
export const HIGHLIGHT_CURRENT = 'copydesk-current';
const NAMES = [HIGHLIGHT_WARNING, HIGHLIGHT_INFO, HIGHLIGHT_CURRENT];

function supported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

/** `findings`: the story's, null before the first check; `current`: the id of the one picked in the list. */
export function HouseStylePlugin({ findings, current }: { findings: readonly Finding[] | null; current: string | null }) {
  const [editor] = useLexicalComposerContext();

  useEffect(() => {
    if (!supported() || findings === null) return;
    let frame = 0;
    const paint = () => {
      frame = 0;
      const ranges = findingRanges(editor, findings);
      const warning: Range[] = [];
      const info: Range[] = [];
      for (const finding of findings) {
        const found = ranges.get(finding.id);
        if (found) (finding.severity === 'info' ? info : warning).push(...found);
      }
      const picked = current === null ? [] : (ranges.get(current) ?? []);
      CSS.highlights.set(HIGHLIGHT_WARNING, new Highlight(...warning));
      CSS.highlights.set(HIGHLIGHT_INFO, new Highlight(...info));
      const currentHighlight = new Highlight(...picked);
      // Drawn over the underline of the same text.
      currentHighlight.priority = 1;
      CSS.highlights.set(HIGHLIGHT_CURRENT, currentHighlight);
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(paint);
    };
    schedule();
    const unregister = editor.registerUpdateListener(schedule);
    return () => {
      unregister();
      if (frame !== 0) cancelAnimationFrame(frame);
      for (const name of NAMES) CSS.highlights.delete(name);
    };
  }, [editor, findings, current]);

  return null;
}
