/**
 * Search within a queue, desk or person, page by page, with the count of all matches (the desk's
 * search, issue 13): the filter is applied before the page is cut, and the query keeps to the
 * full-text index and the stories' rowid, never a table scan.
 */
import { describe, expect, it } from 'vitest';
import { invokeChannel } from '../../main/handlers.js';
import { tempNewsroom, by, removedAfterEach } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';

const cleanups = removedAfterEach();

function newsroomWithStories() {
  const newsroom = tempNewsroom();
  cleanups.push(newsroom.cleanup);
  const { workflow, profiles, stories } = newsroom;
  const ana = profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
  const ben = profiles.create({ name: 'Ben Okafor', roles: ['reporter'] });
  newsroom.db.exec('BEGIN');
  for (let i = 0; i < 30; i += 1) {
    const author = i % 3 === 0 ? ben : ana;
    const story = stories.create({ fields: { headline: `River report ${i}`, desk: i % 2 === 0 ? 'News' : 'Sport' }, body: doc(`The river rose ${i} cm.`) }, by(author));
    if (i % 5 === 0) workflow.move({ id: story.id, version: story.version, action: 'file' }, by(author));
  }
  newsroom.stories.create({ fields: { headline: 'Budget' }, body: doc('Nothing about water.') }, by(null));
  newsroom.db.exec('COMMIT');
  return { newsroom, ana, ben };
}

describe('search within a queue', () => {
  it('finds only the stories of the queue, desk or person, and counts them all', async () => {
    const { newsroom, ana } = newsroomWithStories();
    const call = async (channel: 'story:search' | 'story:search-count', arg: Record<string, unknown>) => {
      const result = await invokeChannel(newsroom.door, { origin: 'test' }, channel, arg);
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    const filed = (await call('story:search', { query: 'river', status: 'filed' })) as { story: { status: string; headline: string } }[];
    expect(filed.map((h) => h.story.status)).toEqual(['filed', 'filed', 'filed', 'filed', 'filed', 'filed']);
    expect(await call('story:search-count', { query: 'river', status: 'filed' })).toEqual({ total: 6 });
    expect(await call('story:search-count', { query: 'river' })).toEqual({ total: 30 });
    expect(await call('story:search-count', { query: 'river', status: 'draft', createdBy: ana.id, desk: 'News' })).toEqual({
      total: newsroom.stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 100, trashed: false, filter: { status: 'draft', createdBy: ana.id, desk: 'News' } }).total,
    });
    const mine = (await call('story:search', { query: 'river', status: 'draft', createdBy: ana.id, limit: 100 })) as { story: { createdBy: string } }[];
    expect(mine.length).toBeGreaterThan(5);
    expect(new Set(mine.map((h) => h.story.createdBy))).toEqual(new Set([ana.id]));
  });

  it('pages on from an offset in the same ranked order, every story once', () => {
    const { newsroom } = newsroomWithStories();
    const all = newsroom.stories.search('river', 30);
    const first = newsroom.stories.search('river', 12);
    const rest = newsroom.stories.search('river', 30, { offset: 12 });
    expect([...first, ...rest].map((h) => h.story.id)).toEqual(all.map((h) => h.story.id));
    expect(newsroom.stories.search('river', 10, { offset: 40 })).toEqual([]);
    // A trashed story is found nowhere, nor counted.
    const gone = all[0]?.story.id as string;
    newsroom.stories.trash(gone);
    expect(newsroom.stories.searchCount('river')).toBe(29);
    expect(newsroom.stories.search('river', 50, { filter: { desk: 'News' } }).map((h) => h.story.id)).not.toContain(gone);
  });

  it('reads the matches from the full-text index and each story by its rowid', () => {
    const { newsroom } = newsroomWithStories();
    const plan = (sql: string) =>
      (newsroom.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ match: '"river"*', status: 'filed', limit: 50, offset: 0 }) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const filtered = plan(`SELECT story_search.rowid, story_search.rank FROM story_search JOIN stories AS f ON f.rowid = story_search.rowid
      WHERE story_search MATCH @match AND f.trashed_at IS NULL AND f.status = @status ORDER BY story_search.rank LIMIT @limit OFFSET @offset`);
    expect(filtered).toMatch(/VIRTUAL TABLE INDEX/);
    expect(filtered).toMatch(/SEARCH f USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(filtered).not.toMatch(/SCAN f\b/);
  });
});
