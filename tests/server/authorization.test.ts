/**
 * The desk's authorization matrix: every HTTP route and every document action, for every kind of
 * caller, on their own story, someone else's, and a story of another desk, in every workflow state
 * where the state matters. Each cell is asserted: the allowed ones succeed, the others are refused
 * with their status, and a refused request leaves every row of the database as it was.
 *
 * "Another desk" is another server: its own database and token secret (one server is one desk).
 * Its tokens are refused here (401 wrong-desk) and its stories are not here (404, or a refused
 * connection), whoever asks.
 */
import crypto from 'node:crypto';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids.js';
import { ACTIONS, STATES, type Action, type StoryState } from '../../common/workflow.js';
import { addUser } from '../../server/accounts.js';
import { storedState } from '../../server/stories.js';
import { deriveStory, docFromState } from '../../server/storyText.js';
import { appendParagraph, storyDoc } from '../helpers/desk.js';
import { ACTIVE, ACTORS, editOf, fingerprint, startCast, story, type Actor, type Cast, type StoryFixture } from '../helpers/deskSecurity.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { MESSAGE, pingMessage, rawSocket, updateMessage } from '../helpers/rawDesk.js';

let postgres: TestPostgres;
let cast: Cast;
beforeAll(async () => {
  postgres = await startTestPostgres();
  cast = await startCast(postgres);
}, 120_000);
afterAll(async () => {
  await cast?.close();
  postgres?.stop();
});

/** What a cell expects: success (2xx), or refusal with this status. */
type Cell = 'allow' | 401 | 403 | 404 | 409;
type Row = Record<Actor, Cell>;

/** Signed-in people may; the disabled account, nobody and another desk's token may not. */
const EVERYONE: Row = { 'reporter-own': 'allow', 'reporter-other': 'allow', editor: 'allow', admin: 'allow', disabled: 403, 'no-token': 401, 'other-desk': 401 };
const OWNER_OR_EDITOR: Row = { ...EVERYONE, 'reporter-other': 403 };
const EDITORS: Row = { ...EVERYONE, 'reporter-own': 403, 'reporter-other': 403 };
const ADMINS: Row = { ...EDITORS, editor: 403 };

interface Request {
  method: string;
  path: string;
  body?: unknown;
  raw?: Buffer;
}

interface RouteCase {
  route: string;
  /** The story's workflow state for the cell (default draft). */
  state?: StoryState;
  approved?: boolean;
  /** Whether the route is about one story: then it is also asked about a story of another desk. */
  storyScoped?: boolean;
  request: (f: StoryFixture) => Request | Promise<Request>;
  expected: Row;
}

const photo = crypto.randomBytes(32);
const photoHash = crypto.createHash('sha256').update(photo).digest('hex');
const uploadBody = () => ({ id: newId(), state: Buffer.from(Y.encodeStateAsUpdate(storyDoc('Upload', ['Text.']))).toString('base64') });

