/**
 * Generated cases against the desk (seeded, so a failure replays): NEWSROOM_FUZZ_RUNS requests
 * per HTTP route (default 1,000) with malformed and random JSON, wrong types, huge strings, random
 * bytes, broken paths and every kind of token; and as many messages per Hocuspocus message type
 * (and of plain random bytes) on writer, read-only and unauthenticated connections. Never a 5xx,
 * never a crash (the desk answers /health after each route and type), and a refused request or
 * message writes nothing.
 */
import crypto from 'node:crypto';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { newId } from '../../common/ids.js';
import { ACTIONS } from '../../common/workflow.js';
import { appendParagraph } from '../helpers/desk.js';
import { editOf, fingerprint, startCast, story, type Cast, type StoryFixture } from '../helpers/deskSecurity.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { frame, MESSAGE, rawSocket, type RawSocket } from '../helpers/rawDesk.js';

/** Cases per route and per message type: 1,000 unless NEWSROOM_FUZZ_RUNS says otherwise. */
const RUNS = Number(process.env.NEWSROOM_FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.NEWSROOM_FUZZ_SEED ?? 20261203);
/** Requests in flight at once: enough to keep the desk busy, few enough to attribute writes to a batch. */
const BATCH = 48;

/** A desk with its cast and a story to aim at. */
interface Target {
  cast: Cast;
  fixture: StoryFixture;
}

/** The HTTP routes are shared out over this many desks (each its own database), asked side by side. */
const HTTP_DESKS = 3;

let postgres: TestPostgres;
let cast: Cast;
let fixture: StoryFixture;
let httpTargets: Target[] = [];
beforeAll(async () => {
  postgres = await startTestPostgres();
  const targets = await Promise.all(
    Array.from({ length: HTTP_DESKS + 1 }, async () => {
      const c = await startCast(postgres);
      return { cast: c, fixture: await story(c, 'draft') };
    }),
  );
  [{ cast, fixture }] = targets as [Target];
  httpTargets = targets.slice(1);
  // Hocuspocus reports every connection it closes for a malformed message on the console: thousands here.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
}, 120_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await Promise.all([cast?.close(), ...httpTargets.map((t) => t.cast.close())]);
  postgres?.stop();
});

const huge = fc.integer({ min: 1000, max: 300_000 }).map((n) => 'x'.repeat(n));
const nasty = fc.constantFrom('', '\u0000', '\u0000abc', '\ud800', '\uffff', '%', '%E0%A4%A', '../../etc/passwd', "'; DROP TABLE stories; --", '<script>', '\u202e', 'null', '[]', '{}');
const anyString = fc.oneof({ weight: 8, arbitrary: fc.string() }, { weight: 4, arbitrary: fc.string({ unit: 'binary' }) }, { weight: 4, arbitrary: nasty }, { weight: 1, arbitrary: huge });
const anyValue = fc.oneof(anyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 3 }), fc.array(anyString, { maxLength: 3 }));

/** A body for a route taking `keys`: JSON of its shape with any values, any JSON, not JSON, bytes, huge, deep. */
function bodies(keys: readonly string[], near: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<Buffer> {
  const shaped = fc.record(Object.fromEntries(keys.map((k) => [k, near[k] !== undefined ? fc.oneof(near[k] as fc.Arbitrary<unknown>, anyValue) : anyValue])), { requiredKeys: [] });
  return fc.oneof(
    { weight: 4, arbitrary: shaped.map((v) => Buffer.from(JSON.stringify(v))) },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
    { weight: 2, arbitrary: anyString.map((s) => Buffer.from(s)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 100_000 }).map((n) => Buffer.from(`${'['.repeat(n)}${']'.repeat(n)}`)) },
  );
}

