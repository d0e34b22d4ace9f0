/**
 * Plain text as reporters file it: paragraphs between blank lines (lines inside a paragraph are
 * hard wraps and are joined), or, in a file with no blank line at all, one paragraph per line.
 */
import { trimLeftovers } from './boilerplate.js';
import { autolink, emptyDraft, type Draft } from './draft.js';

export function splitLines(source: string): string[] {
  return source.replace(/\r\n?/g, '\n').replace(/[\f\v\u2028\u2029]/g, '\n').split('\n');
}

/** Groups of non-blank lines: by blank lines when the file has any, else one line each. */
export function paragraphsOf(lines: readonly string[]): string[][] {
  const hasBlank = lines.some((l) => l.trim() === '');
  const groups: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') {
      if (current.length > 0) groups.push(current);
      current = [];
    } else if (!hasBlank) {
      groups.push([line]);
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

export function draftFromPlainText(source: string): Draft {
  const draft = emptyDraft();
  const lines = splitLines(source);
  const tail = trimLeftovers(lines, (line) => line, (line) => line.trim().length <= 120);
  draft.removed.push(...tail.removed);
  for (const group of paragraphsOf(lines.slice(0, tail.cut))) {
    // Hard wraps are joined with one space; spaces typed inside a line are kept for the copy desk.
    const value = group.map((line) => line.trim()).join(' ');
    draft.blocks.push({ kind: 'paragraph', inlines: autolink(value), lines: group.length });
  }
  return draft;
}
