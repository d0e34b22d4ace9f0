/**
 * Stories on the desk: who may write them (role and workflow state, decided here and nowhere
 * else), seeding one from a client's upload, the update log, workflow moves through the state
 * machine of common/workflow.ts with their audit row in one transaction, approval snapshots,
 * notes, proposals, the desk list, queues and search.
 */
import type pg from 'pg';
import * as Y from 'yjs';
import { ID_PATTERN, newId } from '../common/ids.js';
import { ACTIONS, checkMove, STATES, type Action, type StoryState } from '../common/workflow.js';
import { workflowRoles, type TokenClaims } from './accounts.js';
import type { DeskStory } from '../common/contract/desk.js';
import { DeskError } from './errors.js';
import { deriveStory, docFromState } from './storyText.js';


interface StoryRow {
  id: string;
  author_id: string;
  author: string;
  state: StoryState;
  state_before_spike: StoryState | null;
  headline: string;
  updated_at: Date;
}

function rowToStory(row: StoryRow): DeskStory {
  return { id: row.id, authorId: row.author_id, author: row.author, state: row.state, headline: row.headline, updatedAt: row.updated_at.toISOString() };
}

const STORY_SELECT = 'SELECT s.id, s.author_id, u.name AS author, s.state, s.state_before_spike, s.headline, s.updated_at FROM stories s JOIN users u ON u.id = s.author_id';

/** Reporters write their own stories in draft or changes-requested; editors write filed and in-edit copy; nobody writes approved, published or spiked copy. */
export function mayWrite(user: Pick<TokenClaims, 'sub' | 'role'>, story: { authorId: string; state: StoryState }): boolean {
  if (user.role === 'reporter') return story.authorId === user.sub && (story.state === 'draft' || story.state === 'changes-requested');
  return story.state === 'filed' || story.state === 'in-edit';
}

/** A reporter's own story that is read-only for them: their late edits are kept as a proposal. */
export function mayPropose(user: Pick<TokenClaims, 'sub' | 'role'>, story: { authorId: string; state: StoryState }): boolean {
  return user.role === 'reporter' && story.authorId === user.sub && !mayWrite(user, story);
}

export async function findStory(db: pg.Pool | pg.PoolClient, id: string): Promise<DeskStory | null> {
  const row = (await db.query<StoryRow>(`${STORY_SELECT} WHERE s.id = $1`, [id])).rows[0];
  return row === undefined ? null : rowToStory(row);
}

export async function requireStory(db: pg.Pool | pg.PoolClient, id: string): Promise<DeskStory> {
  const story = await findStory(db, id);
  if (story === null) throw new DeskError('not-found', `No story ${id} on this desk: upload it first (newsroom sync)`);
  return story;
}

export function decodeState(base64: string): { state: Uint8Array; doc: Y.Doc } {
  const state = Buffer.from(base64, 'base64');
  let doc: Y.Doc;
  try {
    doc = docFromState(state);
  } catch {
    throw new DeskError('bad-request', 'The story upload is not a Yjs document update: send Y.encodeStateAsUpdate(doc) in base64');
  }
  return { state: Y.encodeStateAsUpdate(doc), doc };
}