type TokenKind = 'none' | 'junk' | 'reporter-own' | 'reporter-other' | 'editor' | 'admin' | 'disabled' | 'other-desk';
const tokenKinds = fc.constantFrom<TokenKind>('none', 'junk', 'reporter-own', 'reporter-other', 'editor', 'admin', 'admin', 'editor', 'disabled', 'other-desk');
function tokenOf({ cast }: Target, kind: TokenKind, junk: string): string | null {
  if (kind === 'none') return null;
  // A header carries bytes: the junk's UTF-8 read as Latin-1, without the controls HTTP forbids.
  if (kind === 'junk') return [...Buffer.from(junk).toString('latin1')].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('');
  return cast.tokens[kind];
}

/** Every byte of the string's UTF-8 as %XX (encodeURIComponent throws on a lone surrogate). */
function percentEncoded(value: string): string {
  return [...Buffer.from(value)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

/** A path parameter: the real thing, another id, or anything (encoded, or a broken escape). */
const param = (real: () => string) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant('new-id') },
    { weight: 4, arbitrary: anyString.map((s) => percentEncoded(s.slice(0, 3000)) || 'x') },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%C0%AF', '..', '.') },
  ).map((p) => (p === null ? real() : p === 'new-id' ? newId() : p));

interface FuzzRoute {
  route: string;
  method: string;
  path: fc.Arbitrary<string>;
  body?: fc.Arbitrary<Buffer>;
}

const queryString = fc.dictionary(fc.constantFrom('q', 'state', 'mine', 'limit', 'x'), anyString.map((s) => s.slice(0, 2000)), { maxKeys: 3 }).map((q) => {
  const search = new URLSearchParams(q).toString();
  return search === '' ? '' : `?${search}`;
});

function fuzzRoutes({ fixture }: Target): FuzzRoute[] {
  const storyId = param(() => fixture.id);
  return [
    { route: 'GET /health', method: 'GET', path: queryString.map((q) => `/health${q}`) },
    { route: 'POST /api/sign-in', method: 'POST', path: fc.constant('/api/sign-in'), body: bodies(['name', 'password'], { name: fc.constantFrom('Ana', 'Ed', 'nobody', ' ana ') }) },
    { route: 'POST /api/refresh', method: 'POST', path: fc.constant('/api/refresh'), body: bodies(['refreshToken']) },
    { route: 'GET /api/me', method: 'GET', path: fc.constant('/api/me') },
    {
      route: 'POST /api/stories',
      method: 'POST',
      path: fc.constant('/api/stories'),
      body: bodies(['id', 'state'], {
        id: fc.constant(null).map(() => newId()),
        state: fc.oneof(fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b).toString('base64')), fc.base64String()),
      }),
    },
    { route: 'GET /api/stories', method: 'GET', path: queryString.map((q) => `/api/stories${q}`) },
    { route: 'GET /api/queues', method: 'GET', path: queryString.map((q) => `/api/queues${q}`) },
    { route: 'GET /api/search', method: 'GET', path: queryString.map((q) => `/api/search${q}`) },
    { route: 'GET /api/stories/:id', method: 'GET', path: storyId.map((id) => `/api/stories/${id}`) },
    { route: 'GET /api/stories/:id/audit', method: 'GET', path: storyId.map((id) => `/api/stories/${id}/audit`) },
    {
      route: 'POST /api/stories/:id/moves',
      method: 'POST',
      path: storyId.map((id) => `/api/stories/${id}/moves`),
      body: bodies(['action', 'note', 'requestId'], { action: fc.constantFrom(...ACTIONS) }),
    },
    { route: 'GET /api/stories/:id/approved', method: 'GET', path: storyId.map((id) => `/api/stories/${id}/approved`) },
    { route: 'GET /api/stories/:id/notes', method: 'GET', path: storyId.map((id) => `/api/stories/${id}/notes`) },
    { route: 'POST /api/stories/:id/notes', method: 'POST', path: storyId.map((id) => `/api/stories/${id}/notes`), body: bodies(['body']) },
    { route: 'POST /api/notes/:id/resolve', method: 'POST', path: param(() => fixture.noteId).map((id) => `/api/notes/${id}/resolve`), body: bodies([]) },
    { route: 'GET /api/stories/:id/proposals', method: 'GET', path: storyId.map((id) => `/api/stories/${id}/proposals`) },
    { route: 'POST /api/proposals/:id/accept', method: 'POST', path: param(() => fixture.proposalId).map((id) => `/api/proposals/${id}/accept`) },
    { route: 'POST /api/proposals/:id/reject', method: 'POST', path: param(() => fixture.proposalId).map((id) => `/api/proposals/${id}/reject`) },
    {
      route: 'PUT /api/photos/:hash',
      method: 'PUT',
      path: param(() => crypto.randomBytes(32).toString('hex')).map((hash) => `/api/photos/${hash}`),
      body: fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)),
    },
    { route: 'GET /api/photos/:hash', method: 'GET', path: param(() => fixture.photoHash).map((hash) => `/api/photos/${hash}`) },
    { route: 'GET /api/users', method: 'GET', path: queryString.map((q) => `/api/users${q}`) },
    { route: 'POST /api/users', method: 'POST', path: fc.constant('/api/users'), body: bodies(['name', 'role', 'password'], { role: fc.constantFrom('reporter', 'editor', 'admin', 'root') }) },
    // Never an existing account's name: the people this file needs stay enabled.
    { route: 'POST /api/users/:name/disable', method: 'POST', path: param(() => `Nobody ${newId().slice(-6)}`).map((name) => `/api/users/${name}/disable`) },
  ];
}

