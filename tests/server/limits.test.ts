/**
 * The desk's limits: ten failed sign-ins a minute for one name, the volume one WebSocket
 * connection may send, 5 MB for one document message, and the size of HTTP bodies. Each is
 * answered clearly (429 with Retry-After, a 4429 or 1009 close with its reason, 413 with the
 * limit), a refused request writes nothing, and the desk goes on serving everyone else.
 */
import http from 'node:http';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids.js';
import { DEFAULT_POLICY, SignIns } from '../../server/accounts.js';
import { MAX_UPDATE_BYTES, RATE_LIMITED_CLOSE } from '../../server/limits.js';
import { storedState } from '../../server/stories.js';
import { deriveStory, docFromState } from '../../server/storyText.js';
import { appendParagraph, bodyText, storyDoc, uploadStory } from '../helpers/desk.js';
import { editOf, fingerprint, startCast, story, type Cast } from '../helpers/deskSecurity.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { rawSocket, updateMessage } from '../helpers/rawDesk.js';

let postgres: TestPostgres;
let cast: Cast;
/** A burst of 30 messages, then 10 a second: small enough to reach in a test. */
const VOLUME = { messageBurst: 30, messagesPerSecond: 10, byteBurst: 16 * 1024 * 1024, bytesPerSecond: 1024 * 1024 };
beforeAll(async () => {
  postgres = await startTestPostgres();
  cast = await startCast(postgres, { volume: VOLUME });
}, 120_000);
afterAll(async () => {
  await cast?.close();
  postgres?.stop();
});

async function healthy() {
  const health = await cast.desk.api('GET', '/health');
  expect(health.status).toBe(200);
}

async function serverText(id: string): Promise<string> {
  const live = await cast.desk.documents.liveState(id);
  const state = live ?? (await storedState(cast.desk.database.pool, id));
  return state === null ? '' : deriveStory(docFromState(state)).text;
}

describe('the sign-in limit', () => {
  it('answers the eleventh failed sign-in in a minute for one name with 429 and Retry-After, the right password too, and no other name', async () => {
    await cast.desk.person('Lim', 'reporter');
    for (let i = 0; i < 10; i += 1) {
      const wrong = await cast.desk.api('POST', '/api/sign-in', { body: { name: 'Lim', password: `wrong ${i}` } });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.message).toMatch(/Wrong name or password/);
    }
    for (const password of ['wrong again', 'Lim password']) {
      // The name as typed differently is the same name.
      const limited = await cast.desk.api('POST', '/api/sign-in', { body: { name: ' lim ', password } });
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate-limited');
      expect(limited.body.error.message).toMatch(/Too many failed sign-ins for lim: try again in \d+ s/);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(limited.body.error.retryAfter).toBe(retryAfter);
    }
    // Someone else signs in meanwhile.
    expect((await cast.desk.api('POST', '/api/sign-in', { body: { name: 'Ana', password: 'Ana password' } })).status).toBe(200);
    await healthy();
  });

  it('lets the name in again once the minute has passed, and a success clears the count', { timeout: 60_000 }, async () => {
    let now = 1_000_000;
    const signIns = new SignIns(cast.desk.database.pool, cast.desk.identity, DEFAULT_POLICY, () => now);
    await cast.desk.person('Later', 'editor');
    for (let i = 0; i < 10; i += 1) await expect(signIns.signIn('Later', 'nope')).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(signIns.signIn('Later', 'Later password')).rejects.toMatchObject({ code: 'rate-limited', details: { retryAfter: 60 } });
    now += 30_000;
    await expect(signIns.signIn('Later', 'Later password')).rejects.toMatchObject({ code: 'rate-limited', details: { retryAfter: 30 } });
    now += 30_001;
    expect((await signIns.signIn('Later', 'Later password')).user.name).toBe('Later');
    // The success cleared the count: a failure now is an ordinary 401, not a 429.
    await expect(signIns.signIn('Later', 'nope')).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('refuses an oversized name or password before hashing anything, with 400', async () => {
    const long = await cast.desk.api('POST', '/api/sign-in', { body: { name: 'Ana', password: 'x'.repeat(5000) } });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/password/);
    expect((await cast.desk.api('POST', '/api/sign-in', { body: { name: 'n'.repeat(201), password: 'x' } })).status).toBe(400);
  });
});