/** Only the server seeds a document: from a client's upload of a story the desk does not have yet. */
export async function seedStory(pool: pg.Pool, user: TokenClaims, id: string, base64: string): Promise<DeskStory> {
  if (!ID_PATTERN.test(id)) throw new DeskError('bad-request', `"${id}" is not a story id: send the story's own id (a UUIDv7)`);
  const { state, doc } = decodeState(base64);
  const derived = deriveStory(doc);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const inserted = await client.query(
      `INSERT INTO stories (id, author_id, state, headline, body_text) VALUES ($1, $2, 'draft', $3, $4) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, user.sub, derived.headline, derived.text],
    );
    if (inserted.rowCount === 0) {
      await client.query('ROLLBACK');
      throw new DeskError('conflict', `The desk already has story ${id}: open it to sync instead of uploading it again`);
    }
    await client.query('INSERT INTO story_docs (story_id, state) VALUES ($1, $2)', [id, Buffer.from(state)]);
    await client.query(`INSERT INTO audit (actor_id, story_id, action, to_state) VALUES ($1, $2, 'upload', 'draft')`, [user.sub, id]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return requireStory(pool, id);
}

/** The stored state of a story: the last stored doc with every logged update after it applied (applying one twice changes nothing). */
export async function storedState(db: pg.Pool | pg.PoolClient, id: string): Promise<Uint8Array | null> {
  const docRow = (await db.query<{ state: Buffer; upto: string }>('SELECT state, upto FROM story_docs WHERE story_id = $1', [id])).rows[0];
  if (docRow === undefined) return null;
  const updates = await db.query<{ update: Buffer }>('SELECT update FROM story_updates WHERE story_id = $1 AND id > $2 ORDER BY id', [id, docRow.upto]);
  if (updates.rows.length === 0) return new Uint8Array(docRow.state);
  return Y.mergeUpdates([new Uint8Array(docRow.state), ...updates.rows.map((r) => new Uint8Array(r.update))]);
}

export async function logUpdate(pool: pg.Pool, storyId: string, userId: string | null, update: Uint8Array): Promise<void> {
  await pool.query('INSERT INTO story_updates (story_id, user_id, update) VALUES ($1, $2, $3)', [storyId, userId, Buffer.from(update)]);
}

/**
 * Stores a live doc's whole state with every logged update up to `upto` merged in. The merge
 * matters when several processes serve the desk: another process may have logged an update this
 * doc has not received yet (it is still on its way through Redis), and `upto` covers it.
 */
export async function storeDoc(pool: pg.Pool, storyId: string, doc: Y.Doc): Promise<void> {
  const previous = (await pool.query<{ upto: string }>('SELECT upto FROM story_docs WHERE story_id = $1', [storyId])).rows[0]?.upto ?? '0';
  // `upto` stops short of the last ten seconds: a row numbered below another may still commit
  // after it (ids are taken at insert, rows seen at commit), and a row under `upto` is never read again.
  const logged = await pool.query<{ id: string; update: Buffer; settled: boolean }>(
    `SELECT id, update, at < now() - interval '10 seconds' AS settled FROM story_updates WHERE story_id = $1 AND id > $2 ORDER BY id`,
    [storyId, previous],
  );
  const upto = logged.rows.filter((r) => r.settled).at(-1)?.id ?? previous;
  const live = Y.encodeStateAsUpdate(doc);
  // Usually the doc holds every logged row already (this process applied it, or Redis brought it).
  const seen = Y.snapshot(doc);
  const missing = logged.rows.map((r) => new Uint8Array(r.update)).filter((update) => !Y.snapshotContainsUpdate(seen, update));
  const state = missing.length === 0 ? live : Y.mergeUpdates([live, ...missing]);
  const derived = deriveStory(missing.length === 0 ? doc : docFromState(state));
  await pool.query(
    `INSERT INTO story_docs (story_id, state, upto, stored_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (story_id) DO UPDATE SET state = excluded.state, upto = greatest(story_docs.upto, excluded.upto), stored_at = now()`,
    [storyId, Buffer.from(state), upto],
  );
  await pool.query('UPDATE stories SET headline = $2, body_text = $3, updated_at = now() WHERE id = $1 AND (headline <> $2 OR body_text <> $3)', [storyId, derived.headline, derived.text]);
}

export interface MoveResult {
  story: DeskStory;
  auditId: string;
  /** True when this request id was seen before: the first answer is given again, nothing moves twice. */
  replayed: boolean;
}

export interface MoveRequest {
  action: string;
  note?: string | undefined;
  requestId?: string | undefined;
}

const FORBIDDEN_RULES = new Set(['role', 'author', 'self-approval', 'publish-through-export']);

/**
 * One workflow move in one transaction with its audit row: the story row is locked, so of two
 * editors approving at once one wins and the other is told the story is already approved.
 * `liveState` gives the doc's current state, frozen with its derived JSON when a story is approved.
 */
export async function moveStory(pool: pg.Pool, user: TokenClaims, storyId: string, request: MoveRequest, liveState: () => Promise<Uint8Array | null>): Promise<MoveResult> {
  if (!(ACTIONS as readonly string[]).includes(request.action)) throw new DeskError('bad-request', `Unknown move "${request.action}": use one of ${ACTIONS.join(', ')}`);
  const action = request.action as Action;
  if (request.requestId !== undefined) {
    const earlier = (await pool.query<{ id: string; story_id: string }>('SELECT id, story_id FROM audit WHERE request_id = $1', [request.requestId])).rows[0];
    if (earlier !== undefined) {
      if (earlier.story_id !== storyId) throw new DeskError('conflict', `Request id ${request.requestId} was used for another story: send a new request id`);
      return { story: await requireStory(pool, storyId), auditId: earlier.id, replayed: true };
    }
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const row = (await client.query<StoryRow>(`${STORY_SELECT} WHERE s.id = $1 FOR UPDATE OF s`, [storyId])).rows[0];
    if (row === undefined) throw new DeskError('not-found', `No story ${storyId} on this desk: upload it first (newsroom sync)`);
    const verdict = checkMove(
      action,
      { id: user.sub, name: user.name, roles: workflowRoles(user.role) },
      { state: row.state, authorId: row.author_id, stateBeforeSpike: row.state_before_spike, failingRequired: [], allowSelfApproval: false },
      request.note ?? '',
    );
    if (!verdict.allowed) {
      const code = FORBIDDEN_RULES.has(verdict.rule) ? 'forbidden' : verdict.rule === 'state' ? 'conflict' : 'bad-request';
      throw new DeskError(code, verdict.message, { rule: verdict.rule, state: row.state });
    }
    await client.query('UPDATE stories SET state = $2, state_before_spike = $3, updated_at = now() WHERE id = $1', [
      storyId,
      verdict.to,
      verdict.to === 'spiked' ? row.state : row.state_before_spike,
    ]);
    const audit = await client.query<{ id: string }>(
      'INSERT INTO audit (actor_id, story_id, action, from_state, to_state, note, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [user.sub, storyId, action, row.state, verdict.to, request.note ?? '', request.requestId ?? null],
    );
    const auditId = audit.rows[0]?.id as string;
    if (action === 'approve') {
      const state = (await liveState()) ?? (await storedState(client, storyId)) ?? Y.encodeStateAsUpdate(new Y.Doc());
      const derived = deriveStory(docFromState(state));
      await client.query('INSERT INTO approvals (story_id, audit_id, state, derived, approved_by) VALUES ($1, $2, $3, $4, $5)', [
        storyId,
        auditId,
        Buffer.from(state),
        JSON.stringify(derived),
        user.sub,
      ]);
    }
    await client.query('COMMIT');
    return { story: (await findStory(pool, storyId)) as DeskStory, auditId, replayed: false };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if ((error as { code?: string }).code === '23505') {
      // The same request id, sent twice at once: the first made the move.
      return moveStory(pool, user, storyId, request, liveState);
    }
    throw error;
  } finally {
    client.release();
  }
}

export async function approvedSnapshot(pool: pg.Pool, storyId: string): Promise<{ state: string; derived: unknown; approvedAt: string; approvedBy: string } | null> {
  const row = (
    await pool.query<{ state: Buffer; derived: unknown; approved_at: Date; name: string }>(
      'SELECT a.state, a.derived, a.approved_at, u.name FROM approvals a JOIN users u ON u.id = a.approved_by WHERE a.story_id = $1 ORDER BY a.id DESC LIMIT 1',
      [storyId],
    )
  ).rows[0];
  return row === undefined ? null : { state: row.state.toString('base64'), derived: row.derived, approvedAt: row.approved_at.toISOString(), approvedBy: row.name };
}

export async function storyAudit(pool: pg.Pool, storyId: string): Promise<unknown[]> {
  const rows = await pool.query(
    `SELECT a.id, a.at, u.name AS actor, a.action, a.from_state AS "from", a.to_state AS "to", a.note FROM audit a LEFT JOIN users u ON u.id = a.actor_id WHERE a.story_id = $1 ORDER BY a.id`,
    [storyId],
  );
  return rows.rows;
}

export interface DeskList {
  stories: DeskStory[];
  counts: Record<StoryState, number>;
}

export async function deskList(pool: pg.Pool, filter: { state?: string | undefined; mine?: string | undefined; limit?: number }): Promise<DeskList> {
  if (filter.state !== undefined && !(STATES as readonly string[]).includes(filter.state)) {
    throw new DeskError('bad-request', `Unknown state "${filter.state}": use one of ${STATES.join(', ')}`);
  }
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.state !== undefined) where.push(`s.state = $${args.push(filter.state)}`);
  if (filter.mine !== undefined) where.push(`s.author_id = $${args.push(filter.mine)}`);
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), 500);
  const rows = await pool.query<StoryRow>(`${STORY_SELECT} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.updated_at DESC LIMIT ${limit}`, args);
  const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<StoryState, number>;
  const countRows = await pool.query<{ state: StoryState; n: number }>('SELECT state, count(*)::int AS n FROM stories GROUP BY state');
  for (const r of countRows.rows) counts[r.state] = r.n;
  return { stories: rows.rows.map(rowToStory), counts };
}

export async function searchStories(pool: pg.Pool, query: string): Promise<(DeskStory & { snippet: string })[]> {
  if (query.trim() === '') throw new DeskError('bad-request', 'Search needs words: add ?q=...');
  const rows = await pool.query<StoryRow & { snippet: string }>(
    `${STORY_SELECT.replace('FROM stories s', ", ts_headline('simple', s.body_text, q, 'MaxFragments=1,MaxWords=20,MinWords=5') AS snippet FROM stories s")}
     CROSS JOIN websearch_to_tsquery('simple', $1) q WHERE s.search @@ q ORDER BY ts_rank(s.search, q) DESC, s.updated_at DESC LIMIT 100`,
    [query],
  );
  return rows.rows.map((r) => ({ ...rowToStory(r), snippet: r.snippet }));
}

export async function addNote(pool: pg.Pool, user: TokenClaims, storyId: string, body: string): Promise<{ id: string }> {
  if (body.trim() === '') throw new DeskError('bad-request', 'A note needs some text');
  await requireStory(pool, storyId);
  const id = newId();
  await pool.query('INSERT INTO notes (id, story_id, author_id, body) VALUES ($1, $2, $3, $4)', [id, storyId, user.sub, body]);
  return { id };
}

export async function listNotes(pool: pg.Pool, storyId: string): Promise<unknown[]> {
  const rows = await pool.query(
    'SELECT n.id, n.body, u.name AS author, n.created_at AS "createdAt", n.resolved_at AS "resolvedAt" FROM notes n JOIN users u ON u.id = n.author_id WHERE n.story_id = $1 ORDER BY n.created_at, n.id',
    [storyId],
  );
  return rows.rows;
}

export async function resolveNote(pool: pg.Pool, noteId: string): Promise<void> {
  const result = await pool.query('UPDATE notes SET resolved_at = coalesce(resolved_at, now()) WHERE id = $1', [noteId]);
  if (result.rowCount === 0) throw new DeskError('not-found', `No note ${noteId} on this desk`);
}

export async function addProposal(pool: pg.Pool, storyId: string, authorId: string, update: Uint8Array): Promise<void> {
  await pool.query('INSERT INTO proposals (id, story_id, author_id, update) VALUES ($1, $2, $3, $4)', [newId(), storyId, authorId, Buffer.from(update)]);
}

/** The updates of one person's open proposals on a story. */
export async function openProposals(pool: pg.Pool, storyId: string, authorId: string): Promise<Uint8Array[]> {
  const rows = await pool.query<{ update: Buffer }>("SELECT update FROM proposals WHERE story_id = $1 AND author_id = $2 AND status = 'open' ORDER BY created_at, id", [storyId, authorId]);
  return rows.rows.map((r) => new Uint8Array(r.update));
}

export interface Proposal {
  id: string;
  author: string;
  status: 'open' | 'accepted' | 'rejected';
  createdAt: string;
  /** The story's text now, and as it would be with the proposal. */
  currentText: string;
  proposedText: string;
}

export async function listProposals(pool: pg.Pool, storyId: string, liveState: () => Promise<Uint8Array | null>): Promise<Proposal[]> {
  const rows = await pool.query<{ id: string; name: string; status: Proposal['status']; created_at: Date; update: Buffer }>(
    'SELECT p.id, u.name, p.status, p.created_at, p.update FROM proposals p JOIN users u ON u.id = p.author_id WHERE p.story_id = $1 ORDER BY p.created_at, p.id',
    [storyId],
  );
  const current = (await liveState()) ?? (await storedState(pool, storyId)) ?? new Uint8Array();
  const currentText = deriveStory(docFromState(current)).text;
  return rows.rows.map((r) => {
    const doc = docFromState(current);
    Y.applyUpdate(doc, new Uint8Array(r.update));
    return { id: r.id, author: r.name, status: r.status, createdAt: r.created_at.toISOString(), currentText, proposedText: deriveStory(doc).text };
  });
}

/** An editor decides a proposal: accepting applies it to the live doc (only while editors may write the story). */
export async function decideProposal(
  pool: pg.Pool,
  user: TokenClaims,
  proposalId: string,
  decision: 'accept' | 'reject',
  apply: (storyId: string, update: Uint8Array) => Promise<void>,
): Promise<{ storyId: string; status: string }> {
  if (user.role === 'reporter') throw new DeskError('forbidden', 'Only an editor can accept or reject a proposal');
  const row = (await pool.query<{ story_id: string; status: string; update: Buffer }>('SELECT story_id, status, update FROM proposals WHERE id = $1', [proposalId])).rows[0];
  if (row === undefined) throw new DeskError('not-found', `No proposal ${proposalId} on this desk`);
  if (row.status !== 'open') throw new DeskError('conflict', `This proposal was already ${row.status}`);
  if (decision === 'accept') {
    const story = await requireStory(pool, row.story_id);
    if (!mayWrite(user, story)) throw new DeskError('conflict', `The story is ${story.state}: reopen it (or take it into edit) before accepting a proposal`);
  }
  const status = decision === 'accept' ? 'accepted' : 'rejected';
  const updated = await pool.query("UPDATE proposals SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1 AND status = 'open'", [proposalId, status, user.sub]);
  if (updated.rowCount === 0) throw new DeskError('conflict', 'Someone else decided this proposal just now');
  if (decision === 'accept') await apply(row.story_id, new Uint8Array(row.update));
  await pool.query('INSERT INTO audit (actor_id, story_id, action, note) VALUES ($1, $2, $3, $4)', [user.sub, row.story_id, `proposal-${decision}`, proposalId]);
  return { storyId: row.story_id, status };
}
