import { describe, expect, it } from 'vitest';
import { NewsroomError } from '../../common/errors.js';
import { ID_PATTERN } from '../../common/ids.js';
import { documentText, parseStoryDocument } from '../../common/document.js';
import { AUTOMATIC_REVISIONS_KEPT, SNAPSHOT_INTERVAL_MS } from '../../main/services/stories.js';
import { tempNewsroom, by, removedAfterEach } from '../helpers/dataDir.js';
import { bodyOfWords, doc } from '../helpers/documents.js';
import { MARK_END, MARK_START } from '../../common/story.js';

const cleanups = removedAfterEach();

/** A newsroom whose clock the test moves by hand. */
function newsroomWithClock(start = Date.parse('2026-11-25T10:00:00Z')) {
  let now = start;
  const newsroom = tempNewsroom({ now: () => new Date(now) });
  cleanups.push(newsroom.cleanup);
  return { newsroom, stories: newsroom.stories, revisions: newsroom.revisions, advance: (ms: number) => (now += ms) };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof NewsroomError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('creating and saving stories', () => {
  it('creates a draft with a sortable id, a slug from the headline and counted words', () => {
    const { stories } = newsroomWithClock();
    const story = stories.create({
      fields: { headline: 'Zürich council passes budget', byline: ['Ana Lima', 'Tom Ruiz'], dateline: { place: 'ZÜRICH', date: '2026-11-24' } },
      body: doc('The council voted on Tuesday.\n\nIt was close.'),
    }, by(null));
    expect(story.id).toMatch(ID_PATTERN);
    expect(story.slug).toBe('zurich-council-passes-budget');
    expect(story.status).toBe('draft');
    expect(story.language).toBe('en');
    expect(story.wordCount).toBe(8);
    expect(story.version).toBe(1);
    expect(story.byline).toEqual(['Ana Lima', 'Tom Ruiz']);
    expect(stories.get(story.slug).id).toBe(story.id);
    const later = stories.create({ fields: { headline: 'Second' } }, by(null));
    expect(later.id > story.id).toBe(true);
  });

  it('keeps slugs unique and lets the reporter edit one', () => {
    const { stories } = newsroomWithClock();
    const a = stories.create({ fields: { headline: 'Floods hit river villages' } }, by(null));
    const b = stories.create({ fields: { headline: 'Floods hit river villages' } }, by(null));
    expect(a.slug).toBe('floods-hit-river-villages');
    expect(b.slug).toBe('floods-hit-river-villages-2');
    const edited = stories.save({ id: b.id, version: b.version, slug: 'river-floods-day-two' }, by(null));
    expect(edited.slug).toBe('river-floods-day-two');
    expect(codeOf(() => stories.save({ id: edited.id, version: edited.version, slug: a.slug }, by(null)))).toBe('invalid-argument');
    // An edited slug no longer follows the headline.
    const retitled = stories.save({ id: edited.id, version: edited.version, fields: { headline: 'Something else' } }, by(null));
    expect(retitled.slug).toBe('river-floods-day-two');
    // An untouched slug does.
    const a2 = stories.save({ id: a.id, version: a.version, fields: { headline: 'Floods recede' } }, by(null));
    expect(a2.slug).toBe('floods-recede');
  });

  it('refuses a stale save with a conflict and overwrites nothing', () => {
    const { stories } = newsroomWithClock();
    const story = stories.create({ fields: { headline: 'Draft' }, body: doc('First words.') }, by(null));
    const fromWindowA = stories.save({ id: story.id, version: 1, body: doc('Window A text.') }, by(null));
    expect(fromWindowA.version).toBe(2);
    let error: NewsroomError | undefined;
    try {
      stories.save({ id: story.id, version: 1, body: doc('Window B text.') }, by(null));
    } catch (e) {
      error = e as NewsroomError;
    }
    expect(error?.code).toBe('conflict');
    expect(error?.message).toMatch(/saved elsewhere/);
    expect(error?.details).toMatchObject({ currentVersion: 2, yourVersion: 1 });
    const stored = stories.get(story.id);
    expect(documentText(parseStoryDocument(stored.body))).toBe('Window A text.');
    expect(stored.version).toBe(2);
  });

  it('validates every body written and refuses unsafe or oversized ones', () => {
    const { stories } = newsroomWithClock();
    expect(codeOf(() => stories.create({ body: '{"root": {"type": "script"}}' }, by(null)))).toBe('invalid-argument');
    expect(codeOf(() => stories.create({ body: 'not json' }, by(null)))).toBe('invalid-argument');
    const hostileLink = JSON.parse(doc('x')) as { root: { children: { children: unknown[] }[] } };
    hostileLink.root.children[0]!.children = [
      { type: 'link', version: 1, url: 'javascript:alert(1)', children: [{ type: 'text', version: 1, text: 'click', format: 0 }] },
    ];
    expect(codeOf(() => stories.create({ body: JSON.stringify(hostileLink) }, by(null)))).toBe('invalid-argument');
    const huge = doc('word '.repeat(1_100_000));
    expect(codeOf(() => stories.create({ body: huge }, by(null)))).toBe('too-large');
    expect(stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 10, trashed: false }).total).toBe(0);
  });

  it('strips inline styles pasted into text', () => {
    const { stories } = newsroomWithClock();
    const body = JSON.parse(doc('Styled')) as { root: { children: { children: { style: string }[] }[] } };
    body.root.children[0]!.children[0]!.style = 'color: red; background: url(javascript:alert(1))';
    const story = stories.create({ body: JSON.stringify(body) }, by(null));
    expect(story.body).not.toContain('color');
    expect(story.body).not.toContain('javascript');
  });
});

