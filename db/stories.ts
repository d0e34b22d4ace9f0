/** Story, revision and search queries. Rows are mapped to domain types by `rowToStory` and friends. */
import type { Statement } from 'better-sqlite3';
import type { Db } from './open.js';
import type {
  Revision,
  RevisionReason,
  RevisionSummary,
  SearchHit,
  Story,
  StorySortKey,
  StoryStatus,
  StorySummary,
} from '../common/story.js';
import { MARK_END, MARK_START } from '../common/story.js';

export interface StoryRow {
  rowid: number;
  id: string;
  slug: string;
  headline: string;
  standfirst: string;
  byline: string;
  dateline_place: string;
  dateline_date: string;
  desk: string;
  language: string;
  body: string;
  word_count: number;
  status: string;
  created_at: string;
  updated_at: string;
  version: number;
  trashed_at: string | null;
  last_snapshot_at: string | null;
  last_snapshot_version: number | null;
  created_by: string | null;
  state_before_spike: string | null;
  corrections: string;
  synced_hash: string | null;
  conflict_revision_id: string | null;
}

type SummaryRow = Omit<StoryRow, 'body' | 'standfirst' | 'last_snapshot_at' | 'last_snapshot_version' | 'state_before_spike' | 'corrections' | 'synced_hash'>;

export interface RevisionRow {
  id: string;
  story_id: string;
  story_version: number;
  reason: string;
  headline: string;
  standfirst: string;
  byline: string;
  dateline_place: string;
  dateline_date: string;
  desk: string;
  language: string;
  body: string;
  word_count: number;
  created_at: string;
}

function parseByline(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function rowToSummary(row: SummaryRow): StorySummary {
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    byline: parseByline(row.byline),
    dateline: { place: row.dateline_place, date: row.dateline_date },
    desk: row.desk,
    language: row.language,
    wordCount: row.word_count,
    status: row.status as StoryStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    trashedAt: row.trashed_at,
    createdBy: row.created_by,
    conflictRevisionId: row.conflict_revision_id,
  };
}

export function rowToStory(row: StoryRow): Story {
  return { ...rowToSummary(row), standfirst: row.standfirst, body: row.body, corrections: JSON.parse(row.corrections) as Story['corrections'] };
}

function rowToRevisionSummary(row: Omit<RevisionRow, 'body' | 'standfirst' | 'byline' | 'dateline_place' | 'dateline_date' | 'desk' | 'language'>): RevisionSummary {
  return {
    id: row.id,
    storyId: row.story_id,
    storyVersion: row.story_version,
    reason: row.reason as RevisionReason,
    headline: row.headline,
    wordCount: row.word_count,
    createdAt: row.created_at,
  };
}

function rowToRevision(row: RevisionRow): Revision {
  return {
    ...rowToRevisionSummary(row),
    standfirst: row.standfirst,
    byline: parseByline(row.byline),
    dateline: { place: row.dateline_place, date: row.dateline_date },
    desk: row.desk,
    language: row.language,
    body: row.body,
  };
}

const SORT_COLUMNS: Record<StorySortKey, string> = {
  updatedAt: 'updated_at',
  headline: 'headline',
  byline: 'byline',
  desk: 'desk',
  wordCount: 'word_count',
  status: 'status',
};

const SUMMARY_COLUMNS =
  'rowid, id, slug, headline, byline, dateline_place, dateline_date, desk, language, word_count, status, created_at, updated_at, version, trashed_at, created_by, conflict_revision_id';

/** The full text the search index holds for a story. */
export interface SearchText {
  headline: string;
  standfirst: string;
  byline: string;
  body: string;
}

/** The WHERE clause (and its parameters) of a desk list page or count. */
function filterClause(trashed: boolean, filter: StoryFilter, table = ''): { where: string; params: Record<string, string> } {
  const where = [`${table}trashed_at IS ${trashed ? 'NOT NULL' : 'NULL'}`];
  const params: Record<string, string> = {};
  for (const [key, column] of [['status', 'status'], ['desk', 'desk'], ['createdBy', 'created_by']] as const) {
    const value = filter[key];
    if (value !== undefined) {
      where.push(`${table}${column} = @${key}`);
      params[key] = value;
    }
  }
  return { where: where.join(' AND '), params };
}