describe('the update volume of one connection', () => {
  it('closes a connection that floods updates with 4429, keeps what came within the limit, and serves the others', async () => {
    const fixture = await story(cast, 'draft');
    const flooder = await rawSocket(cast.desk.wsUrl);
    expect(await flooder.authenticate(fixture.id, cast.tokens['reporter-own'] as string)).toEqual({ ok: true, scope: 'read-write' });
    const before = (await cast.desk.database.pool.query('SELECT count(*)::int AS n FROM story_updates WHERE story_id = $1', [fixture.id])).rows[0].n;
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(fixture.doc));
    for (let i = 0; i < 200; i += 1) {
      const update = editOf(local, (d) => appendParagraph(d, `Flood ${i}.`));
      Y.applyUpdate(local, update);
      flooder.send(updateMessage(fixture.id, update));
    }
    await flooder.next(() => false, 10_000).catch(() => null);
    expect(flooder.closed?.code).toBe(RATE_LIMITED_CLOSE);
    expect(flooder.closed?.reason).toMatch(/rate-limited: too many updates/);
    expect(cast.desk.logs.some((line) => /refused a connection sending over 10 messages/.test(line))).toBe(true);
    // About the burst was taken (and what trickled in meanwhile at 10 a second); the rest of the 200 changed nothing.
    const logged = async () => (await cast.desk.database.pool.query('SELECT count(*)::int AS n FROM story_updates WHERE story_id = $1', [fixture.id])).rows[0].n - before;
    await expect.poll(logged).toBeGreaterThan(0);
    await cast.desk.documents.flush();
    expect(await logged()).toBeLessThan(100);
    expect(await serverText(fixture.id)).not.toContain('Flood 199.');

    // Someone else on the same story is served meanwhile.
    const other = await rawSocket(cast.desk.wsUrl);
    expect((await other.authenticate(fixture.id, cast.tokens['reporter-own'] as string)).ok).toBe(true);
    const status = other.next((m) => m.type === 8);
    // The flooder's doc may have been stored and unloaded once it was closed: read it as the desk keeps it.
    const state = (await cast.desk.documents.liveState(fixture.id)) ?? (await storedState(cast.desk.database.pool, fixture.id));
    const current = docFromState(state as Uint8Array);
    other.send(updateMessage(fixture.id, editOf(current, (d) => appendParagraph(d, 'Calm.'))));
    expect((await status)?.saved).toBe(true);
    await expect.poll(() => serverText(fixture.id)).toContain('Calm.');
    await other.close();
    await healthy();
  });

  it('loses nothing a real provider typed too fast: it reconnects and sends the rest', async () => {
    const id = newId();
    const token = cast.tokens['reporter-own'] as string;
    expect((await uploadStory(cast.desk, token, id, storyDoc('Fast', ['Start.']))).status).toBe(201);
    const socket = new HocuspocusProviderWebsocket({ url: cast.desk.wsUrl, WebSocketPolyfill: WebSocket as never, delay: 200, minDelay: 200, maxAttempts: 0 });
    const doc = new Y.Doc();
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: id, document: doc, token });
    provider.attach();
    try {
      await expect.poll(() => bodyText(doc)).toBe('Start.');
      const limitedBefore = cast.desk.logs.filter((line) => /refused a connection sending over/.test(line)).length;
      // 100 edits in 100 transactions: 100 messages at once, over the burst.
      for (let i = 0; i < 100; i += 1) appendParagraph(doc, `Line ${i}.`);
      await expect.poll(() => cast.desk.logs.filter((line) => /refused a connection sending over/.test(line)).length).toBeGreaterThan(limitedBefore);
      await expect.poll(() => serverText(id), { timeout: 20_000 }).toContain('Line 99.');
      const text = await serverText(id);
      for (let i = 0; i < 100; i += 1) expect(text.split('\n').filter((l) => l === `Line ${i}.`)).toHaveLength(1);
    } finally {
      provider.destroy();
      socket.destroy();
    }
  });
});

