/**
 * The desk's HTTP API, on the same port as the documents: everything that is not a document.
 * Each route parses its input, asks the queries in stories.ts and accounts.ts, and answers JSON;
 * a refusal is `{ error: { code, message } }` with its status, and is logged in one line.
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import type pg from 'pg';
import { z } from 'zod';
import { addUser, currentClaims, disableUser, listUsers, type DeskIdentity, type SignIns, type TokenClaims } from './accounts.js';
import { ID_PATTERN } from '../common/ids.js';
import type { StoryDocuments } from './documents.js';
import { DeskError } from './errors.js';
import { MAX_UPDATE_BYTES } from './limits.js';
import type { DeskLog } from './log.js';
import { SCHEMA_VERSION } from './migrations/index.js';
import {
  addNote,
  approvedSnapshot,
  decideProposal,
  deskList,
  listNotes,
  listProposals,
  moveStory,
  requireStory,
  resolveNote,
  searchStories,
  seedStory,
  storyAudit,
} from './stories.js';

/** A story upload (its Yjs state in base64): a state over MAX_UPDATE_BYTES is refused once decoded. */
export const MAX_JSON_BYTES = 8 * 1024 * 1024;
/** Every other JSON body: a sign-in, a move, a note. */
export const MAX_SMALL_JSON_BYTES = 256 * 1024;
export const MAX_PHOTO_BYTES = 40 * 1024 * 1024;

export interface ApiDeps {
  pool: pg.Pool;
  identity: DeskIdentity;
  signIns: SignIns;
  documents: StoryDocuments;
  log: DeskLog;
  version: string;
}

interface Request {
  method: string;
  path: string;
  query: URLSearchParams;
  params: string[];
  /** The signed-in person as the database knows them now (refused when disabled or signed out). */
  user: () => Promise<TokenClaims>;
  json: <T>(schema: z.ZodType<T>, limit?: number) => Promise<T>;
  raw: (limit: number) => Promise<Buffer>;
}

type Answer = { status?: number; body: unknown; headers?: Record<string, string> } | { status?: number; bytes: Buffer; contentType: string };
type Route = [method: string, pattern: RegExp, handle: (req: Request) => Promise<Answer>];

/** Text the database can hold: PostgreSQL text refuses NUL. */
const text = (max: number) => z.string().max(max).refine((value) => !value.includes('\u0000'), 'must not contain NUL characters');
const SignIn = z.object({ name: text(200).pipe(z.string().min(1)), password: text(1024).pipe(z.string().min(1)) });
const Refresh = z.object({ refreshToken: text(200).pipe(z.string().min(1)) });
const Upload = z.object({ id: text(100), state: z.string().min(1) });
const Move = z.object({ action: text(100), note: text(10_000).optional(), requestId: text(200).pipe(z.string().min(1)).optional() });
const Note = z.object({ body: text(20_000) });
const NewUser = z.object({ name: text(200), role: text(50), password: text(1024) });
const HASH = /^[0-9a-f]{64}$/;

/** An id in a path that is not a desk id names nothing on this desk. */
function deskId(value: string, what: string): string {
  if (!ID_PATTERN.test(value)) throw new DeskError('not-found', `No ${what} ${value.slice(0, 100)} on this desk`);
  return value;
}