/** Desk list filters: a queue (state), a desk, a person. */
export interface StoryFilter {
  status?: StoryStatus;
  desk?: string;
  createdBy?: string;
}

export interface NewStoryRow {
  id: string;
  slug: string;
  headline: string;
  standfirst: string;
  byline: string[];
  datelinePlace: string;
  datelineDate: string;
  desk: string;
  language: string;
  body: string;
  wordCount: number;
  status: StoryStatus;
  createdBy: string | null;
  now: string;
}

export type StoryUpdate = Omit<NewStoryRow, 'id' | 'status' | 'createdBy'> & { id: string; expectedVersion: number };

/**
 * Prepared statements for one database. Build once per connection: preparing is the slow part of
 * a query and autosave runs every second.
 */
export function storyQueries(db: Db) {
  const insert = db.prepare(`
    INSERT INTO stories (id, slug, headline, standfirst, byline, dateline_place, dateline_date, desk, language,
                         body, word_count, status, created_by, created_at, updated_at, version)
    VALUES (@id, @slug, @headline, @standfirst, @byline, @datelinePlace, @datelineDate, @desk, @language,
            @body, @wordCount, @status, @createdBy, @now, @now, 1)`);
  const setState = db.prepare(`
    UPDATE stories SET status = @to, state_before_spike = @stateBeforeSpike, corrections = @corrections,
      updated_at = @now, version = version + 1
    WHERE id = @id AND version = @expectedVersion
    RETURNING rowid, *`);
  const update = db.prepare(`
    UPDATE stories SET slug = @slug, headline = @headline, standfirst = @standfirst, byline = @byline,
      dateline_place = @datelinePlace, dateline_date = @datelineDate, desk = @desk, language = @language,
      body = @body, word_count = @wordCount, updated_at = @now, version = version + 1
    WHERE id = @id AND version = @expectedVersion
    RETURNING rowid, *`);
  const byId = db.prepare('SELECT rowid, * FROM stories WHERE id = ?');
  const bySlug = db.prepare('SELECT rowid, * FROM stories WHERE slug = ?');
  const slugTaken = db.prepare('SELECT 1 FROM stories WHERE slug = ? AND id != ?');
  const ftsDelete = db.prepare('DELETE FROM story_search WHERE rowid = ?');
  const ftsInsert = db.prepare(
    'INSERT INTO story_search (rowid, headline, standfirst, byline, body) VALUES (?, ?, ?, ?, ?)',
  );
  const setTrashed = db.prepare('UPDATE stories SET trashed_at = ?, updated_at = ?, version = version + 1 WHERE id = ?');
  const purge = db.prepare('DELETE FROM stories WHERE id = ? AND trashed_at IS NOT NULL RETURNING rowid');
  // Counting through the smallest partial index, not the table: 100,000 stories in a few ms.
  const countLive = db.prepare('SELECT count(*) AS n FROM stories INDEXED BY stories_live_status WHERE trashed_at IS NULL');
  const countTrashed = db.prepare('SELECT count(*) AS n FROM stories WHERE trashed_at IS NOT NULL');
  const lastSnapshot = db.prepare('SELECT last_snapshot_at FROM stories WHERE id = ?').pluck();
  const markSnapshot = db.prepare('UPDATE stories SET last_snapshot_at = ?, last_snapshot_version = version WHERE id = ?');
  const insertRevision = db.prepare(`
    INSERT INTO revisions (id, story_id, story_version, reason, headline, standfirst, byline, dateline_place,
                           dateline_date, desk, language, body, word_count, created_at)
    SELECT @revisionId, id, version, @reason, headline, standfirst, byline, dateline_place, dateline_date, desk,
           language, body, word_count, @now
    FROM stories WHERE id = @storyId`);
  const listRevisions = db.prepare(
    'SELECT id, story_id, story_version, reason, headline, word_count, created_at FROM revisions WHERE story_id = ? ORDER BY created_at DESC, id DESC',
  );
  const revisionById = db.prepare('SELECT * FROM revisions WHERE id = ?');
  const pruneRevisions = db.prepare(`
    DELETE FROM revisions WHERE id IN (
      SELECT id FROM revisions WHERE story_id = @storyId AND reason IN ('autosave', 'close')
      ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET @keep)`);
  // Trashed stories are not in the index, so ranking needs no join. Rank first, then make
  // snippets for the page of hits only: in one sorted query snippet() would run for every match.
  const search = db.prepare(`
    WITH top AS MATERIALIZED (
      SELECT rowid AS r, rank FROM story_search WHERE story_search MATCH @match ORDER BY rank LIMIT @limit)
    SELECT ${SUMMARY_COLUMNS.split(', ').map((c) => `s.${c}`).join(', ')},
           snippet(story_search, -1, '${MARK_START}', '${MARK_END}', '…', 24) AS snippet, top.rank AS rank
    FROM top
    JOIN story_search ON story_search.rowid = top.r AND story_search MATCH @match
    JOIN stories AS s ON s.rowid = top.r
    ORDER BY top.rank`);
  const pages = new Map<string, Statement>();
  const counts = new Map<string, Statement>();
  // Search within a queue, desk or person, a page further on, and the count of all matches: the
  // same ranking as `search`, the filter applied to the matches before the page is cut.
  const searchesWhere = new Map<string, { page: Statement; count: Statement }>();
  function searchWhere(filter: StoryFilter): { page: Statement; count: Statement; params: Record<string, string> } {
    const { where, params } = filterClause(false, filter, 'f.');
    let statements = searchesWhere.get(where);
    if (!statements) {
      const matches = `FROM story_search JOIN stories AS f ON f.rowid = story_search.rowid WHERE story_search MATCH @match AND ${where}`;
      statements = {
        page: db.prepare(`
          WITH top AS MATERIALIZED (
            SELECT story_search.rowid AS r, story_search.rank AS rank ${matches}
            ORDER BY story_search.rank LIMIT @limit OFFSET @offset)
          SELECT ${SUMMARY_COLUMNS.split(', ').map((c) => `s.${c}`).join(', ')},
                 snippet(story_search, -1, '${MARK_START}', '${MARK_END}', '…', 24) AS snippet, top.rank AS rank
          FROM top
          JOIN story_search ON story_search.rowid = top.r AND story_search MATCH @match
          JOIN stories AS s ON s.rowid = top.r
          ORDER BY top.rank`),
        // With no filter every story in the index counts (trashed ones are not in it): no join needed.
        count: db.prepare(Object.keys(params).length === 0 ? 'SELECT count(*) FROM story_search WHERE story_search MATCH @match' : `SELECT count(*) ${matches}`).pluck(),
      };
      searchesWhere.set(where, statements);
    }
    return { ...statements, params };
  }

  function indexForSearch(rowid: number, text: SearchText, replace: boolean): void {
    if (replace) ftsDelete.run(rowid);
    ftsInsert.run(rowid, text.headline, text.standfirst, text.byline, text.body);
  }

  return {
    insert(row: NewStoryRow, text: SearchText): Story {
      const info = insert.run({ ...row, byline: JSON.stringify(row.byline) });
      indexForSearch(Number(info.lastInsertRowid), text, false);
      return rowToStory(byId.get(row.id) as StoryRow);
    },
    /** Null when the story is not at `expectedVersion` (someone saved first) or does not exist. */
    update(row: StoryUpdate, text: SearchText): Story | null {
      const updated = update.get({ ...row, byline: JSON.stringify(row.byline) }) as StoryRow | undefined;
      if (!updated) return null;
      indexForSearch(updated.rowid, text, true);
      return rowToStory(updated);
    },
    /** Null when the story is not at `expectedVersion`. */
    setState(change: { id: string; expectedVersion: number; to: StoryStatus; stateBeforeSpike: string | null; corrections: string; now: string }): Story | null {
      const row = setState.get(change) as StoryRow | undefined;
      return row ? rowToStory(row) : null;
    },
    getRow(id: string): StoryRow | undefined {
      return byId.get(id) as StoryRow | undefined;
    },
    getRowBySlug(slug: string): StoryRow | undefined {
      return bySlug.get(slug) as StoryRow | undefined;
    },
    slugTaken(slug: string, exceptId: string): boolean {
      return slugTaken.get(slug, exceptId) !== undefined;
    },
    /** Trashing takes the story out of search; restoring puts `text` back. */
    setTrashed(row: StoryRow, trashedAt: string | null, now: string, text: SearchText): void {
      setTrashed.run(trashedAt, now, row.id);
      if (trashedAt === null) indexForSearch(row.rowid, text, true);
      else ftsDelete.run(row.rowid);
    },
    purge(id: string): boolean {
      return purge.get(id) !== undefined;
    },
    count(trashed: boolean): number {
      return ((trashed ? countTrashed : countLive).get() as { n: number }).n;
    },
    page(
      sort: StorySortKey,
      direction: 'asc' | 'desc',
      offset: number,
      limit: number,
      trashed: boolean,
      filter: StoryFilter = {},
    ): StorySummary[] {
      const { where, params } = filterClause(trashed, filter);
      const key = `${sort}:${direction}:${where}`;
      let stmt = pages.get(key);
      if (!stmt) {
        const column = trashed ? 'trashed_at' : SORT_COLUMNS[sort];
        const dir = direction === 'asc' ? 'ASC' : 'DESC';
        // Page through a covering partial index first, then fetch only the rows shown: a deep
        // OFFSET then skips index entries, not whole rows.
        const order = `ORDER BY ${column} ${dir}, id ${dir}`;
        stmt = db.prepare(
          `SELECT ${SUMMARY_COLUMNS} FROM stories WHERE rowid IN (
             SELECT rowid FROM stories WHERE ${where} ${order} LIMIT @limit OFFSET @offset)
           ${order}`,
        );
        pages.set(key, stmt);
      }
      return (stmt.all({ ...params, limit, offset }) as SummaryRow[]).map(rowToSummary);
    },
    countWhere(trashed: boolean, filter: StoryFilter): number {
      if (filter.status === undefined && filter.desk === undefined && filter.createdBy === undefined) return this.count(trashed);
      const { where, params } = filterClause(trashed, filter);
      let stmt = counts.get(where);
      if (!stmt) {
        stmt = db.prepare(`SELECT count(*) FROM stories WHERE ${where}`).pluck();
        counts.set(where, stmt);
      }
      return stmt.get(params) as number;
    },
    search(match: string, limit: number): SearchHit[] {
      const rows = search.all({ match, limit }) as (SummaryRow & { snippet: string; rank: number })[];
      return rows.map((r) => ({ story: rowToSummary(r), snippet: r.snippet, rank: r.rank }));
    },
    /** One page of ranked hits among the stories `filter` allows (any story when it is empty), from `offset`. */
    searchIn(match: string, filter: StoryFilter, limit: number, offset: number): SearchHit[] {
      const { page, params } = searchWhere(filter);
      const rows = page.all({ ...params, match, limit, offset }) as (SummaryRow & { snippet: string; rank: number })[];
      return rows.map((r) => ({ story: rowToSummary(r), snippet: r.snippet, rank: r.rank }));
    },
    /** How many stories `filter` allows match. */
    searchCount(match: string, filter: StoryFilter): number {
      const { count, params } = searchWhere(filter);
      return count.get({ ...params, match }) as number;
    },
    lastSnapshotAt(storyId: string): string | null {
      return lastSnapshot.get(storyId) as string | null;
    },
    snapshot(storyId: string, revisionId: string, reason: RevisionReason, now: string, keepAutomatic: number): void {
      insertRevision.run({ revisionId, storyId, reason, now });
      markSnapshot.run(now, storyId);
      pruneRevisions.run({ storyId, keep: keepAutomatic });
    },
    revisions(storyId: string): RevisionSummary[] {
      return (listRevisions.all(storyId) as RevisionRow[]).map(rowToRevisionSummary);
    },
    revision(id: string): Revision | undefined {
      const row = revisionById.get(id) as RevisionRow | undefined;
      return row ? rowToRevision(row) : undefined;
    },
  };
}

export type StoryQueries = ReturnType<typeof storyQueries>;
