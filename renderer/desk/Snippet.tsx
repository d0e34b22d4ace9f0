/**
 * A search snippet with its matches highlighted. The store marks matches with \u0002…\u0003 in
 * plain text; the marks become <mark> elements here and the text stays text (never HTML).
 */
import { Fragment } from 'react';
import { MARK_END, MARK_START } from '../../common/story.js';

export interface SnippetPart {
  text: string;
  match: boolean;
}

export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let text = '';
  let match = false;
  const push = () => {
    if (text !== '') parts.push({ text, match });
    text = '';
  };
  for (const char of snippet) {
    if (char === MARK_START || char === MARK_END) {
      push();
      match = char === MARK_START;
    } else {
      text += char;
    }
  }
  push();
  return parts;
}

export function Snippet({ text }: { text: string }) {
  return (
    <span className="snippet" data-testid="search-snippet">
      {snippetParts(text).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <Fragment key={i}>{part.text}</Fragment>))}
    </span>
  );
}
