/**
 * The story store: creating, saving over a named version, revision snapshots, trash and search,
 * as rows. Every body is validated before it is written, and every write to a story and its search
 * entry happens in one transaction. Who may write and what the trail records are the services'
 * business (stories.ts, revisions.ts, workflow.ts), not this module's.
 */
import type { Db } from '../../db/open.js';
import { rowToStory, storyQueries, type SearchText, type StoryFilter, type StoryRow } from '../../db/stories.js';
import { countWords, documentFromPlainText, documentPhotos, documentText, emptyDocument, parseStoryDocument, type StoryDocument } from '../../common/document.js';
import { repairStoryDocument } from '../../common/documentRepair.js';
import { NewsroomError } from '../../common/errors.js';
import { matchQuery, searchTerms } from '../../common/search.js';
import { newId } from '../../common/ids.js';
import type { Revision, RevisionSummary, SearchHit, Story, StoryFields, StorySortKey, StorySummary } from '../../common/story.js';
import { fieldsOf, slugify } from '../../common/story.js';

/** A revision is snapshot at most this often while a reporter keeps typing. */
export const SNAPSHOT_INTERVAL_MS = 5 * 60 * 1000;
/** Automatic snapshots kept per story; manual ones and those taken before a restore are never pruned. */
export const AUTOMATIC_REVISIONS_KEPT = 50;

const DEFAULT_FIELDS: StoryFields = {
  headline: '',
  standfirst: '',
  byline: [],
  dateline: { place: '', date: '' },
  desk: '',
  language: 'en',
};

export interface StoryStoreOptions {
  now?: () => Date;
}

interface PreparedBody {
  json: string;
  /** Body text and photo captions: what search finds. */
  searchable: string;
  words: number;
}

function prepareBody(body: string | undefined): PreparedBody {
  // Always through the validator, so every stored body has the same normal form (keys, order).
  const doc = parseStoryDocument(body ?? emptyDocument());
  const text = documentText(doc);
  const captions = documentPhotos(doc).map((p) => p.caption).filter((c) => c !== '');
  return {
    json: JSON.stringify(doc),
    searchable: captions.length === 0 ? text : `${text}\n${captions.join('\n')}`,
    // Captions are not counted: the word count is the body's, as the desk plans space by it.
    words: countWords(text),
  };
}

/** A refused body's words as a document the store accepts: repaired when it is JSON, else as plain text. */
function recoverableDocument(body: string): StoryDocument {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return documentFromPlainText(body);
  }
  return repairStoryDocument(value);
}

/** A refusal of the body that came in is marked as one, so the service can keep that text (`keepRecovery`). */
function refusedAsBody<T>(prepare: () => T): T {
  try {
    return prepare();
  } catch (error) {
    if (error instanceof NewsroomError) throw new NewsroomError(error.code, error.message, { ...error.details, field: 'body' });
    throw error;
  }
}

function searchText(fields: StoryFields, body: PreparedBody): SearchText {
  return { headline: fields.headline, standfirst: fields.standfirst, byline: fields.byline.join(', '), body: body.searchable };
}

/** Turns what a reporter types into an FTS5 query: every word must match, the last as a prefix. */
export function toMatchQuery(query: string): string | null {
  const terms = searchTerms(query);
  return terms === null ? null : matchQuery(terms);
}