const ROUTES: RouteCase[] = [
  {
    route: 'GET /health',
    request: () => ({ method: 'GET', path: '/health' }),
    expected: { 'reporter-own': 'allow', 'reporter-other': 'allow', editor: 'allow', admin: 'allow', disabled: 'allow', 'no-token': 'allow', 'other-desk': 'allow' },
  },
  { route: 'GET /api/me', request: () => ({ method: 'GET', path: '/api/me' }), expected: EVERYONE },
  { route: 'POST /api/stories', request: () => ({ method: 'POST', path: '/api/stories', body: uploadBody() }), expected: EVERYONE },
  { route: 'GET /api/stories', request: () => ({ method: 'GET', path: '/api/stories?mine=1' }), expected: EVERYONE },
  { route: 'GET /api/queues', request: () => ({ method: 'GET', path: '/api/queues' }), expected: EVERYONE },
  { route: 'GET /api/search', request: () => ({ method: 'GET', path: '/api/search?q=paragraph' }), expected: EVERYONE },
  { route: 'GET /api/stories/:id', storyScoped: true, request: (f) => ({ method: 'GET', path: `/api/stories/${f.id}` }), expected: EVERYONE },
  { route: 'GET /api/stories/:id/audit', storyScoped: true, request: (f) => ({ method: 'GET', path: `/api/stories/${f.id}/audit` }), expected: EVERYONE },
  {
    route: 'GET /api/stories/:id/approved',
    state: 'approved',
    approved: true,
    storyScoped: true,
    request: (f) => ({ method: 'GET', path: `/api/stories/${f.id}/approved` }),
    expected: EVERYONE,
  },
  { route: 'GET /api/stories/:id/notes', storyScoped: true, request: (f) => ({ method: 'GET', path: `/api/stories/${f.id}/notes` }), expected: EVERYONE },
  {
    route: 'POST /api/stories/:id/notes',
    storyScoped: true,
    request: (f) => ({ method: 'POST', path: `/api/stories/${f.id}/notes`, body: { body: 'A note.' } }),
    expected: OWNER_OR_EDITOR,
  },
  { route: 'POST /api/notes/:id/resolve', request: (f) => ({ method: 'POST', path: `/api/notes/${f.noteId}/resolve` }), expected: OWNER_OR_EDITOR },
  { route: 'GET /api/stories/:id/proposals', storyScoped: true, request: (f) => ({ method: 'GET', path: `/api/stories/${f.id}/proposals` }), expected: EDITORS },
  { route: 'POST /api/proposals/:id/accept', state: 'in-edit', request: (f) => ({ method: 'POST', path: `/api/proposals/${f.proposalId}/accept` }), expected: EDITORS },
  { route: 'POST /api/proposals/:id/reject', request: (f) => ({ method: 'POST', path: `/api/proposals/${f.proposalId}/reject` }), expected: EDITORS },
  {
    route: 'PUT /api/photos/:hash',
    request: () => {
      const bytes = crypto.randomBytes(48);
      return { method: 'PUT', path: `/api/photos/${crypto.createHash('sha256').update(bytes).digest('hex')}`, raw: bytes };
    },
    expected: EVERYONE,
  },
  { route: 'GET /api/photos/:hash', request: (f) => ({ method: 'GET', path: `/api/photos/${f.photoHash}` }), expected: EVERYONE },
  { route: 'GET /api/users', request: () => ({ method: 'GET', path: '/api/users' }), expected: ADMINS },
  {
    route: 'POST /api/users',
    request: () => ({ method: 'POST', path: '/api/users', body: { name: `New ${newId().slice(-8)}`, role: 'reporter', password: 'a long password' } }),
    expected: ADMINS,
  },
  {
    route: 'POST /api/users/:name/disable',
    request: async () => {
      // Someone new each time: the one this cell may disable.
      const name = `Temp ${newId().slice(-8)}`;
      await addUser(cast.desk.database.pool, name, 'reporter', 'a long password');
      return { method: 'POST', path: `/api/users/${encodeURIComponent(name)}/disable` };
    },
    expected: ADMINS,
  },
];

const GETS = new Set(ROUTES.filter((r) => r.route.startsWith('GET')).map((r) => r.route));

async function call(token: string | null, request: Request) {
  return cast.desk.api(request.method, request.path, {
    ...(token !== null ? { token } : {}),
    ...(request.body !== undefined ? { body: request.body } : {}),
    ...(request.raw !== undefined ? { raw: request.raw } : {}),
  });
}

