/**
 * The desk's HTTP API, on the same port as the documents: everything that is not a document.
 * Each route parses its input, asks the queries in stories.ts and accounts.ts, and answers JSON;
 * a refusal is `{ error: { code, message } }` with its status, and is logged in one line.
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import type pg from 'pg';
import { z } from 'zod';
import { verifyToken, type DeskIdentity, type SignIns, type TokenClaims } from './accounts.js';
import type { StoryDocuments } from './documents.js';
import { DeskError } from './errors.js';
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

export const MAX_JSON_BYTES = 8 * 1024 * 1024;
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
  user: () => TokenClaims;
  json: <T>(schema: z.ZodType<T>) => Promise<T>;
  raw: (limit: number) => Promise<Buffer>;
}

type Answer = { status?: number; body: unknown; headers?: Record<string, string> } | { status?: number; bytes: Buffer; contentType: string };
type Route = [method: string, pattern: RegExp, handle: (req: Request) => Promise<Answer>];

const SignIn = z.object({ name: z.string().min(1), password: z.string().min(1) });
const Refresh = z.object({ refreshToken: z.string().min(1) });
const Upload = z.object({ id: z.string(), state: z.string().min(1) });
const Move = z.object({ action: z.string(), note: z.string().max(10_000).optional(), requestId: z.string().min(1).max(200).optional() });
const Note = z.object({ body: z.string().max(20_000) });
const HASH = /^[0-9a-f]{64}$/;

function routes(deps: ApiDeps): Route[] {
  const { pool, documents } = deps;
  const editorOnly = (user: TokenClaims) => {
    if (user.role === 'reporter') throw new DeskError('forbidden', 'Only an editor can do this: ask the desk');
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
    ['GET', /^\/api\/me$/, async (req) => ({ body: req.user() })],
    ['POST', /^\/api\/stories$/, async (req) => {
      const user = req.user();
      const { id, state } = await req.json(Upload);
      return { status: 201, body: await seedStory(pool, user, id, state) };
    }],
    ['GET', /^\/api\/stories$/, async (req) => {
      req.user();
      const mine = req.query.get('mine') === '1' ? req.user().sub : undefined;
      return { body: await deskList(pool, { state: req.query.get('state') ?? undefined, mine, limit: Number(req.query.get('limit') ?? 100) || 100 }) };
    }],
    ['GET', /^\/api\/queues$/, async (req) => {
      req.user();
      return { body: (await deskList(pool, { limit: 1 })).counts };
    }],
    ['GET', /^\/api\/search$/, async (req) => {
      req.user();
      return { body: await searchStories(pool, req.query.get('q') ?? '') };
    }],
    ['GET', /^\/api\/stories\/([^/]+)$/, async (req) => {
      req.user();
      return { body: await requireStory(pool, req.params[0] as string) };
    }],
    ['GET', /^\/api\/stories\/([^/]+)\/audit$/, async (req) => {
      req.user();
      return { body: await storyAudit(pool, req.params[0] as string) };
    }],
    ['POST', /^\/api\/stories\/([^/]+)\/moves$/, async (req) => {
      const user = req.user();
      const storyId = req.params[0] as string;
      const move = await req.json(Move);
      const result = await moveStory(pool, user, storyId, move, () => documents.liveState(storyId));
      // Every client of the story connects again and is told what it may do now.
      if (!result.replayed) documents.recheck(storyId);
      return { body: result };
    }],
    ['GET', /^\/api\/stories\/([^/]+)\/approved$/, async (req) => {
      req.user();
      const snapshot = await approvedSnapshot(pool, req.params[0] as string);
      if (snapshot === null) throw new DeskError('not-found', 'This story has not been approved yet');
      return { body: snapshot };
    }],
    ['GET', /^\/api\/stories\/([^/]+)\/notes$/, async (req) => {
      req.user();
      return { body: await listNotes(pool, req.params[0] as string) };
    }],
    ['POST', /^\/api\/stories\/([^/]+)\/notes$/, async (req) => {
      const user = req.user();
      return { status: 201, body: await addNote(pool, user, req.params[0] as string, (await req.json(Note)).body) };
    }],
    ['POST', /^\/api\/notes\/([^/]+)\/resolve$/, async (req) => {
      req.user();
      await resolveNote(pool, req.params[0] as string);
      return { body: { ok: true } };
    }],
    ['GET', /^\/api\/stories\/([^/]+)\/proposals$/, async (req) => {
      editorOnly(req.user());
      const storyId = req.params[0] as string;
      await requireStory(pool, storyId);
      return { body: await listProposals(pool, storyId, () => documents.liveState(storyId)) };
    }],
    ['POST', /^\/api\/proposals\/([^/]+)\/(accept|reject)$/, async (req) => {
      const user = req.user();
      const result = await decideProposal(pool, user, req.params[0] as string, req.params[1] as 'accept' | 'reject', (storyId, update) => documents.applyAsServer(storyId, update, user));
      return { body: result };
    }],
    ['PUT', /^\/api\/photos\/([^/]+)$/, async (req) => {
      const user = req.user();
      const hash = req.params[0] as string;
      if (!HASH.test(hash)) throw new DeskError('bad-request', 'A photo is stored under its SHA-256 in lower-case hex: PUT /api/photos/<sha256>');
      const bytes = await req.raw(MAX_PHOTO_BYTES);
      const actual = crypto.createHash('sha256').update(bytes).digest('hex');
      if (actual !== hash) throw new DeskError('bad-request', `The photo's bytes hash to ${actual}, not ${hash}: the upload was damaged, send it again`);
      await pool.query('INSERT INTO photos (hash, bytes, content_type, uploaded_by) VALUES ($1, $2, $3, $4) ON CONFLICT (hash) DO NOTHING', [hash, bytes, 'application/octet-stream', user.sub]);
      return { status: 201, body: { hash } };
    }],
    ['GET', /^\/api\/photos\/([^/]+)$/, async (req) => {
      req.user();
      const row = (await pool.query<{ bytes: Buffer; content_type: string }>('SELECT bytes, content_type FROM photos WHERE hash = $1', [req.params[0]])).rows[0];
      if (row === undefined) throw new DeskError('not-found', 'The desk has no photo with that hash: upload it first');
      return { bytes: row.bytes, contentType: row.content_type };
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
        request.destroy();
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

export function apiHandler(deps: ApiDeps): (request: http.IncomingMessage, response: http.ServerResponse) => void {
  const table = routes(deps);
  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://desk');
    const method = request.method ?? 'GET';
    let who = 'someone not signed in';
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (response.headersSent) return;
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
      response.end(JSON.stringify(body));
    };
    void (async () => {
      try {
        const matches = table.filter(([, pattern]) => pattern.test(url.pathname));
        const route = matches.find(([m]) => m === method);
        if (route === undefined) {
          if (matches.length > 0) throw new DeskError('bad-request', `${method} is not answered at ${url.pathname}: use ${matches.map(([m]) => m).join(' or ')}`);
          throw new DeskError('not-found', `Nothing at ${url.pathname} on this desk: check the address`);
        }
        const params = (route[1].exec(url.pathname) ?? []).slice(1).map((p) => decodeURIComponent(p));
        let claims: TokenClaims | undefined;
        const req: Request = {
          method,
          path: url.pathname,
          query: url.searchParams,
          params,
          user: () => {
            if (claims !== undefined) return claims;
            const token = bearer(request);
            if (token === null) throw new DeskError('unauthorized', 'Sign in first: send the desk token as "Authorization: Bearer <token>"');
            claims = verifyToken(deps.identity, token);
            who = claims.name;
            return claims;
          },
          json: async (schema) => {
            const text = (await readBody(request, MAX_JSON_BYTES)).toString('utf8');
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
          error instanceof DeskError ? error : new DeskError('unavailable', `The desk could not answer: ${(error as Error).message}. Try again; if it persists, tell the desk admin`);
        deps.log(`desk: refused ${method} ${url.pathname} for ${who}: ${refused.status} ${refused.message}`);
        const headers: Record<string, string> = typeof refused.details.retryAfter === 'number' ? { 'retry-after': String(refused.details.retryAfter) } : {};
        send(refused.status, { error: { code: refused.code, message: refused.message, ...refused.details } }, headers);
      }
    })();
  };
}