async function send({ cast }: Target, method: string, path: string, token: string | null, body: Buffer | undefined): Promise<number> {
  const response = await fetch(`${cast.desk.url}${path}`, {
    method,
    headers: { ...(token !== null ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    ...(body !== undefined ? { body: new Uint8Array(body) } : {}),
  });
  await response.arrayBuffer();
  return response.status;
}

it.concurrent(`HTTP: answers ${RUNS} generated requests per route without a 5xx or a crash, and a refused request writes nothing`, { timeout: 900_000 }, async () => {
    const count = fuzzRoutes(httpTargets[0] as Target).length;
    await Promise.all(httpTargets.map((target, group) => fuzzRoutesOn(target, group, count)));
  });

/** Asks one desk the routes of its share (every HTTP_DESKS-th from `group`), one route at a time. */
async function fuzzRoutesOn(target: Target, group: number, count: number): Promise<void> {
  const pool = target.cast.desk.database.pool;
  {
    for (const [index, route] of fuzzRoutes(target).entries()) {
      if (index % HTTP_DESKS !== group) continue;
      const cases = fc.sample(
        fc.record({ path: route.path, body: route.body ?? fc.constant(undefined), token: tokenKinds, junk: anyString.map((s) => s.slice(0, 5000)) }),
        { numRuns: RUNS, seed: SEED + index },
      );
      let refusals = 0;
      let verified = 0;
      const statuses = new Map<number, number>();
      const label = (c: (typeof cases)[number] | undefined) => `${route.route} ${c?.path.slice(0, 200)} (token ${c?.token}; seed ${SEED + index})`;
      for (let start = 0; start < cases.length; start += BATCH) {
        const batch = cases.slice(start, start + BATCH);
        const before = await fingerprint(pool);
        const answers = await Promise.all(batch.map((c) => send(target, route.method, c.path, tokenOf(target, c.token, c.junk), c.body)));
        for (const [i, status] of answers.entries()) {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 400) refusals += 1;
          expect(status, label(batch[i])).toBeLessThan(500);
        }
        if (route.method === 'GET' || answers.every((status) => status >= 400)) {
          // A batch of refusals (or of GETs) wrote nothing.
          expect(await fingerprint(pool), `${route.route}: a refused request wrote rows (seed ${SEED + index})`).toEqual(before);
          verified += answers.filter((status) => status >= 400).length;
          continue;
        }
        // Some of the batch succeeded and may have written: each refusal in it is sent again alone.
        for (const [i, status] of answers.entries()) {
          if (status < 400) continue;
          const c = batch[i] as (typeof cases)[number];
          const alone = await fingerprint(pool);
          const again = await send(target, route.method, c.path, tokenOf(target, c.token, c.junk), c.body);
          expect(again, label(c)).toBeLessThan(500);
          if (again >= 400) expect(await fingerprint(pool), `${label(c)}: refused (${again}) but wrote rows`).toEqual(alone);
          verified += 1;
        }
      }
      expect(verified, `${route.route}: answers ${JSON.stringify([...statuses])}`).toBe(refusals);
      const health = await fetch(`${target.cast.desk.url}/health`);
      expect(health.status, `after ${route.route}`).toBe(200);
    }
  }
  expect(count).toBe(23);
}


/** Random bytes, or a real update with bytes flipped, cut short or doubled. */
const updateBytes = fc.oneof(
  { weight: 3, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'cut', 'double')).map(([i, j, byte, how]) => {
      const real = editOf(fixture.doc, (d) => appendParagraph(d, `Generated ${i}.`));
      if (how === 'cut') return real.slice(0, j % real.length);
      if (how === 'double') return new Uint8Array([...real, ...real]);
      const copy = real.slice();
      copy[i % copy.length] = byte;
      return copy;
    }),
  },
  { weight: 1, arbitrary: fc.constant(null).map(() => editOf(fixture.doc, (d) => appendParagraph(d, 'A valid generated line.'))) },
);
const trailing = fc.uint8Array({ maxLength: 64 });

