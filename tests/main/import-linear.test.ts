import { describe, expect, it } from 'vitest';
import { documentText } from '../../common/document.js';
import { importStoryBytes } from '../../main/services/import/index.js';
import { parseHtml, textContent } from '../../main/services/import/htmlParser.js';
import { holdInlineCode } from '../../renderer/editor/plugins/PasteSanitizer/cleanPastedHtml.js';

/**
 * Shapes that were quadratic (issue 11), at sizes the old parsers could not finish within the
 * test timeout: each must complete and give the right text. Their timing is judged in
 * `npm run bench` (bench/parsers.ts), never here.
 */
const bytes = (text: string) => new TextEncoder().encode(text);
const words = async (name: string, text: string) => documentText((await importStoryBytes(name, bytes(text))).body);

describe('HTML import (parse5) finishes on hostile nesting', () => {
  it('reads 300 KB of `<a <a <a …` (96 KB took the old parser 75 s) and keeps the story around it', async () => {
    const text = await words('page.html', `<p>Dam holds after the storm.</p><p>Engineers checked it overnight.</p>${'<a '.repeat(100_000)}`);
    expect(text).toContain('Dam holds after the storm.');
    expect(text).toContain('Engineers checked it overnight.');
  });

  it('reads 100,000 nested tags of each kind, keeping the text at the bottom', () => {
    for (const tag of ['div', 'b', 'span', 'li', 'table', 'a', 'p', 'h2']) {
      const tree = parseHtml(`${`<${tag}>`.repeat(100_000)}the words at the bottom${`</${tag}>`.repeat(100_000)}<p>after</p>`);
      const all = textContent(tree);
      expect(all, tag).toContain('the words at the bottom');
      expect(all, tag).toContain('after');
    }
  });

  it('imports 100,000 nested <div> as a story holding its words', async () => {
    expect(await words('deep.html', `${'<div>'.repeat(100_000)}Flood warning lifted${'</div>'.repeat(100_000)}`)).toBe('Flood warning lifted');
  });

  it('parses as a browser does: misnested formatting, raw text, character references', () => {
    // As the HTML standard says: &notit; is the legacy &not without its semicolon.
    const tree = parseHtml('<p><b>bold <i>both</b> italic</i></p><script>if (a < b) "</p>"</script><p>caf&eacute; &amp; &#x2014; I&#39;m &notit; I tell you</p>');
    expect(textContent(tree)).toBe('bold both italicif (a < b) "</p>"café & — I\'m ¬it; I tell you');
  });
});

describe('Markdown import finishes on nested brackets and long paragraphs', () => {
  it('reads 50,000 nested [ ] (200 KB took the old code 15 s) as the literal text', async () => {
    const text = await words('brackets.md', `Council votes ${'['.repeat(50_000)}x${']'.repeat(50_000)} today.`);
    expect(text).toBe(`Council votes ${'['.repeat(50_000)}x${']'.repeat(50_000)} today.`);
  });

  it('reads 50,000 unmatched [ and 50,000 unmatched ![ as text', async () => {
    expect(await words('open.md', `Open ${'['.repeat(50_000)}`)).toBe(`Open ${'['.repeat(50_000)}`);
    expect(await words('images.md', `Pictures ${'!['.repeat(50_000)}`)).toBe(`Pictures ${'!['.repeat(50_000)}`);
  });

  it('keeps a link made of nested brackets and the text around it', async () => {
    const text = await words('nested-link.md', `${'['.repeat(20_000)}the report](https://example.org/r)${']'.repeat(19_999)}`);
    expect(text).toBe(`${'['.repeat(19_999)}the report${']'.repeat(19_999)}`);
  });

  it('reads a paragraph of 100,000 short lines as one paragraph', async () => {
    expect(await words('lines.md', 'ab\n'.repeat(100_000))).toBe(Array.from({ length: 100_000 }, () => 'ab').join(' '));
  });
});

describe('the paste cleaner renames inline code in one pass', () => {
  it('passes 1 MB of `<a <a <a …` through unchanged (120 KB took the old regex 1.4 s)', () => {
    const paste = '<a '.repeat(350_000);
    expect(holdInlineCode(paste)).toBe(paste);
  });

  it('holds every style, handler, <style> and <base> in 1 MB of tags', () => {
    const tag = '<p style="color:red" onclick="x()">w</p><style>p{}</style><base href="https://evil.example/">';
    const held = holdInlineCode(tag.repeat(10_000));
    expect(held).toBe('<p data-nr-style="color:red" data-nr-onclick="x()">w</p><nr-held-style>p{}</nr-held-style><nr-held-base href="https://evil.example/">'.repeat(10_000));
  });
});
