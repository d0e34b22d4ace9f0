/**
 * Markdown-style shortcuts as Ghost and iA Writer users type them: "## " and "### " start a subhead,
 * "> " a quote, "- " a bulleted and "1. " a numbered list, and **bold** and *italic* format the
 * words between the marks. Only what the story schema allows (common/document.ts): "# " does
 * nothing, since the headline is its own field, and there is no code, strikethrough or rule.
 */
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { BOLD_STAR, HEADING, ITALIC_STAR, ORDERED_LIST, QUOTE, UNORDERED_LIST, type ElementTransformer, type Transformer } from '@lexical/markdown';

/** Lexical's heading shortcut, for subheads only: "##" makes an h2 and "###" an h3 (the tag is the count of #). */
const SUBHEAD: ElementTransformer = { ...HEADING, regExp: /^(#{2,3})\s/ };

/** Block shortcuts first, then the text formats; bold (**) before italic (*), so ** is not read as two italics. */
export const STORY_MARKDOWN_SHORTCUTS: Transformer[] = [SUBHEAD, QUOTE, UNORDERED_LIST, ORDERED_LIST, BOLD_STAR, ITALIC_STAR];

export function MarkdownShortcutsPlugin() {
  return <MarkdownShortcutPlugin transformers={STORY_MARKDOWN_SHORTCUTS} />;
}