/**
 * One generated message: to the line's own story (`to` null: addressed when sent) or to any name,
 * its type and payload; or plain random bytes. `step1` marks a sync step 1, which the desk answers.
 */
interface Generated {
  to: string | null;
  body: Uint8Array;
  raw?: Uint8Array;
  step1: boolean;
}

function encoded(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

const address = fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.string({ maxLength: 50 }) });

function messagesOfType(type: number | 'unknown' | 'random-bytes'): fc.Arbitrary<Generated> {
  switch (type) {
    case 'random-bytes':
      return fc.uint8Array({ maxLength: 1024 }).map((raw) => ({ to: null, body: new Uint8Array(), raw, step1: false }));
    case 'unknown':
      return fc.tuple(address, fc.integer({ min: 9, max: 2 ** 30 }), trailing).map(([to, t, tail]) => ({
        to,
        body: encoded((e) => {
          encoding.writeVarUint(e, t);
          encoding.writeUint8Array(e, tail);
        }),
        step1: false,
      }));
    case MESSAGE.Sync:
    case MESSAGE.SyncReply:
      return fc.tuple(address, fc.oneof(fc.constantFrom(0, 1, 2), fc.nat()), updateBytes, fc.option(trailing)).map(([to, step, bytes, tail]) => ({
        to,
        body: encoded((e) => {
          encoding.writeVarUint(e, type);
          encoding.writeVarUint(e, step);
          encoding.writeVarUint8Array(e, bytes);
          if (tail !== null) encoding.writeUint8Array(e, tail);
        }),
        step1: to === null && step === 0,
      }));
    case MESSAGE.Awareness:
      return fc
        .tuple(address, fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.tuple(fc.nat(), fc.nat(), fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'))).map(([c, k, st]) => awarenessBytes(c, k, st))))
        .map(([to, bytes]) => ({
          to,
          body: encoded((e) => {
            encoding.writeVarUint(e, type);
            encoding.writeVarUint8Array(e, bytes);
          }),
          step1: false,
        }));
    case MESSAGE.Auth:
      return fc.tuple(address, fc.oneof(fc.constant(0), fc.nat()), fc.oneof(anyString.map((s) => s.slice(0, 5000)), fc.constant('editor'))).map(([to, sub, token]) => ({
        to,
        body: encoded((e) => {
          encoding.writeVarUint(e, type);
          encoding.writeVarUint(e, sub);
          encoding.writeVarString(e, token === 'editor' ? (cast.tokens.editor as string) : token);
        }),
        step1: false,
      }));
    default:
      return fc.tuple(address, fc.oneof(anyString.map((s) => s.slice(0, 5000)), fc.constant('')), trailing).map(([to, text, tail]) => ({
        to,
        body: encoded((e) => {
          encoding.writeVarUint(e, type);
          encoding.writeVarString(e, text);
          encoding.writeUint8Array(e, tail);
        }),
        step1: false,
      }));
  }
}

function awarenessBytes(client: number, clock: number, state: string): Uint8Array {
  return encoded((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, state);
  });
}

type Kind = 'writer' | 'read-only' | 'unauthenticated';

/**
 * One raw socket per kind, on its own story. The line speaks on a session address
 * (`story\0session`, as session-aware providers do) and moves to a new one whenever the desk
 * closes the story's connection, so nothing queued on an old address is mistaken for an answer.
 */
class Line {
  socket: RawSocket | null = null;
  session = 0;
  authenticated = false;
  constructor(
    readonly kind: Kind,
    readonly storyId: string,
  ) {}

  get address(): string {
    return `${this.storyId}\u0000s${this.session}`;
  }

  async ready(): Promise<RawSocket> {
    if (this.socket === null || this.socket.closed !== null) {
      this.socket = await rawSocket(cast.desk.wsUrl);
      this.authenticated = false;
    }
    if (!this.authenticated && this.kind !== 'unauthenticated') {
      this.session += 1;
      const token = this.kind === 'writer' ? cast.tokens['reporter-own'] : cast.tokens['reporter-other'];
      const auth = await this.socket.authenticate(this.address, token as string);
      if (!auth.ok) throw new Error(`could not connect the ${this.kind} line: ${auth.reason}`);
      this.authenticated = true;
    }
    return this.socket;
  }

  /** Sends one generated message and waits until the desk has handled it: true when the desk refused it (closed the story's connection or the socket). */
  async deliver(message: Generated): Promise<boolean> {
    const socket = await this.ready();
    if (this.kind === 'unauthenticated') this.session += 1;
    const bytes = message.raw ?? new Uint8Array([...encoded((e) => encoding.writeVarString(e, message.to ?? this.address)), ...message.body]);
    if (this.kind === 'unauthenticated') {
      // A junk sign-in on the same address after it: once answered, what was queued there is gone.
      socket.send(bytes);
      await socket.authenticate(this.address, 'junk');
      return true;
    }
    // The ping's answer is a sync step 2; a generated sync step 1 is answered with one first.
    let answers = message.step1 ? 2 : 1;
    const answered = socket.next((m) => m.document === this.address && ((m.type === MESSAGE.Sync && m.step === 1 && --answers === 0) || m.type === MESSAGE.Close));
    socket.send(bytes);
    socket.send(frame(this.address, MESSAGE.Sync, (e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
    }));
    const reply = await answered;
    if (reply === null || reply.type === MESSAGE.Close) {
      this.authenticated = false;
      return true;
    }
    return false;
  }
}

/** The live story as text and state vector (a keeper connection holds it open). */
async function liveStory(id: string): Promise<string> {
  const live = await cast.desk.documents.liveState(id);
  if (live === null) return 'unloaded';
  const doc = new Y.Doc();
  Y.applyUpdate(doc, live);
  return `${Buffer.from(Y.encodeStateVector(doc)).toString('hex')} ${JSON.stringify(doc.get('root', Y.XmlText).toDelta())} ${JSON.stringify(doc.getMap('fields').toJSON())}`;
}

async function updateCount(id: string): Promise<number> {
  return (await cast.desk.database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM story_updates WHERE story_id = $1', [id])).rows[0]?.n ?? 0;
}

const TYPES: (number | 'unknown' | 'random-bytes')[] = [
  MESSAGE.Sync,
  MESSAGE.Awareness,
  MESSAGE.Auth,
  MESSAGE.QueryAwareness,
  MESSAGE.SyncReply,
  MESSAGE.Stateless,
  MESSAGE.BroadcastStateless,
  MESSAGE.Close,
  MESSAGE.SyncStatus,
  'unknown',
  'random-bytes',
];

/** Sends one type's generated messages on its own three lines and stories, checking each refused message changed nothing. */
async function fuzzType(type: (typeof TYPES)[number], index: number, keeper: RawSocket): Promise<void> {
  const stories = { writer: await story(cast, 'draft'), readOnly: await story(cast, 'draft'), unauth: await story(cast, 'draft') };
  // The keeper holds each story open, so the live doc can be compared before and after each message.
  for (const s of Object.values(stories)) {
    expect((await keeper.authenticate(s.id, cast.tokens.editor as string)).ok).toBe(true);
    // Authenticated is said before the doc is loaded: wait for it.
    await expect.poll(async () => (await cast.desk.documents.liveState(s.id)) !== null).toBe(true);
  }
  const lines: Record<Kind, Line> = {
    writer: new Line('writer', stories.writer.id),
    'read-only': new Line('read-only', stories.readOnly.id),
    unauthenticated: new Line('unauthenticated', stories.unauth.id),
  };
  const cases = fc.sample(fc.tuple(fc.constantFrom<Kind>('writer', 'writer', 'read-only', 'unauthenticated'), messagesOfType(type)), { numRuns: RUNS, seed: SEED + 100 + index });
  const quiet = { readOnly: await liveStory(stories.readOnly.id), unauth: await liveStory(stories.unauth.id) };
  const logged = { readOnly: await updateCount(stories.readOnly.id), unauth: await updateCount(stories.unauth.id) };
  let refused = 0;
  for (const [i, [kind, message]] of cases.entries()) {
    const before = kind === 'writer' ? await liveStory(stories.writer.id) : null;
    const wasRefused = await lines[kind].deliver(message);
    if (wasRefused) refused += 1;
    if (kind === 'writer' && wasRefused) expect(await liveStory(stories.writer.id), `type ${type} case ${i} (seed ${SEED + 100 + index}): a refused message changed the story`).toBe(before);
  }
  // Nothing sent on the read-only or unauthenticated lines reached their stories, live or in the log.
  expect(await liveStory(stories.readOnly.id), `type ${type}`).toBe(quiet.readOnly);
  expect(await liveStory(stories.unauth.id), `type ${type}`).toBe(quiet.unauth);
  expect(await updateCount(stories.readOnly.id), `type ${type}`).toBe(logged.readOnly);
  expect(await updateCount(stories.unauth.id), `type ${type}`).toBe(logged.unauth);
  expect(refused, `type ${type}`).toBeGreaterThan(0);
  for (const line of Object.values(lines)) await line.socket?.close();
}

it.concurrent(`WebSocket: handles ${RUNS} generated messages per type without a crash, and a refused message writes nothing`, { timeout: 600_000 }, async () => {
    const pool = cast.desk.database.pool;
    const untouched = await fingerprint(pool);
    const keeper = await rawSocket(cast.desk.wsUrl);
    // The types run side by side, each on its own stories: the desk serves them all at once.
    await Promise.all(TYPES.map((type, index) => fuzzType(type, index, keeper)));
    await cast.desk.documents.flush();
    const after = await fingerprint(pool);
    // The read-only lines are not the stories' reporter: they propose nothing. Nobody moved, signed up or was disabled.
    for (const table of ['proposals', 'audit', 'users', 'notes', 'photos', 'approvals'] as const) {
      const grown = Number(after[table]?.split(':')[0]) - Number(untouched[table]?.split(':')[0]);
      // Each type's three stories brought their own fixture rows (a note, a proposal, a photo, an upload's audit row).
      expect(grown, table).toBe(['users', 'approvals'].includes(table) ? 0 : 3 * TYPES.length);
    }
    expect((await fetch(`${cast.desk.url}/health`)).status).toBe(200);
    // The desk still serves a fresh connection.
    const probe = await rawSocket(cast.desk.wsUrl);
    expect((await probe.authenticate(fixture.id, cast.tokens['reporter-own'] as string)).ok).toBe(true);
    await probe.close();
    await keeper.close();
  });
