/**
 * The desk under load: N editors, each a real client (the Hocuspocus provider over a real
 * WebSocket, and the HTTP API) signed in as their own account, typing into M stories at a
 * person's speed with pauses, moving stories through the workflow now and then and refreshing the
 * desk list, against K real `newsroom desk serve` processes on one PostgreSQL (and one Redis when
 * K > 1). It measures the fan-out of each keystroke to every other client on its story, what the
 * server processes cost, and at the end whether anything the server acknowledged is missing from
 * PostgreSQL (`lost`) and whether every client holds the server's text (`converged`).
 *
 * `runLoad` is shared by `npm run load` (bench/load/run.ts) and the tests (a short load, and the
 * fault tests, which act on the world through `midway`).
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import pg from 'pg';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { newId } from '../../common/ids.js';
import { hashPassword } from '../../server/accounts.js';
import { storedState } from '../../server/stories.js';
import { deriveStory, docFromState } from '../../server/storyText.js';
import { storyDoc } from '../../tests/helpers/desk.js';
import { startDeskProcess, type DeskProcess } from '../../tests/helpers/deskProcess.js';
import { startTestPostgres, type TestPostgres } from '../../tests/helpers/postgres.js';
import { startTestRedis, type TestRedis } from '../../tests/helpers/redis.js';

export interface LoadOptions {
  editors: number;
  stories: number;
  seconds: number;
  nodes?: number;
  /** Instead of typing: this many connected clients doing nothing, to measure what they hold. */
  idle?: number;
  /** Joins the processes through Redis even with one (the Redis fault). */
  redis?: boolean;
  /** Mean characters a second while typing (pauses come on top). */
  charsPerSecond?: number;
  /** Takes every story into edit a third of the way through (every client reconnects). */
  takeMidway?: boolean;
  /** What each client connects to: a node's ws URL unless a test puts something in between. */
  connectVia?: (client: number, node: DeskProcess) => string;
  /** Runs once the desk processes are up, before any client connects (a test's proxy in front of one). */
  prepare?: (nodes: DeskProcess[]) => Promise<void>;
  /** The fault tests' hook: run once halfway through the typing, while everyone types. */
  midway?: (world: LoadWorld) => Promise<void>;
  log?: (line: string) => void;
}

export interface LoadClient {
  index: number;
  name: string;
  storyId: string;
  node: number;
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** Own clock the server acknowledged (every own item below it was acknowledged). */
  acknowledged: number;
  /** Typing stops (the client goes on being connected). */
  typing: boolean;
}

export interface LoadWorld {
  postgres: TestPostgres;
  redis: TestRedis | undefined;
  databaseUrl: string;
  nodes: DeskProcess[];
  clients: LoadClient[];
  /** Starts node `i` again (same port) after a test killed it. */
  restartNode(i: number): Promise<void>;
  /** Points client `c` at another URL for its next connection. */
  redirect(c: number, url: string): void;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  samples: number;
}