describe('the size of one document message', () => {
  it('closes a connection that sends a message over 5 MB (1009), writes nothing, and serves the others', async () => {
    const fixture = await story(cast, 'draft');
    const big = await rawSocket(cast.desk.wsUrl);
    expect((await big.authenticate(fixture.id, cast.tokens['reporter-own'] as string)).ok).toBe(true);
    const before = await fingerprint(cast.desk.database.pool);
    const update = editOf(fixture.doc, (d) => appendParagraph(d, 'x'.repeat(MAX_UPDATE_BYTES)));
    big.send(updateMessage(fixture.id, update));
    await big.next(() => false, 15_000).catch(() => null);
    expect(big.closed?.code).toBe(1009);
    expect(await fingerprint(cast.desk.database.pool)).toEqual(before);
    expect(cast.desk.logs.some((line) => line.includes(`refused a document message over ${MAX_UPDATE_BYTES} bytes`))).toBe(true);
    const other = await rawSocket(cast.desk.wsUrl);
    expect((await other.authenticate(fixture.id, cast.tokens['reporter-own'] as string)).ok).toBe(true);
    await other.close();
    await healthy();
  });
});

/** A POST whose body is sent in chunks with no length given, as a stream would be. */
function chunkedPost(url: string, path: string, token: string, chunk: Buffer, chunks: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
    });
    request.on('error', reject);
    let sent = 0;
    const write = () => {
      while (sent < chunks) {
        sent += 1;
        if (!request.write(chunk)) {
          request.once('drain', write);
          return;
        }
      }
      request.end();
    };
    write();
  });
}

describe('the size of HTTP bodies', () => {
  it('answers a body over the route’s limit with 413 and the limit, writes nothing, and keeps serving', async () => {
    const fixture = await story(cast, 'draft');
    const token = cast.tokens['reporter-own'] as string;
    const pool = cast.desk.database.pool;
    const before = await fingerprint(pool);
    const cases: { path: string; method?: string; body?: unknown; raw?: Buffer }[] = [
      // A note, a move or a sign-in of 300 KB: over the small bodies' 256 KB.
      { path: `/api/stories/${fixture.id}/notes`, body: { body: 'n'.repeat(300 * 1024) } },
      { path: `/api/stories/${fixture.id}/moves`, body: { action: 'file', note: 'm'.repeat(300 * 1024) } },
      { path: '/api/sign-in', body: { name: 'Ana', password: 'p'.repeat(300 * 1024) } },
      // An upload of 9 MB of JSON: over 8 MB.
      { path: '/api/stories', body: { id: newId(), state: 'A'.repeat(9 * 1024 * 1024) } },
      // A photo over 40 MB.
      { path: `/api/photos/${'0'.repeat(64)}`, method: 'PUT', raw: Buffer.alloc(40 * 1024 * 1024 + 1) },
    ];
    for (const { path, method, body, raw } of cases) {
      const answer = await cast.desk.api(method ?? 'POST', path, { token, ...(body !== undefined ? { body } : {}), ...(raw !== undefined ? { raw } : {}) });
      expect(answer.status, path).toBe(413);
      expect(answer.body.error.code, path).toBe('too-large');
      expect(answer.body.error.message, path).toMatch(/over the desk's limit of \d+/);
      await healthy();
    }
    // Streamed with no length: stopped at the limit all the same.
    const streamed = await chunkedPost(cast.desk.url, `/api/stories/${fixture.id}/notes`, token, Buffer.alloc(16 * 1024, 0x20), 40);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).error.code).toBe('too-large');
    expect(await fingerprint(pool)).toEqual(before);
    await healthy();
  });

  it('refuses a story upload whose state is over 5 MB once decoded, though its JSON is under 8 MB', async () => {
    const before = await fingerprint(cast.desk.database.pool);
    const doc = storyDoc('Huge', ['y'.repeat(MAX_UPDATE_BYTES + 1024)]);
    const answer = await uploadStory(cast.desk, cast.tokens['reporter-own'] as string, newId(), doc);
    expect(answer.status).toBe(413);
    expect(answer.body.error.message).toMatch(/state is over the desk's limit of 5242880 bytes/);
    expect(await fingerprint(cast.desk.database.pool)).toEqual(before);
    await healthy();
  });
});