describe('a save the store refuses', () => {
  /** The body issue 11 found after pasting `<h3><span><p>x</p></span></h3>`: a paragraph inside a subhead. */
  const nested = (words: string) =>
    JSON.stringify({
      root: {
        type: 'root', version: 1, direction: null, format: '', indent: 0,
        children: [
          { type: 'paragraph', version: 1, children: [{ type: 'text', version: 1, text: 'Lead stays.', format: 0 }] },
          { type: 'heading', version: 1, tag: 'h3', children: [{ type: 'paragraph', version: 1, children: [{ type: 'text', version: 1, text: words, format: 0 }] }] },
        ],
      },
    });

  it('keeps the refused text as one recovery revision beside the last saved version, and says so', () => {
    const { stories, advance, revisions } = newsroomWithClock();
    const story = stories.create({ fields: { headline: 'Pasted' }, body: doc('Lead stays.') }, by(null));
    advance(1000);
    let refusal: NewsroomError | undefined;
    try {
      stories.save({ id: story.id, version: story.version, body: nested('typed after the paste') }, by(null));
    } catch (error) {
      refusal = error as NewsroomError;
    }
    expect(refusal?.code).toBe('invalid-argument');
    expect(refusal?.message).toMatch(/root\.children\.1.*Your text is kept as a recovery revision/);
    // The last good document is untouched.
    expect(stories.get(story.id).version).toBe(story.version);
    expect(documentText(parseStoryDocument(stories.get(story.id).body))).toBe('Lead stays.');
    const kept = revisions.list(story.id).filter((r) => r.reason === 'recovery');
    expect(kept.map((r) => r.id)).toEqual([refusal?.details?.recoveryRevisionId]);
    expect(documentText(parseStoryDocument(revisions.get(kept[0]!.id).body))).toBe('Lead stays.\ntyped after the paste');

    // Typing goes on and is refused again: the one recovery revision holds the newer text.
    advance(1000);
    expect(codeOf(() => stories.save({ id: story.id, version: story.version, fields: { headline: 'Pasted, edited' }, body: nested('typed after the paste, and more') }, by(null)))).toBe('invalid-argument');
    const again = revisions.list(story.id).filter((r) => r.reason === 'recovery');
    expect(again).toHaveLength(1);
    expect(again[0]?.headline).toBe('Pasted, edited');
    expect(documentText(parseStoryDocument(revisions.get(again[0]!.id).body))).toBe('Lead stays.\ntyped after the paste, and more');

    // A body the store accepts saves as before, and the recovery revision stays in the history.
    const saved = stories.save({ id: story.id, version: story.version, body: doc('Fixed.') }, by(null));
    expect(saved.version).toBe(story.version + 1);
    expect(revisions.list(story.id).some((r) => r.reason === 'recovery')).toBe(true);
  });

  it('keeps text that is not even JSON as plain paragraphs', () => {
    const { stories, revisions } = newsroomWithClock();
    const story = stories.create({ fields: { headline: 'Broken' } }, by(null));
    expect(codeOf(() => stories.save({ id: story.id, version: story.version, body: 'not json at all' }, by(null)))).toBe('invalid-argument');
    const kept = revisions.list(story.id).find((r) => r.reason === 'recovery');
    expect(documentText(parseStoryDocument(revisions.get(kept!.id).body))).toBe('not json at all');
  });
});

