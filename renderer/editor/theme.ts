/** CSS classes Lexical puts on the story body's elements; the looks live in styles.css. */
import type { EditorThemeClasses } from 'lexical';

export const storyTheme: EditorThemeClasses = {
  paragraph: 'copy-p',
  heading: { h2: 'copy-h2', h3: 'copy-h3' },
  quote: 'copy-quote',
  list: {
    ul: 'copy-ul',
    ol: 'copy-ol',
    listitem: 'copy-li',
    nested: { listitem: 'copy-li-nested' },
  },
  link: 'copy-link',
  text: { bold: 'copy-bold', italic: 'copy-italic' },
};
