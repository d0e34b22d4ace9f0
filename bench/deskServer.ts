/**
 * The desk server's figures: an edit's fan-out to 50 clients on one story, a reconnect after an
 * eight-hour offline session (30,000 updates) until in step, and the server's memory per open
 * story and per connection. A real PostgreSQL (Debian's, in a temp dir) and the real server on
 * 127.0.0.1; the clients are real providers in this process. Run alone:
 * `node --import tsx bench/deskServer.ts`.
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { newId } from '../common/ids.js';
import { deriveStory, docFromState } from '../server/storyText.js';
import { openStory, startTestDesk, storyDoc, uploadStory, type OpenStory } from '../tests/helpers/desk.js';
import { startTestPostgres } from '../tests/helpers/postgres.js';
import { summarise, type Timing } from './stats.js';

export interface DeskServerBench {
  fanOut: Timing;
  clients: number;
  reconnectMs: number;
  offlineUpdates: number;
  heapPerStoryKb: number;
  heapPerConnectionKb: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the desk');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function heap(): number {
  global.gc?.();
  return process.memoryUsage().heapUsed;
}

export async function benchDeskServer(clients = 50, edits = 100, offlineUpdates = 30_000): Promise<DeskServerBench> {
  const postgres = await startTestPostgres();
  const desk = await startTestDesk(postgres);
  const open: OpenStory[] = [];
  try {
    const bo = await desk.person('Bo', 'editor');
    const ana = await desk.person('Ana', 'reporter');

    // Fan-out: one writer, `clients` readers on one story in edit.
    const id = newId();
    await uploadStory(desk, ana, id, storyDoc('Fan-out', ['Start.']));
    await desk.api('POST', `/api/stories/${id}/moves`, { token: ana, body: { action: 'file' } });
    await desk.api('POST', `/api/stories/${id}/moves`, { token: bo, body: { action: 'take' } });
    const writer = openStory(desk, id, bo);
    open.push(writer);
    await writer.authenticated;
    const readers: OpenStory[] = [];
    for (let i = 0; i < clients; i += 1) {
      const reader = openStory(desk, id, bo);
      readers.push(reader);
      open.push(reader);
    }
    await Promise.all(readers.map((r) => r.authenticated));
    const mark = (doc: Y.Doc) => (doc.getMap('fields').get('mark') as number | undefined) ?? -1;
    const samples: number[] = [];
    for (let e = 0; e < edits; e += 1) {
      const start = performance.now();
      writer.doc.getMap('fields').set('mark', e);
      await until(() => readers.every((r) => mark(r.doc) === e));
      samples.push(performance.now() - start);
    }

    // Memory: more stories with one connection each, then more connections on one story.
    const heapBefore = heap();
    const extraStories = 20;
    for (let s = 0; s < extraStories; s += 1) {
      const other = newId();
      await uploadStory(desk, ana, other, storyDoc(`Story ${s}`, ['A paragraph of text for the story.']));
      const client = openStory(desk, other, ana);
      open.push(client);
      await client.authenticated;
    }
    await sleep(200);
    const heapStories = heap();
    const perStoryAndConnection = (heapStories - heapBefore) / extraStories;
    const moreConnections = 50;
    for (let c = 0; c < moreConnections; c += 1) {
      const reader = openStory(desk, id, bo);
      open.push(reader);
      await reader.authenticated;
    }
    await sleep(200);
    const perConnection = (heap() - heapStories) / moreConnections;

    // Reconnect after eight hours offline: 30,000 small updates made with no desk, then in step.
    const offlineId = newId();
    const base = storyDoc('Cellar', ['Before going offline.']);
    await uploadStory(desk, ana, offlineId, base);
    const reporterDoc = new Y.Doc();
    Y.applyUpdate(reporterDoc, Y.encodeStateAsUpdate(base));
    const root = reporterDoc.get('root', Y.XmlText) as Y.XmlText;
    const paragraph = new Y.XmlText('');
    root.insertEmbed(root.length, paragraph);
    // Each update its own transaction at a scattered place, as edits over a day are (typing at
    // the end only would merge into a few items and flatter the figure).
    for (let u = 0; u < offlineUpdates; u += 1) paragraph.insert((u * 7919) % (paragraph.length + 1), u % 7 === 6 ? ' ' : 'x');
    const start = performance.now();
    const reporter = openStory(desk, offlineId, ana, reporterDoc);
    open.push(reporter);
    await reporter.authenticated;
    const expected = deriveStory(reporterDoc).text;
    let inStep = false;
    while (!inStep) {
      const live = await desk.documents.liveState(offlineId);
      inStep = live !== null && deriveStory(docFromState(live)).text === expected;
      if (!inStep) await sleep(5);
      if (performance.now() - start > 60_000) throw new Error('the offline session did not reach the desk in 60 s');
    }
    const reconnectMs = performance.now() - start;
    return {
      fanOut: summarise(samples),
      clients,
      reconnectMs,
      offlineUpdates,
      heapPerStoryKb: (perStoryAndConnection - perConnection) / 1024,
      heapPerConnectionKb: perConnection / 1024,
    };
  } finally {
    for (const client of open) client.close();
    await desk.close();
    postgres.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchDeskServer();
  console.log(JSON.stringify(result, null, 2));
}