describe('revisions', () => {
  it('snapshots at most every five minutes of editing, and on close', () => {
    const { stories, advance, revisions } = newsroomWithClock();
    let story = stories.create({ fields: { headline: 'Revisions' } }, by(null));
    for (let i = 0; i < 20; i += 1) {
      advance(10_000);
      story = stories.save({ id: story.id, version: story.version, body: doc(`Edit ${i}`) }, by(null));
    }
    // 20 saves over 200 s: one snapshot (the first save).
    expect(revisions.list(story.id).map((r) => r.reason)).toEqual(['autosave']);
    advance(SNAPSHOT_INTERVAL_MS);
    story = stories.save({ id: story.id, version: story.version, body: doc('After five minutes') }, by(null));
    expect(revisions.list(story.id)).toHaveLength(2);
    expect(stories.close(story.id)).toBeNull(); // nothing new since the last snapshot
    advance(1000);
    story = stories.save({ id: story.id, version: story.version, body: doc('Last words before closing') }, by(null));
    const closing = stories.close(story.id);
    expect(closing?.reason).toBe('close');
    expect(documentText(parseStoryDocument(revisions.get(closing!.id).body))).toBe('Last words before closing');
  });

  it('restores a revision after snapshotting the current text', () => {
    const { stories, advance, revisions } = newsroomWithClock();
    let story = stories.create({ fields: { headline: 'Original headline' }, body: doc('Original text.') }, by(null));
    const original = revisions.create(story.id);
    advance(1000);
    story = stories.save({ id: story.id, version: story.version, fields: { headline: 'New headline' }, body: doc('Rewritten text.') }, by(null));
    const restored = revisions.restore({ storyId: story.id, revisionId: original.id, version: story.version }, by(null));
    expect(restored.headline).toBe('Original headline');
    expect(documentText(parseStoryDocument(restored.body))).toBe('Original text.');
    const kept = revisions.list(story.id).find((r) => r.reason === 'before-restore');
    expect(kept).toBeDefined();
    expect(documentText(parseStoryDocument(revisions.get(kept!.id).body))).toBe('Rewritten text.');
    expect(codeOf(() => revisions.restore({ storyId: story.id, revisionId: original.id, version: story.version }, by(null)))).toBe('conflict');
  });

  it('keeps storage bounded over a long editing session', () => {
    const { stories, advance, revisions } = newsroomWithClock();
    let story = stories.create({ fields: { headline: 'Marathon' } }, by(null));
    const manual = revisions.create(story.id);
    for (let i = 0; i < AUTOMATIC_REVISIONS_KEPT + 30; i += 1) {
      advance(SNAPSHOT_INTERVAL_MS);
      story = stories.save({ id: story.id, version: story.version, body: doc(`Hour ${i}`) }, by(null));
    }
    const kept = revisions.list(story.id);
    expect(kept.filter((r) => r.reason === 'autosave')).toHaveLength(AUTOMATIC_REVISIONS_KEPT);
    expect(kept.map((r) => r.id)).toContain(manual.id);
  });
});

