import type { Page } from '@playwright/test';
import { documentText, parseStoryDocument } from '../../common/document.js';
import { HOSTILE_PAYLOADS } from '../fixtures/hostile-payloads.js';
import { expect, test, type NewsroomPage } from './harness.js';

/**
 * Paste fuzz (issue 11, "nothing typed is lost after a paste"): hostile HTML, generated nesting and
 * crafted Lexical clipboard payloads are pasted into a story, a word is typed after each, and each
 * time autosave must say "Saved" and the store must hold the pasted text and the typed word.
 */

/** Pastes as the clipboard delivers it: a synthetic event carries the data exactly as given. */
async function paste(page: Page, data: Record<string, string>): Promise<void> {
  await page.getByTestId('story-body').evaluate((element, data) => {
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(data)) transfer.setData(type, value);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, data);
}

function storyIdOf(page: Page): string {
  return decodeURIComponent(new URL(page.url()).hash.replace('#/story/', ''));
}

/** A small seeded generator, so a failure names a case that comes back on the next run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const BLOCKS = ['h1', 'h2', 'h3', 'h5', 'p', 'div', 'ul', 'ol', 'li', 'blockquote', 'pre', 'table', 'td'];
const INLINES = ['b', 'i', 'span', 'em', 'strong', 'u', 'a href="https://example.org/x"', 'a href="javascript:alert(1)"', 'sup', 'code'];

/** Blocks and inline elements nested any way: block in inline in block, lists in subheads, subheads in items. */
function generatedNesting(count: number): string[] {
  const random = seeded(11);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const out = ['<h3><span><p>x</p></span></h3>', '<li><b><h2>x</h2></b></li>', '<h2><b><ul><li>x</li></ul></b></h2>'];
  for (let i = 0; i < count; i += 1) {
    const depth = 2 + Math.floor(random() * 5);
    let html = `w${i}`;
    for (let d = 0; d < depth; d += 1) {
      const tag = random() < 0.55 ? pick(BLOCKS) : pick(INLINES);
      const name = tag.split(' ')[0] as string;
      html = random() < 0.3 ? `<${tag}>${html}</${name}><${pick(BLOCKS)}>v${i}` : `<${tag}>${html}</${name}>`;
    }
    out.push(html);
  }
  // Deep lists, and subheads and lists alternating deeply.
  out.push(`${'<ul><li>deep '.repeat(40)}${'</li></ul>'.repeat(40)}`);
  out.push(`${'<h2><b><ul><li>'.repeat(20)}core${'</li></ul></b></h2>'.repeat(20)}`);
  return out;
}

const text = (t: string, extra: Record<string, unknown> = {}) => ({ type: 'text', version: 1, text: t, format: 0, detail: 0, mode: 'normal', style: '', ...extra });
const el = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({ type, version: 1, direction: null, format: '', indent: 0, children, ...extra });
const list = (children: unknown[]) => el('list', children, { listType: 'bullet', start: 1, tag: 'ul' });
const item = (children: unknown[]) => el('listitem', children, { value: 1 });

/** Crafted `application/x-lexical-editor` payloads in the editor's own namespace. */
function lexicalPayloads(): Array<{ nodes: unknown[] }> {
  let deep: unknown = list([item([text('deepest')])]);
  for (let i = 0; i < 30; i += 1) deep = list([item([text(`l${i}`), deep])]);
  const payloads: unknown[][] = [
    [el('heading', [el('paragraph', [text('heading holds a paragraph')])], { tag: 'h3' })],
    [list([item([el('heading', [text('item holds a subhead')], { tag: 'h2' })])])],
    [el('heading', [text('subhead holds '), list([item([text('a list')])])], { tag: 'h2' })],
    [list([text('list holds text')])],
    [el('paragraph', [item([text('paragraph holds an item')])])],
    [el('quote', [list([item([text('quote holds a list')])])])],
    [el('paragraph', [el('link', [el('link', [text('link in a link')], { url: 'https://b.example/' })], { url: 'https://a.example/' })])],
    [el('paragraph', [el('link', [text('unsafe link')], { url: 'javascript:alert(1)' })])],
    [el('paragraph', [text('huge format', { format: 999_999, style: 'color:red' })])],
    [el('paragraph', [text('bad version', { version: 0 })], { version: -4, indent: 99 })],
    [el('heading', [text('h1 subhead')], { tag: 'h1' })],
    [el('heading', [text('h6 subhead')], { tag: 'h6' })],
    [el('table', [el('tablerow', [el('tablecell', [text('unknown table')])])])],
    [{ type: 'hashtag', version: 1, text: 'unknown text node' }],
    [{ type: 'photo', version: 1, photoId: '../../etc/passwd', caption: 'photo with a bad id' }],
    [el('paragraph', [{ type: 'photo', version: 1, photoId: '', caption: 'photo inside a paragraph' }])],
    [deep],
    [el('root', [el('paragraph', [text('root inside the fragment')])])],
    [text('inline '), el('paragraph', [text('then a block')])],
    [item([text('lone list item')])],
    [el('paragraph', [el('paragraph', [el('paragraph', [text('paragraphs all the way down')])])])],
    [el('list', [item([text('check list')])], { listType: 'check' })],
    [el('paragraph', [{ type: 'linebreak', version: 1 }, { type: 'tab', version: 1 }, text('breaks and tabs')])],
    [el('heading', [el('heading', [text('subhead in a subhead')], { tag: 'h2' })], { tag: 'h3' })],
  ];
  return payloads.map((nodes) => ({ nodes }));
}