function routes(deps: ApiDeps): Route[] {
  const { pool, documents } = deps;
  const editorOnly = (user: TokenClaims) => {
    if (user.role === 'reporter') throw new DeskError('forbidden', 'Only an editor can do this: ask the desk');
    return user;
  };
  const adminOnly = (user: TokenClaims) => {
    if (user.role !== 'admin') throw new DeskError('forbidden', 'Only a desk admin can manage accounts');
    return user;
  };
  /** A reporter writes notes on their own stories only; editors on any. */
  const mayNote = async (user: TokenClaims, storyId: string) => {
    const story = await requireStory(pool, storyId);
    if (user.role === 'reporter' && story.authorId !== user.sub) throw new DeskError('forbidden', 'A reporter writes notes on their own stories only: ask the desk');
    return story;
  };
  return [
    ['GET', /^\/health$/, async () => {
      await pool.query('SELECT 1').catch(() => {
        throw new DeskError('unavailable', 'The desk is up but its database is not answering: check PostgreSQL');
      });
      return { body: { ok: true, desk: deps.identity.deskId, version: deps.version, schema: SCHEMA_VERSION } };
    }],
    ['POST', /^\/api\/sign-in$/, async (req) => {
      const { name, password } = await req.json(SignIn);
      return { body: await deps.signIns.signIn(name, password) };
    }],
    ['POST', /^\/api\/refresh$/, async (req) => ({ body: await deps.signIns.refresh((await req.json(Refresh)).refreshToken) })],
    ['GET', /^\/api\/me$/, async (req) => ({ body: await req.user() })],
    ['POST', /^\/api\/stories$/, async (req) => {
      const user = await req.user();
      const { id, state } = await req.json(Upload, MAX_JSON_BYTES);
      if (Math.floor((state.length * 3) / 4) > MAX_UPDATE_BYTES) {
        throw new DeskError('too-large', `The story's state is over the desk's limit of ${MAX_UPDATE_BYTES} bytes: split it, or leave its photos out of the text`);
      }
      return { status: 201, body: await seedStory(pool, user, id, state) };
    }],
    ['GET', /^\/api\/stories$/, async (req) => {
      const user = await req.user();
      const mine = req.query.get('mine') === '1' ? user.sub : undefined;
      const limit = Math.floor(Number(req.query.get('limit') ?? 100)) || 100;
      return { body: await deskList(pool, { state: req.query.get('state') ?? undefined, mine, limit }) };
    }],
    ['GET', /^\/api\/queues$/, async (req) => {
      await req.user();
      return { body: (await deskList(pool, { limit: 1 })).counts };
    }],
    ['GET', /^\/api\/search$/, async (req) => {
      await req.user();
      const q = req.query.get('q') ?? '';
      if (q.includes('\u0000') || q.length > 1000) throw new DeskError('bad-request', 'Search takes up to 1,000 characters of words: shorten the query');
      return { body: await searchStories(pool, q) };
    }],
    ['GET', /^\/api\/stories\/([^/]+)$/, async (req) => {
      await req.user();
      return { body: await requireStory(pool, deskId(req.params[0] as string, 'story')) };
    }],
    ['GET', /^\/api\/stories\/([^/]+)\/audit$/, async (req) => {
      await req.user();
      const storyId = deskId(req.params[0] as string, 'story');
      await requireStory(pool, storyId);
      return { body: await storyAudit(pool, storyId) };
    }],
    ['POST', /^\/api\/stories\/([^/]+)\/moves$/, async (req) => {
      const user = await req.user();
      const storyId = deskId(req.params[0] as string, 'story');
      const move = await req.json(Move);
      const result = await moveStory(pool, user, storyId, move, () => documents.liveState(storyId));
      // Every client of the story connects again and is told what it may do now.
      if (!result.replayed) documents.recheck(storyId);
      return { body: result };
    }],
    ['GET', /^\/api\/stories\/([^/]+)\/approved$/, async (req) => {
      await req.user();
      const snapshot = await approvedSnapshot(pool, deskId(req.params[0] as string, 'story'));
      if (snapshot === null) throw new DeskError('not-found', 'This story has not been approved yet');
      return { body: snapshot };
    }],
    ['GET', /^\/api\/stories\/([^/]+)\/notes$/, async (req) => {
      await req.user();
      const storyId = deskId(req.params[0] as string, 'story');
      await requireStory(pool, storyId);
      return { body: await listNotes(pool, storyId) };
    }],
    ['POST', /^\/api\/stories\/([^/]+)\/notes$/, async (req) => {
      const user = await req.user();
      const storyId = deskId(req.params[0] as string, 'story');
      const { body } = await req.json(Note);
      await mayNote(user, storyId);
      return { status: 201, body: await addNote(pool, user, storyId, body) };
    }],
    ['POST', /^\/api\/notes\/([^/]+)\/resolve$/, async (req) => {
      const user = await req.user();
      const noteId = deskId(req.params[0] as string, 'note');
      const storyId = (await pool.query<{ story_id: string }>('SELECT story_id FROM notes WHERE id = $1', [noteId])).rows[0]?.story_id;
      if (storyId === undefined) throw new DeskError('not-found', `No note ${noteId} on this desk`);
      await mayNote(user, storyId);
      await resolveNote(pool, noteId);
      return { body: { ok: true } };
    }],
    ['GET', /^\/api\/stories\/([^/]+)\/proposals$/, async (req) => {
      editorOnly(await req.user());
      const storyId = deskId(req.params[0] as string, 'story');
      await requireStory(pool, storyId);
      return { body: await listProposals(pool, storyId, () => documents.liveState(storyId)) };
    }],
    ['POST', /^\/api\/proposals\/([^/]+)\/(accept|reject)$/, async (req) => {
      const user = editorOnly(await req.user());
      const result = await decideProposal(pool, user, deskId(req.params[0] as string, 'proposal'), req.params[1] as 'accept' | 'reject', (storyId, update) => documents.applyAsServer(storyId, update, user));
      return { body: result };
    }],
    ['PUT', /^\/api\/photos\/([^/]+)$/, async (req) => {
      const user = await req.user();
      const hash = req.params[0] as string;
      if (!HASH.test(hash)) throw new DeskError('bad-request', 'A photo is stored under its SHA-256 in lower-case hex: PUT /api/photos/<sha256>');
      const bytes = await req.raw(MAX_PHOTO_BYTES);
      const actual = crypto.createHash('sha256').update(bytes).digest('hex');
      if (actual !== hash) throw new DeskError('bad-request', `The photo's bytes hash to ${actual}, not ${hash}: the upload was damaged, send it again`);
      await pool.query('INSERT INTO photos (hash, bytes, content_type, uploaded_by) VALUES ($1, $2, $3, $4) ON CONFLICT (hash) DO NOTHING', [hash, bytes, 'application/octet-stream', user.sub]);
      return { status: 201, body: { hash } };
    }],
    ['GET', /^\/api\/photos\/([^/]+)$/, async (req) => {
      await req.user();
      if (!HASH.test(req.params[0] as string)) throw new DeskError('not-found', 'The desk keeps photos under their SHA-256 in lower-case hex: GET /api/photos/<sha256>');
      const row = (await pool.query<{ bytes: Buffer; content_type: string }>('SELECT bytes, content_type FROM photos WHERE hash = $1', [req.params[0]])).rows[0];
      if (row === undefined) throw new DeskError('not-found', 'The desk has no photo with that hash: upload it first');
      return { bytes: row.bytes, contentType: row.content_type };
    }],
    ['GET', /^\/api\/users$/, async (req) => {
      adminOnly(await req.user());
      return { body: await listUsers(pool) };
    }],
    ['POST', /^\/api\/users$/, async (req) => {
      adminOnly(await req.user());
      const { name, role, password } = await req.json(NewUser);
      return { status: 201, body: await addUser(pool, name, role, password) };
    }],
    ['POST', /^\/api\/users\/([^/]+)\/disable$/, async (req) => {
      const admin = adminOnly(await req.user());
      const name = req.params[0] as string;
      if (name.includes('\u0000') || name.length > 200) throw new DeskError('not-found', 'Nobody by that name on this desk');
      if (name === admin.name) throw new DeskError('conflict', 'An admin cannot disable their own account: ask another admin');
      const user = await disableUser(pool, name);
      // Their open stories stop at once: each of their connections is closed.
      documents.closeUser(user.id);
      return { body: user };
    }],
  ];
}

