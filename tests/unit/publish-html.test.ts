import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  el,
  isSafeImageUrl,
  jsonLd,
  serialize,
  serializeDocument,
  serializeJsonForScript,
  styleSheet,
  type ElementName,
  type JsonValue,
} from '../../common/publish/html.js';
import { attr, decode, pageElements } from '../helpers/publishedPage.js';

describe('the publish HTML builder escapes by construction', () => {
  it('escapes text and attribute values', () => {
    expect(serialize(el('p', { title: '"><script>alert(1)</script>' }, '<b>&amp;</b>'))).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&lt;b&gt;&amp;amp;&lt;/b&gt;</p>',
    );
  });

  it('drops characters HTML does not allow and writes line breaks in text as spaces', () => {
    expect(cleanText('a\u0000b\u0007c\u001bd\uFFFEe\uD800f')).toBe('abcdef');
    expect(cleanText('emoji 👩🏽‍💻 ok')).toBe('emoji 👩🏽‍💻 ok');
    expect(serialize(el('p', { title: 'two\nlines' }, 'one\r\ntwo\nthree'))).toBe('<p title="two&#10;lines">one two three</p>');
  });

  it('leaves out null, undefined and false attributes and children, and writes boolean attributes bare', () => {
    expect(serialize(el('ol', { start: null, reversed: true, class: undefined, id: false }, null, false, el('li', null, 'one')))).toBe(
      '<ol reversed>\n  <li>one</li>\n</ol>',
    );
  });

  it('puts block children on lines of their own but never adds whitespace between inline elements', () => {
    expect(serialize(el('ul', null, el('li', null, el('strong', null, 'a'), el('em', null, 'b')), el('li', null, el('ol', null, el('li', null, 'c')))))).toBe(
      '<ul>\n  <li><strong>a</strong><em>b</em></li>\n  <li>\n    <ol>\n      <li>c</li>\n    </ol>\n  </li>\n</ul>',
    );
  });

  it.each(['onclick', 'onerror', 'ONLOAD', 'style', 'srcdoc', 'formaction', 'on', 'data x', '"><x'])('refuses the attribute %j', (name) => {
    expect(() => serialize(el('p', { [name]: 'alert(1)' }, 'x'))).toThrow(/Refusing to write attribute/);
  });

  it.each(['script', 'iframe', 'object', 'embed', 'form', 'style', 'svg', 'math', 'base', 'link'])('refuses the element <%s>', (tag) => {
    expect(() => serialize(el(tag as ElementName, null, 'x'))).toThrow(/not an element a published page may contain/);
  });

  it.each(['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd'])(
    'refuses the link %j',
    (href) => {
      expect(() => serialize(el('a', { href }, 'x'))).toThrow(/Refusing to write a link/);
    },
  );

  it('checks image sources: web, preview media, relative paths inside the export and base64 images only', () => {
    for (const ok of ['https://cdn.example/a.jpg', 'images/0123456789ab-400.jpg', 'newsroom-media://photo/abc/display', 'data:image/jpeg;base64,/9j/4AAQ==']) {
      expect(isSafeImageUrl(ok), ok).toBe(true);
    }
    for (const bad of ['javascript:alert(1)', ' https://x/a.jpg', 'data:image/svg+xml;base64,PHN2Zz4=', 'data:text/html,x', 'file:///a.jpg', '//evil.example/a.jpg', 'images/a.jpg"onerror="x', '']) {
      expect(isSafeImageUrl(bad), bad).toBe(false);
      expect(() => serialize(el('img', { src: bad, alt: '' }))).toThrow(/Refusing to write image source/);
    }
    expect(() => serialize(el('img', { src: 'a.jpg', alt: '', srcset: 'a.jpg 400w, javascript:alert(1) 800w' }))).toThrow(/srcset/);
  });

  it('refuses a stylesheet that could close its element', () => {
    expect(() => serialize(styleSheet('p{}</style><script>alert(1)</script>'))).toThrow(/stylesheet/);
  });

  it('writes JSON-LD that no string can break out of, and that parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const normal = JSON.parse(JSON.stringify(value)) as JsonValue;
        const written = serializeJsonForScript(normal);
        expect(written).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(written)).toEqual(normal);
      }),
    );
    const tricky = { a: '</script><script>alert(1)</script>', b: '<!--', c: '\u2028\u2029', d: '&lt;' };
    expect(serialize(jsonLd(tricky))).toBe(
      '<script type="application/ld+json">{"a":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e","b":"\\u003c!--","c":"\\u2028\\u2029","d":"\\u0026lt;"}</script>',
    );
  });

  it('round-trips any text and attribute value through a parser: what is written is what a reader sees', async () => {
    const samples = fc.sample(fc.string({ unit: fc.oneof(fc.constantFrom('<', '>', '&', '"', "'", '=', '/', '\n', ' ', 'a', '&amp;', '<script>', '\u2028'), fc.string({ unit: 'binary', minLength: 1, maxLength: 2 })) }), { numRuns: 150, seed: 7 });
    for (const value of samples) {
      const page = serializeDocument(el('html', { lang: 'en' }, el('head', null, el('title', null, 'x')), el('body', null, el('p', { title: value }, value))));
      const elements = await pageElements(page);
      const p = elements.find((e) => e.tag === 'p');
      expect(elements.map((e) => e.tag)).toEqual(['html', 'head', 'title', 'body', 'p']);
      expect(attr(p!, 'title')).toBe(cleanText(value));
      expect(decode(p!.raw)).toBe(cleanText(value).replace(/\r\n|[\r\n]/g, ' '));
    }
  });
});
