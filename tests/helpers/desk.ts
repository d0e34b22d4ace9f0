/**
 * A real desk server on 127.0.0.1 over a fresh database in the test PostgreSQL, with helpers to
 * add people, sign in, call the API, and open a story the way the app's engine will (the real
 * @hocuspocus/provider over `ws`).
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addUser, type DeskRole } from '../../server/accounts.js';
import { startDesk, type DeskOptions, type RunningDesk } from '../../server/desk.js';
import type { TestPostgres } from './postgres.js';

/** What the API answered: the body is JSON of the route's own shape, read by each test as it expects. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiAnswer = { status: number; body: any; headers: Headers };

export interface TestDesk extends RunningDesk {
  logs: string[];
  databaseUrl: string;
  dataDir: string;
  /** Adds a person and signs them in: their token. */
  person(name: string, role: DeskRole): Promise<string>;
  api(method: string, path: string, options?: { token?: string; body?: unknown; raw?: Buffer }): Promise<ApiAnswer>;
  restart(): Promise<TestDesk>;
}

export async function startTestDesk(postgres: TestPostgres, options: Partial<DeskOptions> & { databaseUrl?: string; dataDir?: string } = {}): Promise<TestDesk> {
  const databaseUrl = options.databaseUrl ?? (await postgres.freshDatabase());
  const dataDir = options.dataDir ?? postgres.scratchDir();
  const logs: string[] = [];
  const desk = await startDesk({ port: 0, ...options, dataDir, databaseUrl, log: (line) => logs.push(line) });
  const test: TestDesk = Object.assign(desk, {
    logs,
    databaseUrl,
    dataDir,
    async person(name: string, role: DeskRole) {
      await addUser(desk.database.pool, name, role, `${name} password`);
      const signIn = await test.api('POST', '/api/sign-in', { body: { name, password: `${name} password` } });
      if (signIn.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(signIn.body)}`);
      return signIn.body.token as string;
    },
    async api(method: string, path: string, { token, body, raw }: { token?: string; body?: unknown; raw?: Buffer } = {}) {
      const response = await fetch(`${desk.url}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(raw !== undefined ? { body: new Uint8Array(raw) } : body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: the raw text
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async restart() {
      await desk.close();
      return startTestDesk(postgres, { ...options, databaseUrl, dataDir, port: desk.port });
    },
  });
  return test;
}

/** A story doc in the layout of common/storyDoc: fields in a map, the body in an XmlText called root. */
export function storyDoc(headline: string, paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getMap('fields').set('headline', headline);
    const root = doc.get('root', Y.XmlText) as Y.XmlText;
    paragraphs.forEach((text, i) => {
      const paragraph = new Y.XmlText(text);
      root.insertEmbed(i, paragraph);
    });
  });
  return doc;
}

export function bodyText(doc: Y.Doc): string {
  const root = doc.get('root', Y.XmlText) as Y.XmlText;
  return (root.toDelta() as { insert: unknown }[]).map((op) => (op.insert instanceof Y.XmlText ? op.insert.toString() : String(op.insert))).join('\n');
}

export function appendParagraph(doc: Y.Doc, text: string): void {
  const root = doc.get('root', Y.XmlText) as Y.XmlText;
  root.insertEmbed(root.length, new Y.XmlText(text));
}

export async function uploadStory(desk: TestDesk, token: string, id: string, doc: Y.Doc) {
  return desk.api('POST', '/api/stories', { token, body: { id, state: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64') } });
}

export interface OpenStory {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** Resolves with the read-only flag the server decided, or rejects with its reason. */
  authenticated: Promise<{ readOnly: boolean }>;
  close(): void;
}

export function openStory(desk: Pick<RunningDesk, 'wsUrl'>, storyId: string, token: string | (() => string), doc = new Y.Doc()): OpenStory {
  const socket = new HocuspocusProviderWebsocket({ url: desk.wsUrl, WebSocketPolyfill: WebSocket as never });
  let resolve!: (value: { readOnly: boolean }) => void;
  let reject!: (reason: Error) => void;
  const authenticated = new Promise<{ readOnly: boolean }>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  authenticated.catch(() => undefined);
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: storyId,
    document: doc,
    token: typeof token === 'string' ? token : async () => token(),
    onAuthenticated: ({ scope }) => resolve({ readOnly: scope === 'readonly' }),
    onAuthenticationFailed: ({ reason }) => reject(new Error(reason)),
  });
  provider.attach();
  return {
    doc,
    provider,
    socket,
    authenticated,
    close() {
      provider.destroy();
      socket.destroy();
    },
  };
}