function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new DeskError('too-large', `The request is ${declared} bytes, over the desk's limit of ${limit}: send less at once`));
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new DeskError('too-large', `The request is over the desk's limit of ${limit} bytes: send less at once`));
        // Stop keeping what arrives; the answer goes out, then the connection closes.
        request.removeAllListeners('data');
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function bearer(request: http.IncomingMessage): string | null {
  const header = request.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7).trim() : null;
}

/** PostgreSQL's data exceptions (class 22: a value it cannot take): the request's fault, not the desk's. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('22');
}

export function apiHandler(deps: ApiDeps): (request: http.IncomingMessage, response: http.ServerResponse) => void {
  const table = routes(deps);
  return (request, response) => {
    const method = request.method ?? 'GET';
    let pathname = '/';
    let who = 'someone not signed in';
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (response.headersSent) return;
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
      response.end(JSON.stringify(body));
    };
    void (async () => {
      try {
        let url: URL;
        try {
          url = new URL(request.url ?? '/', 'http://desk');
        } catch {
          throw new DeskError('bad-request', 'That is not an address on this desk: check the URL');
        }
        pathname = url.pathname;
        const matches = table.filter(([, pattern]) => pattern.test(url.pathname));
        const route = matches.find(([m]) => m === method);
        if (route === undefined) {
          if (matches.length > 0) throw new DeskError('bad-request', `${method} is not answered at ${url.pathname}: use ${matches.map(([m]) => m).join(' or ')}`);
          throw new DeskError('not-found', `Nothing at ${url.pathname.slice(0, 200)} on this desk: check the address`);
        }
        const params = (route[1].exec(url.pathname) ?? []).slice(1).map((p) => {
          try {
            return decodeURIComponent(p);
          } catch {
            throw new DeskError('bad-request', `The address has a broken %-escape in "${p.slice(0, 100)}": encode it with encodeURIComponent`);
          }
        });
        let claims: Promise<TokenClaims> | undefined;
        const req: Request = {
          method,
          path: url.pathname,
          query: url.searchParams,
          params,
          user: () => {
            claims ??= (async () => {
              const token = bearer(request);
              if (token === null) throw new DeskError('unauthorized', 'Sign in first: send the desk token as "Authorization: Bearer <token>"');
              const current = await currentClaims(deps.pool, deps.identity, token);
              who = current.name;
              return current;
            })();
            return claims;
          },
          json: async (schema, limit = MAX_SMALL_JSON_BYTES) => {
            const text = (await readBody(request, limit)).toString('utf8');
            let value: unknown;
            try {
              value = JSON.parse(text);
            } catch {
              throw new DeskError('bad-request', 'The request body is not JSON: send a JSON object with content-type application/json');
            }
            const parsed = schema.safeParse(value);
            if (!parsed.success) {
              const issue = parsed.error.issues[0];
              throw new DeskError('bad-request', `The request body is not what ${url.pathname} takes: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'check it'}`);
            }
            return parsed.data;
          },
          raw: (limit) => readBody(request, limit),
        };
        const answer = await route[2](req);
        if ('bytes' in answer) {
          response.writeHead(answer.status ?? 200, { 'content-type': answer.contentType, 'cache-control': 'private, max-age=31536000, immutable' });
          response.end(answer.bytes);
        } else {
          send(answer.status ?? 200, answer.body, answer.headers);
        }
      } catch (error) {
        const refused =
          error instanceof DeskError
            ? error
            : isDataError(error)
              ? new DeskError('bad-request', 'The desk cannot store or look up a value in that request: check it for unusual characters or sizes')
              : new DeskError('unavailable', `The desk could not answer: ${(error as Error).message}. Try again; if it persists, tell the desk admin`);
        deps.log(`desk: refused ${method} ${pathname.slice(0, 200)} for ${who}: ${refused.status} ${refused.message}`);
        const headers: Record<string, string> = typeof refused.details.retryAfter === 'number' ? { 'retry-after': String(refused.details.retryAfter) } : {};
        // A body over the limit is not read to its end: the connection closes after the answer.
        if (refused.code === 'too-large') headers.connection = 'close';
        send(refused.status, { error: { code: refused.code, message: refused.message, ...refused.details } }, headers);
      }
    })();
  };
}