/** Every word of a payload's text nodes, for checking the store kept them. */
function wordsOf(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  const node = value as Record<string, unknown>;
  const own = typeof node.text === 'string' ? [node.text] : typeof node.caption === 'string' ? [node.caption] : [];
  return [...own, ...(Array.isArray(node.children) ? node.children.flatMap(wordsOf) : [])].flatMap((t) => t.split(/\s+/)).filter((w) => w !== '');
}

async function openStory(app: NewsroomPage): Promise<string> {
  await app.page.getByTestId('new-story').click();
  await app.page.getByTestId('headline').fill('Paste fuzz');
  await expect(app.page.getByTestId('save-state')).toHaveText(/^Saved/);
  return storyIdOf(app.page);
}

/** Empties the body, pastes, types a word after the paste, and checks autosave stored both. */
async function pasteThenType(app: NewsroomPage, storyId: string, data: Record<string, string>, typed: string, pasted: readonly string[]): Promise<void> {
  const { page, newsroom } = app;
  const body = page.getByTestId('story-body');
  await body.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await paste(page, data);
  await page.keyboard.type(` ${typed}`);
  await expect(page.getByTestId('save-state'), `after pasting ${JSON.stringify(data).slice(0, 300)}`).toHaveText(/^Saved/);
  await expect
    .poll(() => documentText(parseStoryDocument(newsroom.stories.get(storyId).body)), { message: `store after pasting ${JSON.stringify(data).slice(0, 300)}` })
    .toContain(typed);
  const stored = documentText(parseStoryDocument(newsroom.stories.get(storyId).body));
  for (const word of pasted) expect(stored, `pasted ${JSON.stringify(data).slice(0, 300)}`).toContain(word);
}

test.describe.configure({ timeout: 600_000 });

test('every hostile HTML payload pasted leaves a story that saves, with what was typed after it', async ({ app }) => {
  const storyId = await openStory(app);
  for (const [i, payload] of HOSTILE_PAYLOADS.entries()) {
    await pasteThenType(app, storyId, { 'text/html': `<p>lead${i}</p>${payload}`, 'text/plain': payload }, `typed${i}`, [`lead${i}`]);
  }
  expect(await app.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await app.problems()).toEqual([]);
});

test('generated nesting of blocks and inline elements always saves, keeping its words', async ({ app }) => {
  const storyId = await openStory(app);
  for (const [i, html] of generatedNesting(60).entries()) {
    const words = html.replace(/<[^>]*>/g, ' ').split(/\s+/).filter((w) => w !== '');
    await pasteThenType(app, storyId, { 'text/html': html }, `typed${i}`, words);
  }
  expect(await app.problems()).toEqual([]);
});

test('crafted Lexical clipboard payloads are repaired before they are inserted, and save', async ({ app }) => {
  const storyId = await openStory(app);
  for (const [i, payload] of lexicalPayloads().entries()) {
    const data = { 'application/x-lexical-editor': JSON.stringify({ namespace: 'newsroom-story', ...payload }), 'text/plain': 'plain' };
    await pasteThenType(app, storyId, data, `typed${i}`, wordsOf({ children: payload.nodes }));
  }
  const stored = app.newsroom.stories.get(storyId).body;
  expect(stored).not.toContain('javascript');
  expect(await app.problems()).toEqual([]);
});