describe('search, list and trash', () => {
  it('finds stories by headline, byline and body, ranked, with highlighted snippets', () => {
    const { stories } = newsroomWithClock();
    const inHeadline = stories.create({ fields: { headline: 'Bridge reopens after floods' }, body: doc('Traffic returned.') }, by(null));
    const inBody = stories.create({ fields: { headline: 'Market day' }, body: doc('Stalls lined the old bridge at dawn.') }, by(null));
    stories.create({ fields: { headline: 'Nothing relevant', byline: ['Maria Bridgewater'] } }, by(null));
    stories.create({ fields: { headline: 'School vote' }, body: doc('Parents met.') }, by(null));
    const hits = stories.search('bridge', 10);
    // A match in the headline outranks one in the body; the last word also matches as a prefix.
    expect(hits[0]?.story.id).toBe(inHeadline.id);
    expect(hits.map((h) => h.story.headline)).toEqual(expect.arrayContaining(['Market day', 'Nothing relevant']));
    expect(hits.map((h) => h.story.headline)).not.toContain('School vote');
    const bodyHit = hits.find((h) => h.story.id === inBody.id);
    expect(bodyHit?.snippet).toContain(`${MARK_START}bridge${MARK_END}`);
    // Prefix matching on the last word, as the reporter types.
    expect(stories.search('bridgew', 10).map((h) => h.story.byline)).toEqual([['Maria Bridgewater']]);
    // Search is updated by the same transaction as the save.
    stories.save({ id: inBody.id, version: inBody.version, body: doc('Stalls lined the quay.') }, by(null));
    expect(stories.search('bridge', 10).map((h) => h.story.id)).not.toContain(inBody.id);
    // Operators typed by a reporter are words, not syntax.
    expect(() => stories.search('"bridge" OR NEAR(', 10)).not.toThrow();
    expect(stories.search('  ', 10)).toEqual([]);
  });

  it('moves stories to the trash and back; purges only when asked', () => {
    const { stories } = newsroomWithClock();
    const story = stories.create({ fields: { headline: 'Spiked idea' }, body: doc('Unique zebra words.') }, by(null));
    stories.trash(story.id);
    expect(stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 10, trashed: false }).total).toBe(0);
    expect(stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 10, trashed: true }).items[0]?.id).toBe(story.id);
    expect(stories.search('zebra', 10)).toEqual([]);
    stories.restore(story.id);
    expect(stories.search('zebra', 10)).toHaveLength(1);
    expect(codeOf(() => stories.purge(story.id))).toBe('invalid-argument');
    stories.trash(story.id);
    stories.purge(story.id);
    expect(codeOf(() => stories.get(story.id))).toBe('not-found');
  });

  it('pages and sorts the desk list', () => {
    const { stories, advance } = newsroomWithClock();
    for (const headline of ['Charlie', 'alpha', 'Bravo', 'Delta', 'Echo']) {
      advance(1000);
      stories.create({ fields: { headline, desk: headline.length > 4 ? 'News' : 'Sport' }, body: bodyOfWords(headline.length) }, by(null));
    }
    const newest = stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 2, trashed: false });
    expect(newest.total).toBe(5);
    expect(newest.items.map((s) => s.headline)).toEqual(['Echo', 'Delta']);
    const next = stories.list({ sort: 'updatedAt', direction: 'desc', offset: 2, limit: 2, trashed: false });
    expect(next.items.map((s) => s.headline)).toEqual(['Bravo', 'alpha']);
    const byWords = stories.list({ sort: 'wordCount', direction: 'asc', offset: 0, limit: 5, trashed: false });
    expect(byWords.items.map((s) => s.wordCount)).toEqual([4, 5, 5, 5, 7]);
    expect(byWords.items[0]).not.toHaveProperty('body');
  });
});
