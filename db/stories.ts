/** Story, revision and search queries. Rows are mapped to domain types by `rowToStory` and friends. */
import type { Statement } from 'better-sqlite3';
import type { Db } from './open.js';
import type {
  Revision,
  RevisionReason,
  RevisionSummary,
  SearchHit,
  Story,
  StoryFields,
  StorySortKey,
  StoryStatus,
  StorySummary,
} from '../common/story.js';
import { makeSnippet, matchQuery, phraseQuery, SNIPPET_REGION, type SearchTerms } from '../common/search.js';

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

/** Matches ranked exactly, at most; beyond, the recency tiers bound the ranking (issue 15). */
export const RANKED_CANDIDATES = 1500;
/**
 * A story holding the words of a query of several words side by side, as typed, scores this many
 * times its bm25 (the ranking fixture's "city council": the phrase in a long headline beats the
 * two words apart in a short one).
 */
export const PHRASE_BOOST = 2;

interface SearchStatements {
  probe: Statement;
  exact: Statement;
  bounded: Statement;
  /** The same two with the phrase boost, for queries of more than one word. */
  exactPhrased: Statement;
  boundedPhrased: Statement;
  count: Statement;
}

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
  // A refused save's text, kept as the newest revision: one per run of refusals over the same version.
  const newestRecovery = db
    .prepare("SELECT id FROM revisions WHERE story_id = ? AND story_version = ? AND reason = 'recovery' AND created_at = (SELECT max(created_at) FROM revisions WHERE story_id = ?)")
    .pluck();
  const deleteRevision = db.prepare('DELETE FROM revisions WHERE id = ?');
  const insertRevisionOf = db.prepare(`
    INSERT INTO revisions (id, story_id, story_version, reason, headline, standfirst, byline, dateline_place,
                           dateline_date, desk, language, body, word_count, created_at)
    SELECT @revisionId, id, version, @reason, @headline, @standfirst, @byline, @datelinePlace, @datelineDate, @desk,
           @language, @body, @wordCount, @now
    FROM stories WHERE id = @storyId`);
  const listRevisions = db.prepare(
    'SELECT id, story_id, story_version, reason, headline, word_count, created_at FROM revisions WHERE story_id = ? ORDER BY created_at DESC, id DESC',
  );
  const revisionById = db.prepare('SELECT * FROM revisions WHERE id = ?');
  const pruneRevisions = db.prepare(`
    DELETE FROM revisions WHERE id IN (
      SELECT id FROM revisions WHERE story_id = @storyId AND reason IN ('autosave', 'close')
      ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET @keep)`);
  const pages = new Map<string, Statement>();
  const counts = new Map<string, Statement>();
  // Search ranks ids first and reads the shown hits after, so nothing per match but the rank is
  // computed. Trashed stories are not in the index, so with no filter ranking needs no join.
  const searchesWhere = new Map<string, SearchStatements>();
  function searchWhere(filter: StoryFilter): SearchStatements & { params: Record<string, string> } {
    const { where, params } = filterClause(false, filter, 'f.');
    const narrowed = Object.keys(params).length > 0;
    let statements = searchesWhere.get(where);
    if (!statements) {
      const matching = (match: string) =>
        narrowed
          ? `FROM story_search JOIN stories AS f ON f.rowid = story_search.rowid WHERE story_search MATCH ${match} AND ${where}`
          : `FROM story_search WHERE story_search MATCH ${match}`;
      // Equal scores (the same wire copy filed twice) go newest first.
      const exact = (phrased: boolean) => `
          ${phrased ? `WITH phrased AS MATERIALIZED (SELECT story_search.rowid AS r ${matching('@phrase')})` : ''}
          SELECT story_search.rowid AS r,
                 story_search.rank ${phrased ? `* (CASE WHEN story_search.rowid IN phrased THEN ${PHRASE_BOOST} ELSE 1 END)` : ''} AS rank
          ${matching('@match')}
          ORDER BY rank, r DESC LIMIT @limit OFFSET @offset`;
      // Too many matches to rank them all in time: rank the newest matches and the newest
      // headline matches (the recency tiers), each a bounded set read in rowid order; the newest
      // phrase matches are a bounded set too, and hold every phrase match of the newest matches.
      const bounded = (phrased: boolean) => `
          WITH recent AS MATERIALIZED (
            SELECT story_search.rowid AS r, story_search.rank AS rank ${matching('@match')}
            ORDER BY story_search.rowid DESC LIMIT @candidates),
          headlined AS MATERIALIZED (
            SELECT story_search.rowid AS r, story_search.rank AS rank ${matching('@headlineMatch')}
            ORDER BY story_search.rowid DESC LIMIT @candidates)
          ${phrased ? `, phrased AS MATERIALIZED (
            SELECT story_search.rowid AS r ${matching('@phrase')} ORDER BY story_search.rowid DESC LIMIT @candidates)` : ''}
          SELECT r, min(rank) ${phrased ? `* (CASE WHEN r IN phrased THEN ${PHRASE_BOOST} ELSE 1 END)` : ''} AS rank
          FROM (SELECT r, rank FROM recent UNION ALL SELECT r, rank FROM headlined)
          GROUP BY r ORDER BY rank, r DESC LIMIT @limit OFFSET @offset`;
      statements = {
        probe: db.prepare(`SELECT count(*) FROM (SELECT 1 ${matching('@match')} LIMIT @probe)`).pluck(),
        exact: db.prepare(exact(false)),
        bounded: db.prepare(bounded(false)),
        exactPhrased: db.prepare(exact(true)),
        boundedPhrased: db.prepare(bounded(true)),
        count: db.prepare(`SELECT count(*) ${matching('@match')}`).pluck(),
      };
      searchesWhere.set(where, statements);
    }
    return { ...statements, params };
  }
  const summaryByRowid = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM stories WHERE rowid = ?`);
  // Only the first SNIPPET_REGION characters of each field are read for the snippet.
  const snippetText = db.prepare(`
    SELECT substr(headline, 1, ${SNIPPET_REGION}) AS headline, substr(standfirst, 1, ${SNIPPET_REGION}) AS standfirst,
           substr(byline, 1, ${SNIPPET_REGION}) AS byline, substr(body, 1, ${SNIPPET_REGION + 1}) AS body
    FROM story_search WHERE rowid = ?`);

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
    /**
     * One page of ranked hits among the stories `filter` allows (any story when it is empty), from
     * `offset`, with snippets. Up to RANKED_CANDIDATES matches are ranked exactly; beyond that the
     * newest matches and the newest headline matches are, so a word in every story costs no more
     * than a word in a few thousand.
     */
    search(terms: SearchTerms, filter: StoryFilter, limit: number, offset: number): SearchHit[] {
      const statements = searchWhere(filter);
      const { probe, params } = statements;
      const match = matchQuery(terms);
      const phrase = terms.words.length > 1 ? phraseQuery(terms) : null;
      const candidates = RANKED_CANDIDATES * Math.max(1, Math.ceil((offset + limit) / RANKED_CANDIDATES));
      const many = (probe.get({ ...params, match, probe: candidates + 1 }) as number) > candidates;
      const bound = { ...params, match, limit, offset, ...(phrase === null ? {} : { phrase }) };
      const ranked = (many
        ? (phrase === null ? statements.bounded : statements.boundedPhrased).all({ ...bound, headlineMatch: `{headline} : (${match})`, candidates })
        : (phrase === null ? statements.exact : statements.exactPhrased).all(bound)) as { r: number; rank: number }[];
      return ranked.map(({ r, rank }) => {
        const text = snippetText.get(r) as SearchText;
        return {
          story: rowToSummary(summaryByRowid.get(r) as SummaryRow),
          snippet: makeSnippet([text.headline, text.standfirst, text.byline, text.body], terms),
          rank,
        };
      });
    },
    /** How many stories `filter` allows match. */
    searchCount(terms: SearchTerms, filter: StoryFilter): number {
      const { count, params } = searchWhere(filter);
      return count.get({ ...params, match: matchQuery(terms) }) as number;
    },
    lastSnapshotAt(storyId: string): string | null {
      return lastSnapshot.get(storyId) as string | null;
    },
    snapshot(storyId: string, revisionId: string, reason: RevisionReason, now: string, keepAutomatic: number): void {
      insertRevision.run({ revisionId, storyId, reason, now });
      markSnapshot.run(now, storyId);
      pruneRevisions.run({ storyId, keep: keepAutomatic });
    },
    /**
     * Keeps text the store refused as a `recovery` revision of the story's current version,
     * replacing the one kept by the refusal just before (the newest revision) so a run of refused
     * saves leaves one revision with the latest text.
     */
    keepRecovery(storyId: string, version: number, revisionId: string, text: { fields: StoryFields; body: string; wordCount: number }, now: string): void {
      const previous = newestRecovery.get(storyId, version, storyId) as string | undefined;
      if (previous !== undefined) deleteRevision.run(previous);
      const { fields } = text;
      insertRevisionOf.run({
        revisionId,
        storyId,
        reason: 'recovery',
        headline: fields.headline,
        standfirst: fields.standfirst,
        byline: JSON.stringify(fields.byline),
        datelinePlace: fields.dateline.place,
        datelineDate: fields.dateline.date,
        desk: fields.desk,
        language: fields.language,
        body: text.body,
        wordCount: text.wordCount,
        now,
      });
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
