/**
 * Shared setup of the desk's security tests: a cast of people on a desk (a reporter who owns
 * the stories, another reporter, an editor, an admin, a disabled account, nobody, and someone of
 * another desk), stories made in any workflow state, and a fingerprint of every row the desk
 * keeps, so a test can say "this refused request wrote nothing".
 */
import crypto from 'node:crypto';
import type pg from 'pg';
import * as Y from 'yjs';
import { newId } from '../../common/ids.js';
import type { StoryState } from '../../common/workflow.js';
import { disableUser } from '../../server/accounts.js';
import { addProposal } from '../../server/stories.js';
import { appendParagraph, startTestDesk, storyDoc, uploadStory, type TestDesk } from './desk.js';
import type { TestPostgres } from './postgres.js';

export const ACTORS = ['reporter-own', 'reporter-other', 'editor', 'admin', 'disabled', 'no-token', 'other-desk'] as const;
export type Actor = (typeof ACTORS)[number];
/** The actors whose token this desk accepts. */
export const ACTIVE: readonly Actor[] = ['reporter-own', 'reporter-other', 'editor', 'admin'];

export interface Cast {
  desk: TestDesk;
  /** Another desk (its own database and secret) in the same PostgreSQL. */
  other: TestDesk;
  tokens: Record<Actor, string | null>;
  /** Who wrote the stories `story()` makes (the reporter-own actor). */
  authorId: string;
  close(): Promise<void>;
}

export async function startCast(postgres: TestPostgres, options: Parameters<typeof startTestDesk>[1] = {}): Promise<Cast> {
  const desk = await startTestDesk(postgres, options);
  const other = await startTestDesk(postgres);
  const tokens: Record<Actor, string | null> = {
    'reporter-own': await desk.person('Ana', 'reporter'),
    'reporter-other': await desk.person('Raf', 'reporter'),
    editor: await desk.person('Ed', 'editor'),
    admin: await desk.person('Ad', 'admin'),
    disabled: await desk.person('Dee', 'reporter'),
    'no-token': null,
    // An admin there, with the same name as a reporter here: still nobody on this desk.
    'other-desk': await other.person('Ana', 'admin'),
  };
  await disableUser(desk.database.pool, 'Dee');
  const authorId = (await desk.database.pool.query<{ id: string }>("SELECT id FROM users WHERE name = 'Ana'")).rows[0]?.id as string;
  return {
    desk,
    other,
    tokens,
    authorId,
    async close() {
      await Promise.all([desk.close(), other.close()]);
    },
  };
}

export interface StoryFixture {
  id: string;
  doc: Y.Doc;
  noteId: string;
  proposalId: string;
  photoHash: string;
}

/** A story by the reporter-own actor in `state`, with a note by the editor, an open proposal and a photo. */
export async function story(cast: Cast, state: StoryState, options: { approved?: boolean } = {}): Promise<StoryFixture> {
  const { desk } = cast;
  const pool = desk.database.pool;
  const id = newId();
  const doc = storyDoc(`Story ${id.slice(-6)}`, ['First paragraph.']);
  const upload = await uploadStory(desk, cast.tokens['reporter-own'] as string, id, doc);
  if (upload.status !== 201) throw new Error(`upload failed: ${JSON.stringify(upload.body)}`);
  if (options.approved === true) {
    await desk.api('POST', `/api/stories/${id}/moves`, { token: cast.tokens['reporter-own'] as string, body: { action: 'file' } });
    const approve = await desk.api('POST', `/api/stories/${id}/moves`, { token: cast.tokens.editor as string, body: { action: 'approve' } });
    if (approve.status !== 200) throw new Error(`approve failed: ${JSON.stringify(approve.body)}`);
  }
  await pool.query('UPDATE stories SET state = $2, state_before_spike = $3 WHERE id = $1', [id, state, state === 'spiked' ? 'draft' : null]);
  const noteId = newId();
  const editorId = (await pool.query<{ id: string }>("SELECT id FROM users WHERE name = 'Ed'")).rows[0]?.id;
  await pool.query('INSERT INTO notes (id, story_id, author_id, body) VALUES ($1, $2, $3, $4)', [noteId, id, editorId, 'Check the figures.']);
  await addProposal(pool, id, cast.authorId, editOf(doc, (d) => appendParagraph(d, 'A late paragraph.')));
  const proposalId = (await pool.query<{ id: string }>('SELECT id FROM proposals WHERE story_id = $1', [id])).rows[0]?.id as string;
  const photo = crypto.randomBytes(64);
  const photoHash = crypto.createHash('sha256').update(photo).digest('hex');
  await pool.query('INSERT INTO photos (hash, bytes, content_type, uploaded_by) VALUES ($1, $2, $3, $4)', [photoHash, photo, 'application/octet-stream', cast.authorId]);
  return { id, doc, noteId, proposalId, photoHash };
}

/** The Yjs update that makes `change` on a copy of `doc`. */
export function editOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

const TABLES = ['users', 'refresh_tokens', 'token_families', 'stories', 'story_docs', 'story_updates', 'audit', 'notes', 'photos', 'proposals', 'approvals'];

/** Every row of every desk table, hashed: equal before and after means nothing was written. */
export async function fingerprint(pool: pg.Pool): Promise<Record<string, string>> {
  const parts = await Promise.all(
    TABLES.map(async (table) => {
      const row = (await pool.query<{ n: number; h: string | null }>(`SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM ${table} t`)).rows[0];
      return [table, `${row?.n ?? 0}:${row?.h ?? ''}`] as const;
    }),
  );
  return Object.fromEntries(parts);
}