/** Runs one cell and checks it: a refusal has its status and wrote nothing; a GET writes nothing either way. */
async function checkCell(label: string, token: string | null, request: Request, expected: Cell, readOnly: boolean) {
  const pool = cast.desk.database.pool;
  const before = await fingerprint(pool);
  const answer = await call(token, request);
  const after = await fingerprint(pool);
  if (expected === 'allow') {
    expect(answer.status, `${label}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBeLessThan(300);
    if (readOnly) expect(after, `${label} wrote rows`).toEqual(before);
    else expect(after, `${label} wrote nothing`).not.toEqual(before);
  } else {
    expect(answer.status, `${label}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(expected);
    expect(typeof answer.body.error?.message, label).toBe('string');
    expect(after, `${label} was refused but wrote rows`).toEqual(before);
  }
  return answer;
}

describe('the authorization matrix of the HTTP API', () => {
  it('answers each route for each caller as the table says, and a refused request writes nothing', async () => {
    let cells = 0;
    for (const route of ROUTES) {
      let fixture: StoryFixture | null = null;
      for (const actor of ACTORS) {
        fixture ??= await story(cast, route.state ?? 'draft', { approved: route.approved ?? false });
        await checkCell(`${route.route} as ${actor}`, cast.tokens[actor], await route.request(fixture), route.expected[actor], GETS.has(route.route));
        // What a refused or read-only cell left as it was serves the next one.
        if (route.expected[actor] === 'allow' && !GETS.has(route.route)) fixture = null;
        cells += 1;
      }
    }
    expect(cells).toBe(ROUTES.length * ACTORS.length);
  });

  it('answers 404 for a story of another desk, whoever asks here, and writes nothing', async () => {
    const elsewhere = newId();
    const theirs = await cast.other.api('POST', '/api/stories', {
      token: cast.tokens['other-desk'] as string,
      body: { id: elsewhere, state: Buffer.from(Y.encodeStateAsUpdate(storyDoc('Theirs', ['Not here.']))).toString('base64') },
    });
    expect(theirs.status).toBe(201);
    const fixture: StoryFixture = { id: elsewhere, doc: new Y.Doc(), noteId: newId(), proposalId: newId(), photoHash };
    for (const route of ROUTES.filter((r) => r.storyScoped === true)) {
      for (const actor of ACTORS) {
        // Signed in here: the story is not here (404). A route for editors only refuses a reporter
        // before it looks (403): the answer says nothing about which stories exist.
        const roleGated = route.expected === EDITORS || route.expected === ADMINS;
        const expected: Cell = ACTIVE.includes(actor) ? (roleGated && route.expected[actor] === 403 ? 403 : 404) : route.expected[actor];
        await checkCell(`${route.route} on another desk's story as ${actor}`, cast.tokens[actor], await route.request(fixture), expected, GETS.has(route.route));
      }
    }
    // A move on it too.
    for (const actor of ACTIVE) {
      await checkCell(`a move on another desk's story as ${actor}`, cast.tokens[actor], { method: 'POST', path: `/api/stories/${elsewhere}/moves`, body: { action: 'spike', note: 'x' } }, 404, false);
    }
  });

  it('takes a disabled person’s rights away at once, and closes their open stories', async () => {
    const fixture = await story(cast, 'draft');
    const token = await cast.desk.person(`Temp ${newId().slice(-6)}`, 'reporter');
    const name = (await cast.desk.api('GET', '/api/me', { token })).body.name as string;
    const socket = await rawSocket(cast.desk.wsUrl);
    expect(await socket.authenticate(fixture.id, token)).toEqual({ ok: true, scope: 'readonly' });
    const disabled = await cast.desk.api('POST', `/api/users/${encodeURIComponent(name)}/disable`, { token: cast.tokens.admin as string });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    await socket.next(() => false, 5_000).catch(() => null);
    expect(socket.closed?.code).toBe(4403);
    const after = await cast.desk.api('GET', '/api/me', { token });
    expect(after.status).toBe(403);
    expect(after.body.error.message).toMatch(/disabled/);
    const again = await rawSocket(cast.desk.wsUrl);
    const refused = await again.authenticate(fixture.id, token);
    expect(refused.ok).toBe(false);
    await again.close();
    // An admin cannot lock themselves out.
    expect((await cast.desk.api('POST', '/api/users/Ad/disable', { token: cast.tokens.admin as string })).status).toBe(409);
  });
});

/** Who may make each move, and from which states (common/workflow.ts, with reporters' moves on their own stories only). */
const EDITOR_ROLES: readonly Actor[] = ['editor', 'admin'];
const MOVE_TABLE: Record<Action, { from: readonly StoryState[]; by: readonly Actor[] }> = {
  file: { from: ['draft', 'changes-requested'], by: ['reporter-own'] },
  recall: { from: ['filed'], by: ['reporter-own'] },
  take: { from: ['filed'], by: EDITOR_ROLES },
  'request-changes': { from: ['filed', 'in-edit'], by: EDITOR_ROLES },
  approve: { from: ['filed', 'in-edit'], by: EDITOR_ROLES },
  spike: { from: ['draft', 'filed', 'in-edit', 'changes-requested', 'approved'], by: EDITOR_ROLES },
  restore: { from: ['spiked'], by: EDITOR_ROLES },
  reopen: { from: ['approved'], by: EDITOR_ROLES },
  // Only the export publishes.
  publish: { from: [], by: [] },
  correct: { from: ['published'], by: EDITOR_ROLES },
};

describe('the authorization matrix of workflow moves', () => {
  it('allows each move only to its role, on its states, on the right person’s story; a refused move writes nothing', async () => {
    let allowed = 0;
    for (const action of ACTIONS) {
      for (const state of STATES) {
        // A refused move wrote nothing (asserted below), so its story serves the next cell as it was.
        let fixture: StoryFixture | null = null;
        for (const actor of ACTORS) {
          fixture ??= await story(cast, state);
          const may = MOVE_TABLE[action].from.includes(state) && MOVE_TABLE[action].by.includes(actor);
          const expected: Cell = may ? 'allow' : actor === 'disabled' ? 403 : actor === 'no-token' || actor === 'other-desk' ? 401 : 403;
          const label = `${action} on a ${state} story as ${actor}`;
          const pool = cast.desk.database.pool;
          const before = await fingerprint(pool);
          const answer = await call(cast.tokens[actor], { method: 'POST', path: `/api/stories/${fixture.id}/moves`, body: { action, note: 'A reason.' } });
          const after = await fingerprint(pool);
          if (expected === 'allow') {
            allowed += 1;
            fixture = null;
            expect(answer.status, `${label}: ${JSON.stringify(answer.body)}`).toBe(200);
            expect(after.audit, label).not.toEqual(before.audit);
          } else {
            // Refused: unauthenticated 401, disabled 403; a signed-in person 403 (not theirs to make) or 409 (not from this state).
            if (ACTIVE.includes(actor)) expect([403, 409], `${label}: ${JSON.stringify(answer.body)}`).toContain(answer.status);
            else expect(answer.status, label).toBe(expected);
            expect(after, `${label} was refused but wrote rows`).toEqual(before);
          }
        }
      }
    }
    expect(allowed).toBe(Object.values(MOVE_TABLE).reduce((n, m) => n + m.from.length * m.by.length, 0));
  });
});

type Scope = 'read-write' | 'readonly' | 'refused';

/** The scope a connection gets (issue 17: reporters write their own drafts and sent-back copy; editors filed and in-edit copy; nobody approved, published or spiked copy). */
function expectedScope(actor: Actor, state: StoryState): Scope {
  if (!ACTIVE.includes(actor)) return 'refused';
  if (actor === 'reporter-own') return state === 'draft' || state === 'changes-requested' ? 'read-write' : 'readonly';
  if (actor === 'reporter-other') return 'readonly';
  return state === 'filed' || state === 'in-edit' ? 'read-write' : 'readonly';
}

async function serverText(id: string): Promise<string> {
  const live = await cast.desk.documents.liveState(id);
  const state = live ?? (await storedState(cast.desk.database.pool, id));
  return state === null ? '' : deriveStory(docFromState(state)).text;
}

async function counts(id: string) {
  const row = (
    await cast.desk.database.pool.query<{ updates: number; proposals: number }>(
      'SELECT (SELECT count(*)::int FROM story_updates WHERE story_id = $1) AS updates, (SELECT count(*)::int FROM proposals WHERE story_id = $1) AS proposals',
      [id],
    )
  ).rows[0];
  return row as { updates: number; proposals: number };
}

describe('the authorization matrix of story documents', () => {
  it('connects each caller read-write, read-only or not at all per workflow state, and applies a sent update only on read-write', async () => {
    for (const state of STATES) {
      for (const actor of ACTORS) {
        const fixture = await story(cast, state);
        const label = `${actor} on a ${state} story`;
        const token = cast.tokens[actor] ?? '';
        const scope = expectedScope(actor, state);
        const socket = await rawSocket(cast.desk.wsUrl);
        const before = await counts(fixture.id);
        const rowsBefore = scope === 'refused' ? await fingerprint(cast.desk.database.pool) : null;
        const auth = await socket.authenticate(fixture.id, token);
        const line = `Written by ${actor} in ${state}.`;
        const status = socket.next((m) => m.type === MESSAGE.SyncStatus);
        socket.send(updateMessage(fixture.id, editOf(fixture.doc, (d) => appendParagraph(d, line))));
        if (scope === 'refused') {
          expect(auth.ok, label).toBe(false);
          // What was sent without a connection is dropped: the server answers the next ask on that story with nothing but a refusal.
          socket.send(pingMessage(fixture.id));
          await socket.authenticate(fixture.id, token);
          expect(await fingerprint(cast.desk.database.pool), `${label} wrote rows`).toEqual(rowsBefore);
          await socket.close();
          continue;
        }
        expect(auth, label).toEqual({ ok: true, scope });
        const answered = await status;
        if (scope === 'read-write') {
          expect(answered?.saved, label).toBe(true);
          await expect.poll(() => serverText(fixture.id), { message: label }).toContain(line);
          await expect.poll(async () => (await counts(fixture.id)).updates, { message: label }).toBe(before.updates + 1);
        } else {
          expect(answered?.saved, label).toBe(false);
          expect(await serverText(fixture.id), label).not.toContain(line);
          const after = await counts(fixture.id);
          expect(after.updates, label).toBe(before.updates);
          // The story's own reporter's late edit is kept as a proposal; nobody else's write is kept at all.
          expect(after.proposals, label).toBe(before.proposals + (actor === 'reporter-own' ? 1 : 0));
        }
        await socket.close();
      }
    }
  });

  it('refuses every connection to a story of another desk', async () => {
    const elsewhere = newId();
    const theirs = await cast.other.api('POST', '/api/stories', {
      token: cast.tokens['other-desk'] as string,
      body: { id: elsewhere, state: Buffer.from(Y.encodeStateAsUpdate(storyDoc('Theirs', ['Not here.']))).toString('base64') },
    });
    expect(theirs.status).toBe(201);
    for (const actor of ACTORS) {
      const socket = await rawSocket(cast.desk.wsUrl);
      const before = await fingerprint(cast.desk.database.pool);
      const auth = await socket.authenticate(elsewhere, cast.tokens[actor] ?? '');
      expect(auth.ok, actor).toBe(false);
      if (!auth.ok && ACTIVE.includes(actor)) expect(auth.reason).toMatch(/does not have story/);
      if (!auth.ok && actor === 'other-desk') expect(auth.reason).toMatch(/another desk/);
      expect(await fingerprint(cast.desk.database.pool), actor).toEqual(before);
      await socket.close();
    }
  });
});