export interface LoadResult {
  editors: number;
  stories: number;
  /** Stories with someone on them. */
  storiesEdited: number;
  nodes: number;
  seconds: number;
  /** How long the typing lasted: `seconds` and the moves into edit. */
  typingSeconds: number;
  idle?: number;
  keystrokes: number;
  fanout: Percentiles;
  lost: number;
  acknowledged: number;
  converged: boolean;
  serverRssMb: number;
  serverRssMbPerNode: number[];
  /** Cores the server processes used during the typing (1 = one core busy all the time). */
  serverCpu: number;
  databaseConnections: number;
  moves: { done: number; refused: number };
  deskListRefreshes: number;
  reconnects: number;
  errors: string[];
  /** Each edited story's final text in PostgreSQL, by story id (left out of the printed figures). */
  texts: Record<string, string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PASSWORD = 'load test password';
const WORDS = 'the council met on tuesday to vote on the flood defence budget after residents of the lower town asked why the river wall was never finished'.split(' ');

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, interval = 50): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`load: timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(interval);
  }
}

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number));
  const round = (n: number) => Math.round(n * 10) / 10;
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), samples: sorted.length };
}

function procStat(pid: number): { rssMb: number; cpuSeconds: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssMb: rssKb / 1024, cpuSeconds: ticks / 100 };
  } catch {
    return { rssMb: 0, cpuSeconds: 0 };
  }
}

async function api(url: string, method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T, R>(items: T[], width: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next;
        next += 1;
        results[i] = await work(items[i] as T, i);
      }
    }),
  );
  return results;
}

/** Accounts made beforehand, straight into the desk's users table with one scrypt hash (a hash costs 0.2 s). */
async function makeAccounts(pool: pg.Pool, names: { name: string; role: string }[]): Promise<void> {
  const hash = await hashPassword(PASSWORD);
  for (let i = 0; i < names.length; i += 500) {
    const batch = names.slice(i, i + 500);
    const values = batch.map((_, j) => `($${j * 4 + 1}, $${j * 4 + 2}, $${j * 4 + 3}, $${j * 4 + 4})`).join(', ');
    await pool.query(`INSERT INTO users (id, name, role, password_hash) VALUES ${values}`, batch.flatMap((n) => [newId(), n.name, n.role, hash]));
  }
}

async function signIn(url: string, name: string): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    const answer = await api(url, 'POST', '/api/sign-in', null, { name, password: PASSWORD });
    if (answer.status === 200) return (answer.body as { token: string }).token;
    if (attempt >= 20) throw new Error(`load: ${name} could not sign in: ${answer.status} ${JSON.stringify(answer.body)}`);
    await sleep(250);
  }
}

/** Closes a client; a socket still connecting (a busy desk) reports its own close as an error, which is expected here. */
function closeClient(client: LoadClient): void {
  const socket = (client.socket as unknown as { webSocket?: { on?: (event: string, listener: () => void) => void } | null }).webSocket;
  socket?.on?.('error', () => undefined);
  client.provider.destroy();
  try {
    client.socket.destroy();
  } catch {
    // already closed
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? (() => undefined);
  const nodeCount = options.nodes ?? 1;
  const idle = options.idle ?? 0;
  const editorCount = idle > 0 ? idle : options.editors;
  const storyCount = Math.max(1, options.stories);
  const errors: string[] = [];
  const postgres = await startTestPostgres();
  const redis = nodeCount > 1 || options.redis ? await startTestRedis() : undefined;
  const databaseUrl = await postgres.freshDatabase();
  const nodes: DeskProcess[] = [];
  const clients: LoadClient[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  pool.on('error', () => undefined);
  const redirects = new Map<number, string>();
  try {
    const startNode = (port?: number) =>
      startDeskProcess({ dataDir: postgres.scratchDir(), databaseUrl, ...(redis ? { redisUrl: redis.url } : {}), ...(port === undefined ? {} : { port }) });
    // The first process migrates the database; the others start on it.
    nodes.push(await startNode());
    for (let k = 1; k < nodeCount; k += 1) nodes.push(await startNode());
    await options.prepare?.(nodes);
    log(`load: ${nodeCount} desk process(es) on ${nodes.map((n) => n.url).join(', ')}${redis ? ` joined through ${redis.url}` : ''}`);

    // People: one account per editor (idle clients share 200), reporters owning the stories.
    const accountCount = idle > 0 ? Math.min(idle, 200) : editorCount;
    const reporterCount = Math.max(1, Math.ceil(storyCount / 20));
    const sideStoryCount = idle > 0 ? 0 : Math.max(2, Math.ceil(storyCount / 10));
    const editorNames = Array.from({ length: accountCount }, (_, i) => `Load Editor ${i + 1}`);
    const reporterNames = Array.from({ length: reporterCount }, (_, i) => `Load Reporter ${i + 1}`);
    await makeAccounts(pool, [...editorNames.map((name) => ({ name, role: 'editor' })), ...reporterNames.map((name) => ({ name, role: 'reporter' }))]);
    const first = nodes[0] as DeskProcess;
    const signInStart = performance.now();
    const editorTokens = await inParallel(editorNames, 8, (name, i) => signIn((nodes[i % nodeCount] as DeskProcess).url, name));
    const reporterTokens = await inParallel(reporterNames, 4, (name) => signIn(first.url, name));
    log(`load: ${accountCount + reporterCount} accounts signed in (${Math.round(performance.now() - signInStart)} ms)`);

    // Stories, filed by their reporters so editors may write them; side stories for workflow moves.
    const makeStory = async (i: number, headline: string): Promise<{ id: string; reporter: number }> => {
      const id = newId();
      const reporter = i % reporterCount;
      const token = reporterTokens[reporter] as string;
      const state = Buffer.from(Y.encodeStateAsUpdate(storyDoc(headline, [`${headline}: first paragraph.`]))).toString('base64');
      const uploaded = await api(first.url, 'POST', '/api/stories', token, { id, state });
      if (uploaded.status !== 201) throw new Error(`load: could not upload a story: ${uploaded.status} ${JSON.stringify(uploaded.body)}`);
      const filed = await api(first.url, 'POST', `/api/stories/${id}/moves`, token, { action: 'file' });
      if (filed.status !== 200) throw new Error(`load: could not file a story: ${filed.status} ${JSON.stringify(filed.body)}`);
      return { id, reporter };
    };
    const stories = await inParallel(Array.from({ length: storyCount }, (_, i) => i), 8, (i) => makeStory(i, `Story ${i + 1}`));
    const sideStories = await inParallel(Array.from({ length: sideStoryCount }, (_, i) => i), 4, (i) => makeStory(i, `Side story ${i + 1}`));
    log(`load: ${storyCount} stories and ${sideStoryCount} side stories filed`);

    // Editors share stories: at least two on each story they are on (a writer and someone who
    // sees it), so with fewer editors than twice the stories some stories are nobody's.
    const storyOf = (index: number) => (editorCount < 2 * storyCount ? Math.floor(index / 2) % storyCount : index % storyCount);

    // Fan-out bookkeeping: every keystroke waits for each other client on its story.
    type Pending = { sentAt: number; remaining: number };
    const pending = new Map<number, Map<number, Pending>>();
    const fanoutSamples: number[] = [];
    const peersOn = new Map<string, LoadClient[]>();
    let measuring = false;
    let keystrokes = 0;
    let reconnects = 0;

    const connect = (index: number): LoadClient => {
      const storyId = (stories[storyOf(index)] as { id: string }).id;
      const nodeIndex = index % nodeCount;
      const node = nodes[nodeIndex] as DeskProcess;
      const url = options.connectVia?.(index, node) ?? node.wsUrl;
      const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket as never, maxDelay: 2000, minDelay: 200, delay: 200, messageReconnectTimeout: 60_000 });
      const doc = new Y.Doc();
      const token = editorTokens[index % accountCount] as string;
      const provider = new HocuspocusProvider({ websocketProvider: socket, name: storyId, document: doc, token: async () => token });
      const client: LoadClient = { index, name: editorNames[index % accountCount] as string, storyId, node: nodeIndex, doc, provider, socket, acknowledged: 0, typing: false };
      provider.on('unsyncedChanges', ({ number }: { number: number }) => {
        // Nothing unacknowledged: everything typed so far was acknowledged by the server.
        if (number === 0) client.acknowledged = Y.getState(doc.store, doc.clientID);
      });
      socket.on('disconnect', () => {
        reconnects += 1;
        const redirected = redirects.get(index);
        if (redirected !== undefined) (socket as unknown as { configuration: { url: string } }).configuration.url = redirected;
      });
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== provider || !measuring) return;
        const now = performance.now();
        for (const struct of Y.decodeUpdate(update).structs) {
          const byClock = pending.get(struct.id.client);
          if (byClock === undefined) continue;
          for (let clock = struct.id.clock; clock < struct.id.clock + struct.length; clock += 1) {
            const waiting = byClock.get(clock);
            if (waiting === undefined) continue;
            waiting.remaining -= 1;
            if (waiting.remaining <= 0) {
              fanoutSamples.push(now - waiting.sentAt);
              byClock.delete(clock);
            }
          }
        }
      });
      provider.attach();
      const peers = peersOn.get(storyId) ?? [];
      peers.push(client);
      peersOn.set(storyId, peers);
      return client;
    };

    const authenticated = (client: LoadClient) => client.provider.isAuthenticated && client.provider.isSynced;
    for (let c = 0; c < editorCount; c += 100) {
      const batch = Array.from({ length: Math.min(100, editorCount - c) }, (_, j) => connect(c + j));
      clients.push(...batch);
      await until('clients to connect', () => batch.every(authenticated), 120_000);
    }
    log(`load: ${clients.length} clients connected and in step`);

    const world: LoadWorld = {
      postgres,
      redis,
      databaseUrl,
      nodes,
      clients,
      async restartNode(i) {
        const old = nodes[i] as DeskProcess;
        nodes[i] = await startNode(old.port);
      },
      redirect(c, url) {
        redirects.set(c, url);
      },
    };

    const stats = () => nodes.map((n) => procStat(n.pid));
    let databaseConnections = 0;
    const sampleConnections = async () => {
      const row = await pool.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()').catch(() => null);
      if (row !== null) databaseConnections = Math.max(databaseConnections, Number(row.rows[0]?.n ?? 0));
    };

    const cpuBefore = stats();
    const wallBefore = performance.now();
    const moves = { done: 0, refused: 0 };
    let deskListRefreshes = 0;

    if (idle === 0) {
      measuring = true;
      const rate = options.charsPerSecond ?? 5;
      const meanGap = 1000 / rate;
      const schedule = (ms: number, work: () => void) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          work();
        }, ms);
        timers.add(timer);
      };
      for (const client of clients) {
        client.typing = true;
        let paragraph: Y.XmlText | undefined;
        let word = '';
        const keystroke = () => {
          if (!client.typing) return;
          if (paragraph === undefined) {
            const root = client.doc.get('root', Y.XmlText) as Y.XmlText;
            paragraph = new Y.XmlText('');
            root.insertEmbed(root.length, paragraph);
          }
          if (word === '') word = `${WORDS[Math.floor(Math.random() * WORDS.length)] as string} `;
          const char = word[0] as string;
          word = word.slice(1);
          const clock = Y.getState(client.doc.store, client.doc.clientID);
          const others = (peersOn.get(client.storyId)?.length ?? 1) - 1;
          if (others > 0) {
            const byClock = pending.get(client.doc.clientID) ?? new Map<number, Pending>();
            pending.set(client.doc.clientID, byClock);
            byClock.set(clock, { sentAt: performance.now(), remaining: others });
          }
          paragraph.insert(paragraph.length, char);
          keystrokes += 1;
          // A person's speed: gaps of 0.6-1.0 of the mean, and one keystroke in 50 a pause of 1-3 s (which brings it back to the mean).
          const pause = Math.random() < 0.02 ? 1000 + Math.random() * 2000 : 0;
          schedule(meanGap * 0.6 + Math.random() * meanGap * 0.4 + pause, keystroke);
        };
        schedule(Math.random() * 1000, keystroke);
        const token = editorTokens[client.index % accountCount] as string;
        const node = () => nodes[client.node] as DeskProcess;
        const refresh = () => {
          if (!client.typing) return;
          void api(node().url, 'GET', '/api/stories?limit=50', token)
            .then((answer) => {
              if (answer.status === 200) deskListRefreshes += 1;
            })
            .catch(() => undefined);
          schedule(10_000 + Math.random() * 10_000, refresh);
        };
        schedule(Math.random() * 10_000, refresh);
        const move = () => {
          if (!client.typing || sideStories.length === 0) return;
          const side = sideStories[Math.floor(Math.random() * sideStories.length)] as { id: string; reporter: number };
          void (async () => {
            const asked = await api(node().url, 'POST', `/api/stories/${side.id}/moves`, token, { action: 'request-changes', note: 'Tighten the top, please.' });
            if (asked.status !== 200) {
              moves.refused += 1;
              return;
            }
            moves.done += 1;
            await sleep(500 + Math.random() * 1000);
            const filed = await api(node().url, 'POST', `/api/stories/${side.id}/moves`, reporterTokens[side.reporter] as string, { action: 'file' });
            if (filed.status === 200) moves.done += 1;
            else moves.refused += 1;
          })().catch(() => undefined);
          schedule(20_000 + Math.random() * 20_000, move);
        };
        schedule(5000 + Math.random() * 20_000, move);
      }
      const sampler = setInterval(() => void sampleConnections(), 1000);
      let taking: Promise<unknown> = Promise.resolve();
      try {
        const third = (options.seconds * 1000) / 3;
        const half = (options.seconds * 1000) / 2;
        if (options.takeMidway ?? true) {
          await sleep(third);
          // Every story into edit: each move closes the story's connections on every process.
          // In the background: a slow desk makes the moves slow, not the typing longer.
          taking = inParallel(stories, 4, async (story, i) => {
            const answer = await api(first.url, 'POST', `/api/stories/${story.id}/moves`, editorTokens[i % accountCount] as string, { action: 'take' });
            if (answer.status === 200) moves.done += 1;
            else moves.refused += 1;
          });
          await sleep(Math.max(0, half - third));
        } else {
          await sleep(half);
        }
        if (options.midway !== undefined) {
          log('load: the fault, while everyone types');
          await options.midway(world);
        }
        await sleep(options.seconds * 1000 - half);
      } finally {
        clearInterval(sampler);
      }
      for (const client of clients) client.typing = false;
      await taking.catch((error: Error) => errors.push(`load: the moves into edit failed: ${error.message}`));
      measuring = false;
    } else {
      await sleep(options.seconds * 1000);
      await sampleConnections();
    }
    const cpuAfter = stats();
    const wall = (performance.now() - wallBefore) / 1000;
    const serverCpu = cpuAfter.reduce((sum, s, i) => sum + (s.cpuSeconds - (cpuBefore[i]?.cpuSeconds ?? 0)), 0) / wall;
    const serverRssMbPerNode = cpuAfter.map((s) => Math.round(s.rssMb));
    log(`load: typing stopped after ${keystrokes} keystrokes; waiting for every client to be acknowledged and in step`);

    // Everyone acknowledged and in step with the others on their story (bounded).
    await until(
      'every client to be acknowledged',
      () => clients.every((c) => c.provider.isAuthenticated && !c.provider.hasUnsyncedChanges),
      120_000,
      100,
    ).catch((error: Error) => errors.push(error.message));
    await until(
      'the clients on each story to agree',
      () => [...peersOn.values()].every((peers) => peers.every((p) => Buffer.from(Y.encodeStateVector(p.doc)).equals(Buffer.from(Y.encodeStateVector((peers[0] as LoadClient).doc))))),
      120_000,
      100,
    ).catch((error: Error) => errors.push(error.message));
    for (const client of clients) closeClient(client);
    // The orderly stop stores every open story; PostgreSQL then holds the final state.
    for (const node of nodes) await node.stop();

    let lost = 0;
    let acknowledged = 0;
    let converged = true;
    const texts: Record<string, string> = {};
    for (const story of stories) {
      const state = await storedState(pool, story.id);
      const stored = docFromState(state ?? new Uint8Array([0, 0]));
      const text = deriveStory(stored).text;
      if (peersOn.has(story.id)) texts[story.id] = text;
      for (const client of peersOn.get(story.id) ?? []) {
        acknowledged += client.acknowledged;
        lost += Math.max(0, client.acknowledged - Y.getState(stored.store, client.doc.clientID));
        if (deriveStory(client.doc).text !== text) converged = false;
      }
    }
    return {
      editors: idle > 0 ? 0 : editorCount,
      stories: storyCount,
      storiesEdited: peersOn.size,
      nodes: nodeCount,
      seconds: options.seconds,
      typingSeconds: Math.round(wall),
      ...(idle > 0 ? { idle } : {}),
      keystrokes,
      fanout: percentiles(fanoutSamples),
      lost,
      acknowledged,
      converged,
      serverRssMb: serverRssMbPerNode.reduce((a, b) => a + b, 0),
      serverRssMbPerNode,
      serverCpu: Math.round(serverCpu * 100) / 100,
      databaseConnections,
      moves,
      deskListRefreshes,
      reconnects,
      errors,
      texts,
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    for (const client of clients) closeClient(client);
    for (const node of nodes) await node.kill();
    await pool.end().catch(() => undefined);
    await redis?.stop();
    postgres.stop();
  }
}
