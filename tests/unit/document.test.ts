import { describe, expect, it } from 'vitest';
import {
  countWords,
  documentFromPlainText,
  documentText,
  emptyDocument,
  isSafeUrl,
  parseStoryDocument,
  readingMinutes,
} from '../../common/document.js';
import { NewsroomError } from '../../common/errors.js';
import { ID_PATTERN, newId } from '../../common/ids.js';
import { slugify } from '../../common/story.js';
import { defaultDataDir, resolveDataDir } from '../../main/dataDir.js';

const text = (t: string) => ({ type: 'text', version: 1, text: t, format: 0, detail: 0, mode: 'normal', style: '' });
const block = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  type, version: 1, direction: null, format: '', indent: 0, children, ...extra,
});
const docOf = (...children: unknown[]) => ({ root: block('root', children) });

describe('the story document validator', () => {
  it('accepts every block the editor makes and extracts its text', () => {
    const doc = docOf(
      block('paragraph', [text('Lead '), { ...text('bold'), format: 1 }]),
      block('heading', [text('Subhead')], { tag: 'h2' }),
      block('quote', [text('“A quote,” she said.')]),
      block('list', [block('listitem', [text('one')], { value: 1 }), block('listitem', [block('list', [block('listitem', [text('nested')])], { listType: 'number' })])], { listType: 'bullet', tag: 'ul' }),
      block('paragraph', [block('link', [text('a link')], { url: 'https://example.org/x', rel: null, target: null }), { type: 'linebreak', version: 1 }, text('after')]),
    );
    const parsed = parseStoryDocument(JSON.stringify(doc));
    expect(documentText(parsed)).toBe('Lead bold\nSubhead\n“A quote,” she said.\none\nnested\na link\nafter');
  });

  it.each([
    ['an unknown node', docOf(block('iframe', []))],
    ['an h1 in the body', docOf(block('heading', [text('x')], { tag: 'h1' }))],
    ['a javascript: link', docOf(block('paragraph', [block('link', [text('x')], { url: 'javascript:alert(1)' })]))],
    ['a data: link', docOf(block('paragraph', [block('link', [text('x')], { url: 'data:text/html,<script>' })]))],
    ['a missing root', { nope: true }],
    ['text without its format', docOf(block('paragraph', [{ type: 'text', version: 1, text: 'x' }]))],
  ])('refuses %s', (_name, doc) => {
    expect(() => parseStoryDocument(doc)).toThrow(NewsroomError);
  });

  it('refuses absurd nesting before it reaches the schema', () => {
    let node: unknown = text('deep');
    for (let i = 0; i < 40; i += 1) node = block('list', [block('listitem', [node])], { listType: 'bullet' });
    expect(() => parseStoryDocument(docOf(node))).toThrow(/nested more than/);
  });

  it('builds a document from plain text paragraphs', () => {
    const doc = documentFromPlainText('First para\nwrapped line.\n\n\nSecond para.');
    expect(documentText(doc)).toBe('First para wrapped line.\nSecond para.');
    expect(documentText(emptyDocument())).toBe('');
  });
});

describe('words, slugs, ids and links', () => {
  it('counts words as a reporter would', () => {
    expect(countWords('')).toBe(0);
    expect(countWords("The mayor's 2026 budget — worth £3.5m — isn't final.")).toBe(8);
    expect(countWords('Київ заявив, що… well-known')).toBe(4);
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(10)).toBe(1);
    expect(readingMinutes(2300)).toBe(10);
  });

  it('makes slugs from headlines', () => {
    expect(slugify('Floods hit river villages')).toBe('floods-hit-river-villages');
    expect(slugify('  Zürich: “Budget” passes!  ')).toBe('zurich-budget-passes');
    expect(slugify("Mayor's plan")).toBe('mayors-plan');
    expect(slugify('Київ готується')).toBe('київ-готується');
    expect(slugify('!!!')).toBe('untitled');
    expect(slugify('a'.repeat(200)).length).toBeLessThanOrEqual(80);
  });

  it('makes UUIDv7 ids that sort by time and never repeat', () => {
    const ids = Array.from({ length: 5000 }, () => newId(1_700_000_000_000));
    for (const id of ids) expect(id).toMatch(ID_PATTERN);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(newId(1_800_000_000_000) > ids[ids.length - 1]!).toBe(true);
  });

  it('knows which links are safe to follow', () => {
    for (const url of ['https://example.org', 'http://a.b/c?d', 'mailto:desk@example.org', 'tel:+441234', '#top']) expect(isSafeUrl(url), url).toBe(true);
    for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'not a url']) expect(isSafeUrl(url), url).toBe(false);
  });
});

describe('where the data lives', () => {
  it('matches Electron userData per platform and honours the overrides', () => {
    expect(defaultDataDir({ HOME: '/home/ana' }, 'linux')).toBe('/home/ana/.config/Newsroom');
    expect(defaultDataDir({ HOME: '/home/ana', XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/Newsroom');
    expect(defaultDataDir({ HOME: '/Users/ana' }, 'darwin')).toBe('/Users/ana/Library/Application Support/Newsroom');
    expect(defaultDataDir({ HOME: 'C:/Users/ana', APPDATA: 'C:/Users/ana/AppData/Roaming' }, 'win32')).toBe('C:/Users/ana/AppData/Roaming/Newsroom');
    expect(resolveDataDir(undefined, { NEWSROOM_DATA_DIR: '/tmp/env-dir' }, '/default')).toBe('/tmp/env-dir');
    expect(resolveDataDir('/tmp/flag-dir', { NEWSROOM_DATA_DIR: '/tmp/env-dir' }, '/default')).toBe('/tmp/flag-dir');
    expect(resolveDataDir(undefined, {}, '/default')).toBe('/default');
  });
});
