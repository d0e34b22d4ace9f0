/**
 * The desk's HTTP API as the engine and the CLI call it: one function per route used, every
 * answer checked, every failure turned into one NewsroomError that says what happened and what to
 * do (wrong password, desk unreachable, newer desk, expired sign-in), never a raw fetch error.
 */
import { NewsroomError } from '../../../common/errors.js';
import type { DeskStory } from '../../../common/contract/desk.js';
import type { StoryState } from '../../../common/workflow.js';

export type DeskRole = 'reporter' | 'editor' | 'admin';

export interface DeskAccount {
  id: string;
  name: string;
  role: DeskRole;
}

export interface DeskSignIn {
  token: string;
  expiresAt: string;
  refreshToken: string;
  user: DeskAccount;
  deskId: string;
}

export interface DeskHealth {
  ok: boolean;
  desk: string;
  version: string;
  schema: number;
}


export interface DeskMoveAnswer {
  story: DeskStory;
  auditId: string;
  replayed: boolean;
}

/** A refusal the desk gave, with its own stable code ("token-expired", "forbidden", ...). */
export class DeskRefusal extends NewsroomError {
  constructor(
    readonly deskCode: string,
    readonly status: number,
    message: string,
  ) {
    super(status === 401 ? 'desk-unauthorized' : status === 403 ? 'forbidden' : status === 404 ? 'not-found' : status === 409 ? 'conflict' : status === 413 ? 'too-large' : status >= 500 ? 'desk-unavailable' : 'invalid-argument', message, { deskCode, status });
  }
}

/** `a` newer than `b` by major or minor (patch releases and pre-release tags speak the same API). */
export function newerRelease(a: string, b: string): boolean {
  const parts = (v: string) => v.split(/[.-]/).slice(0, 2).map((p) => Number.parseInt(p, 10) || 0);
  const [am = 0, an = 0] = parts(a);
  const [bm = 0, bn = 0] = parts(b);
  return am > bm || (am === bm && an > bn);
}

export function normalDeskUrl(address: string): string {
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(address) ? address : `http://${address}`);
  } catch {
    throw new NewsroomError('invalid-argument', `"${address}" is not a desk address: give it as http://host:7300 or https://desk.example.org`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new NewsroomError('invalid-argument', `A desk address starts with http:// or https://, not ${url.protocol}//`);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

export interface DeskApi {
  url: string;
  health(): Promise<DeskHealth>;
  signIn(name: string, password: string): Promise<DeskSignIn>;
  refresh(refreshToken: string): Promise<DeskSignIn>;
  me(token: string): Promise<DeskAccount & { desk: string; exp: number }>;
  stories(token: string, filter?: { mine?: boolean; state?: StoryState }): Promise<{ stories: DeskStory[]; counts: Record<StoryState, number> }>;
  story(token: string, id: string): Promise<DeskStory>;
  upload(token: string, id: string, state: Uint8Array): Promise<DeskStory>;
  move(token: string, id: string, move: { action: string; note?: string; requestId: string }): Promise<DeskMoveAnswer>;
  putPhoto(token: string, hash: string, bytes: Uint8Array): Promise<void>;
  getPhoto(token: string, hash: string): Promise<Uint8Array>;
}

export function deskApi(address: string, options: { timeoutMs?: number } = {}): DeskApi {
  const url = normalDeskUrl(address);
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function call(method: string, path: string, init: { token?: string; json?: unknown; bytes?: Uint8Array } = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
          ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
          ...(init.bytes === undefined ? {} : { 'content-type': 'application/octet-stream' }),
        },
        ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : init.bytes !== undefined ? { body: new Uint8Array(init.bytes) as Uint8Array<ArrayBuffer> } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why =
        (error as Error).name === 'TimeoutError'
          ? `no answer in ${Math.round(timeoutMs / 1000)} s`
          : cause?.code === 'ECONNREFUSED'
            ? 'nothing answers at that address'
            : cause?.code === 'ENOTFOUND'
              ? 'that host name is unknown'
              : (cause?.message ?? (error as Error).message);
      throw new NewsroomError('desk-unavailable', `Can't reach the desk at ${url}: ${why}. Check the address and the network; your work stays on this machine`);
    }
    if (response.ok) return response;
    let code = 'unknown';
    let message = `The desk answered ${response.status} ${response.statusText}`;
    try {
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      if (body.error?.message) message = body.error.message;
      if (body.error?.code) code = body.error.code;
    } catch {
      // not JSON: not a Newsroom desk, or a proxy's error page
      if (response.status === 404) message = `There is no Newsroom desk at ${url} (it answered ${response.status}): check the address`;
    }
    throw new DeskRefusal(code, response.status, message);
  }

  const json = async <T>(response: Response): Promise<T> => {
    try {
      return (await response.json()) as T;
    } catch {
      throw new NewsroomError('desk-unavailable', `The answer from ${url} is not a Newsroom desk's: check the address`);
    }
  };

  return {
    url,
    health: async () => {
      const health = await json<DeskHealth>(await call('GET', '/health'));
      if (typeof health.desk !== 'string' || typeof health.version !== 'string') throw new NewsroomError('desk-unavailable', `${url} answers, but not as a Newsroom desk: check the address`);
      return health;
    },
    signIn: async (name, password) => json(await call('POST', '/api/sign-in', { json: { name, password } })),
    refresh: async (refreshToken) => json(await call('POST', '/api/refresh', { json: { refreshToken } })),
    me: async (token) => json(await call('GET', '/api/me', { token })),
    stories: async (token, filter = {}) => {
      const query = new URLSearchParams({ limit: '500', ...(filter.mine ? { mine: '1' } : {}), ...(filter.state ? { state: filter.state } : {}) });
      return json(await call('GET', `/api/stories?${query}`, { token }));
    },
    story: async (token, id) => json(await call('GET', `/api/stories/${encodeURIComponent(id)}`, { token })),
    upload: async (token, id, state) => json(await call('POST', '/api/stories', { token, json: { id, state: Buffer.from(state).toString('base64') } })),
    move: async (token, id, move) => json(await call('POST', `/api/stories/${encodeURIComponent(id)}/moves`, { token, json: move })),
    putPhoto: async (token, hash, bytes) => {
      await call('PUT', `/api/photos/${hash}`, { token, bytes });
    },
    getPhoto: async (token, hash) => new Uint8Array(await (await call('GET', `/api/photos/${hash}`, { token })).arrayBuffer()),
  };
}