export function createStoryStore(db: Db, options: StoryStoreOptions = {}) {
  const q = storyQueries(db);
  const clock = options.now ?? (() => new Date());

  function requireRow(ref: string): StoryRow {
    const row = q.getRow(ref) ?? q.getRowBySlug(ref);
    if (!row) throw new NewsroomError('not-found', `No story with id or slug "${ref}": check the id in the desk list`);
    return row;
  }

  function uniqueSlug(base: string, exceptId: string): string {
    let candidate = base;
    for (let n = 2; q.slugTaken(candidate, exceptId); n += 1) candidate = `${base}-${n}`;
    return candidate;
  }

  /** True while the slug is still the one made from the headline (the reporter did not edit it). */
  function slugFollowsHeadline(row: StoryRow): boolean {
    const base = slugify(row.headline);
    return row.slug === base || new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+$`, 'u').test(row.slug);
  }

  function chosenSlug(slug: string, id: string): string {
    if (q.slugTaken(slug, id)) {
      throw new NewsroomError('invalid-argument', `The slug "${slug}" is already used by another story: choose another`);
    }
    return slug;
  }

  function snapshotIfDue(storyId: string, now: Date): void {
    const lastAt = q.lastSnapshotAt(storyId);
    const last = lastAt === null ? null : Date.parse(lastAt);
    if (last === null || now.getTime() - last >= SNAPSHOT_INTERVAL_MS) {
      q.snapshot(storyId, newId(now.getTime()), 'autosave', now.toISOString(), AUTOMATIC_REVISIONS_KEPT);
    }
  }

  const create = db.transaction((input: { fields?: Partial<StoryFields>; body?: string; slug?: string; createdBy?: string | null; id?: string; status?: Story['status'] }): Story => {
    const now = clock();
    const fields: StoryFields = { ...DEFAULT_FIELDS, ...input.fields };
    const body = prepareBody(input.body);
    const id = input.id ?? newId(now.getTime());
    if (input.id !== undefined && q.getRow(input.id)) {
      throw new NewsroomError('already-exists', `A story with id ${input.id} already exists: open it from the desk`);
    }
    const slug = input.slug === undefined ? uniqueSlug(slugify(fields.headline), id) : chosenSlug(input.slug, id);
    return q.insert(
      {
        id,
        slug,
        headline: fields.headline,
        standfirst: fields.standfirst,
        byline: fields.byline,
        datelinePlace: fields.dateline.place,
        datelineDate: fields.dateline.date,
        desk: fields.desk,
        language: fields.language,
        body: body.json,
        wordCount: body.words,
        status: input.status ?? 'draft',
        createdBy: input.createdBy ?? null,
        now: now.toISOString(),
      },
      searchText(fields, body),
    );
  });

  function conflict(row: StoryRow, version: number): NewsroomError {
    return new NewsroomError(
      'conflict',
      `This story was saved elsewhere (version ${row.version}, you edited version ${version}). Your text is kept here: save it as a copy or reload the story.`,
      { currentVersion: row.version, yourVersion: version },
    );
  }

  function write(row: StoryRow, version: number, fields: StoryFields, body: PreparedBody, slug: string, now: Date): Story {
    const saved = q.update(
      {
        id: row.id,
        expectedVersion: version,
        slug,
        headline: fields.headline,
        standfirst: fields.standfirst,
        byline: fields.byline,
        datelinePlace: fields.dateline.place,
        datelineDate: fields.dateline.date,
        desk: fields.desk,
        language: fields.language,
        body: body.json,
        wordCount: body.words,
        now: now.toISOString(),
      },
      searchText(fields, body),
    );
    if (!saved) throw conflict(row, version);
    return saved;
  }

  const save = db.transaction(
    (input: { id: string; version: number; fields?: Partial<StoryFields>; body?: string; slug?: string }): Story => {
      const row = requireRow(input.id);
      if (row.version !== input.version) throw conflict(row, input.version);
      const now = clock();
      const fields: StoryFields = { ...fieldsOf(rowToStory(row)), ...input.fields };
      // Parse outside the row's own body only when a new one came in: the stored one is valid already.
      const body = input.body === undefined ? prepareBody(row.body) : refusedAsBody(() => prepareBody(input.body));
      let slug = row.slug;
      if (input.slug !== undefined) slug = chosenSlug(input.slug, row.id);
      else if (fields.headline !== row.headline && slugFollowsHeadline(row)) {
        slug = uniqueSlug(slugify(fields.headline), row.id);
      }
      const saved = write(row, input.version, fields, body, slug, now);
      snapshotIfDue(row.id, now);
      return saved;
    },
  );

  /**
   * Keeps a body the store refused as a `recovery` revision beside the story's last saved version,
   * repaired to a document the store accepts (common/documentRepair.ts) with all its words, so a
   * refused save never loses what was typed. Later refusals replace it with their newer text.
   */
  const keepRecovery = db.transaction((input: { id: string; fields?: Partial<StoryFields>; body: string }): RevisionSummary => {
    const row = requireRow(input.id);
    const now = clock();
    const fields: StoryFields = { ...fieldsOf(rowToStory(row)), ...input.fields };
    const doc = recoverableDocument(input.body);
    const revisionId = newId(now.getTime());
    q.keepRecovery(row.id, row.version, revisionId, { fields, body: JSON.stringify(doc), wordCount: countWords(documentText(doc)) }, now.toISOString());
    return q.revisions(row.id).find((r) => r.id === revisionId) as RevisionSummary;
  });

  const snapshotNow = db.transaction((storyId: string, reason: 'manual' | 'close'): RevisionSummary | null => {
    const row = requireRow(storyId);
    if (reason === 'close' && row.last_snapshot_version === row.version) return null;
    const now = clock();
    const revisionId = newId(now.getTime());
    q.snapshot(row.id, revisionId, reason, now.toISOString(), AUTOMATIC_REVISIONS_KEPT);
    return q.revisions(row.id).find((r) => r.id === revisionId) ?? null;
  });

  const restoreRevision = db.transaction((input: { storyId: string; revisionId: string; version: number }): Story => {
    const row = requireRow(input.storyId);
    const revision = q.revision(input.revisionId);
    if (!revision || revision.storyId !== row.id) {
      throw new NewsroomError('not-found', `No revision "${input.revisionId}" of this story: pick one from the story's revision list`);
    }
    if (row.version !== input.version) throw conflict(row, input.version);
    const now = clock();
    q.snapshot(row.id, newId(now.getTime()), 'before-restore', now.toISOString(), AUTOMATIC_REVISIONS_KEPT);
    return write(row, input.version, fieldsOf(revision), prepareBody(revision.body), row.slug, now);
  });

  const setTrashed = db.transaction((ref: string, trashed: boolean): Story => {
    const row = requireRow(ref);
    if ((row.trashed_at !== null) === trashed) return rowToStory(row);
    const now = clock().toISOString();
    q.setTrashed(row, trashed ? now : null, now, searchText(fieldsOf(rowToStory(row)), prepareBody(row.body)));
    return rowToStory(q.getRow(row.id) as StoryRow);
  });

  return {
    create,
    save,
    keepRecovery,
    requireRow,
    /** Moves a story to another state over a named version; null when it is not at that version. */
    setState: q.setState,
    get(ref: string): Story {
      return rowToStory(requireRow(ref));
    },
    close(ref: string): RevisionSummary | null {
      return snapshotNow(ref, 'close');
    },
    snapshotNow(ref: string): RevisionSummary {
      return snapshotNow(ref, 'manual') as RevisionSummary;
    },
    /** Words in a body, as a save counts them. */
    wordCountOf(body: string): number {
      return prepareBody(body).words;
    },
    /** What the search index holds for these fields and body. */
    searchTextOf(fields: StoryFields, body: string): SearchText {
      return searchText(fields, prepareBody(body));
    },
    /** Snapshots the story whatever changed (a workflow move, a package arriving). */
    snapshot(ref: string, reason: 'move' | 'incoming' | 'before-restore'): RevisionSummary {
      const row = requireRow(ref);
      const now = clock();
      const revisionId = newId(now.getTime());
      q.snapshot(row.id, revisionId, reason, now.toISOString(), AUTOMATIC_REVISIONS_KEPT);
      return q.revisions(row.id).find((r) => r.id === revisionId) as RevisionSummary;
    },
    trash(ref: string): Story {
      return setTrashed(ref, true);
    },
    restore(ref: string): Story {
      return setTrashed(ref, false);
    },
    purge(ref: string): void {
      const row = requireRow(ref);
      if (row.trashed_at === null) {
        throw new NewsroomError('invalid-argument', 'Only a story in the trash can be deleted for good: move it to the trash first');
      }
      db.transaction(() => q.purge(row.id))();
    },
    list(input: { sort: StorySortKey; direction: 'asc' | 'desc'; offset: number; limit: number; trashed: boolean; filter?: StoryFilter }): {
      total: number;
      items: StorySummary[];
    } {
      const filter = input.filter ?? {};
      return db.transaction(() => ({
        total: q.countWhere(input.trashed, filter),
        items: q.page(input.sort, input.direction, input.offset, input.limit, input.trashed, filter),
      }))();
    },
    /** Ranked hits; within a queue, desk or person when `filter` says so, and from `offset` for "Show more". */
    search(query: string, limit: number, options: { filter?: StoryFilter; offset?: number } = {}): SearchHit[] {
      const terms = searchTerms(query);
      if (terms === null) return [];
      return q.search(terms, options.filter ?? {}, limit, options.offset ?? 0);
    },
    /** How many stories match, within `filter`. */
    searchCount(query: string, filter: StoryFilter = {}): number {
      const terms = searchTerms(query);
      return terms === null ? 0 : q.searchCount(terms, filter);
    },
    revisions(storyRef: string): RevisionSummary[] {
      return q.revisions(requireRow(storyRef).id);
    },
    revision(id: string): Revision {
      const revision = q.revision(id);
      if (!revision) throw new NewsroomError('not-found', `No revision "${id}": it may have been pruned; pick one from the revision list`);
      return revision;
    },
    restoreRevision,
  };
}

export type StoryStore = ReturnType<typeof createStoryStore>;
/** What other services need to find a story: its row by id or slug, or a not-found error. */
export type StoryLookup = Pick<StoryStore, 'requireRow' | 'get'>;
