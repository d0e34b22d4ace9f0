/**
 * Faults the desk survives with nothing lost: each test runs a small load (bench/load/load.ts:
 * real clients typing on real desk processes) through the fault, then checks that nothing the
 * server acknowledged is missing from PostgreSQL (`lost` 0) and that every client ends with the
 * server's text. Not covered here: the server's disk filling up (a tiny tmpfs for PostgreSQL
 * needs a root mount this test setup does not make).
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { runLoad, type LoadResult } from '../../bench/load/load.js';
import { addUser } from '../../server/accounts.js';
import { newId } from '../../common/ids.js';
import { headsOf, readField, writeField } from '../../common/storyDoc/fields.js';
import { storedState } from '../../server/stories.js';
import { docFromState } from '../../server/storyText.js';
import { openStory, storyDoc, type OpenStory } from '../helpers/desk.js';
import { startDeskProcess, type DeskProcess } from '../helpers/deskProcess.js';
import { startTestPostgres } from '../helpers/postgres.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcpProxy.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function nothingLost(result: LoadResult): void {
  expect(result.errors).toEqual([]);
  expect(result.keystrokes).toBeGreaterThan(0);
  expect(result.acknowledged).toBeGreaterThan(result.keystrokes / 2);
  expect(result.lost).toBe(0);
  expect(result.converged).toBe(true);
}

describe('faults the desk survives', () => {
  it('kill -9 of one of two processes while people type: its clients go to the other and send again what was not acknowledged', { timeout: 240_000 }, async () => {
    let killed = 0;
    const result = await runLoad({
      editors: 6,
      stories: 3,
      seconds: 12,
      nodes: 2,
      takeMidway: false,
      async midway(world) {
        for (const client of world.clients) if (client.node === 1) world.redirect(client.index, (world.nodes[0] as DeskProcess).wsUrl);
        killed = world.clients.filter((c) => c.node === 1).length;
        await (world.nodes[1] as DeskProcess).kill();
      },
    });
    expect(killed).toBeGreaterThan(0);
    expect(result.reconnects).toBeGreaterThanOrEqual(killed);
    nothingLost(result);
  });

  it('kill -9 of the only process, restarted: clients reconnect to it and send again what was not acknowledged', { timeout: 240_000 }, async () => {
    const result = await runLoad({
      editors: 6,
      stories: 3,
      seconds: 12,
      takeMidway: false,
      async midway(world) {
        await (world.nodes[0] as DeskProcess).kill();
        // People go on typing while the desk is down.
        await sleep(1500);
        await world.restartNode(0);
      },
    });
    expect(result.reconnects).toBeGreaterThanOrEqual(6);
    nothingLost(result);
  });

  it('PostgreSQL restarted mid-session: updates wait unacknowledged, then are kept', { timeout: 240_000 }, async () => {
    const result = await runLoad({
      editors: 6,
      stories: 3,
      seconds: 12,
      nodes: 2,
      takeMidway: false,
      async midway(world) {
        await world.postgres.restart(2000);
      },
    });
    nothingLost(result);
  });

  it('Redis restarted mid-session: each process goes on serving, and the two catch up', { timeout: 240_000 }, async () => {
    const result = await runLoad({
      editors: 6,
      stories: 3,
      seconds: 12,
      nodes: 2,
      takeMidway: false,
      async midway(world) {
        await world.redis?.restart(2000);
      },
    });
    nothingLost(result);
  });

  it('a client cut off for ten minutes of typing (3,000 updates through a dead network) merges everything on reconnect', { timeout: 240_000 }, async () => {
    let proxy: TcpProxy | undefined;
    let offlineStory = '';
    try {
      const result = await runLoad({
        editors: 4,
        stories: 2,
        seconds: 12,
        takeMidway: false,
        async prepare(nodes) {
          proxy = await startTcpProxy({ port: (nodes[0] as DeskProcess).port });
        },
        connectVia: (client, node) => (client === 0 && proxy !== undefined ? proxy.url('ws') : node.wsUrl),
        async midway(world) {
          const reporter = world.clients[0];
          if (proxy === undefined || reporter === undefined) throw new Error('no proxy');
          offlineStory = reporter.storyId;
          proxy.cut();
          // Ten minutes at five characters a second, each keystroke its own update, none of
          // which reaches the desk; the others on the story go on typing meanwhile.
          const root = reporter.doc.get('root', Y.XmlText) as Y.XmlText;
          const tunnel = new Y.XmlText('');
          root.insertEmbed(root.length, tunnel);
          const words = 'written in the tunnel ';
          for (let k = 0; k < 3000; k += 1) tunnel.insert(tunnel.length, words[k % words.length] as string);
          await sleep(2000);
          proxy.restore();
        },
      });
      nothingLost(result);
      expect(result.texts[offlineStory]).toContain('written in the tunnel written in the tunnel');
    } finally {
      await proxy?.close();
    }
  });

  it('a client whose clock is hours off: its token works, and its field writes replace and conflict by what it saw, not by its clock', { timeout: 120_000 }, async () => {
    const postgres = await startTestPostgres();
    const databaseUrl = await postgres.freshDatabase();
    const open: OpenStory[] = [];
    let desk: DeskProcess | undefined;
    const realNow = Date.now;
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    try {
      desk = await startDeskProcess({ dataDir: postgres.scratchDir(), databaseUrl });
      const url = desk.url;
      const call = async (method: string, path: string, token: string | null, body?: unknown) => {
        const response = await fetch(`${url}${path}`, {
          method,
          headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      await addUser(pool, 'Ana', 'reporter', 'Ana password');
      await addUser(pool, 'Bo', 'editor', 'Bo password');
      await addUser(pool, 'Cy', 'editor', 'Cy password');
      // Bo's machine is six hours ahead: everything it stamps says so.
      const ahead = 6 * 3600_000;
      Date.now = () => realNow() + ahead;
      const boSignIn = await call('POST', '/api/sign-in', null, { name: 'Bo', password: 'Bo password' });
      expect(boSignIn.status).toBe(200);
      const bo = boSignIn.body.token as string;
      // The token's expiry is the desk's clock (15 minutes from the desk's now), not Bo's.
      const expiresAt = Date.parse(boSignIn.body.expiresAt as string);
      expect(Math.abs(expiresAt - (realNow() + 15 * 60_000))).toBeLessThan(60_000);
      expect((await call('GET', '/api/me', bo)).status).toBe(200);
      Date.now = realNow;
      const ana = (await call('POST', '/api/sign-in', null, { name: 'Ana', password: 'Ana password' })).body.token as string;
      const cy = (await call('POST', '/api/sign-in', null, { name: 'Cy', password: 'Cy password' })).body.token as string;
      const id = newId();
      const base = storyDoc('', ['Start.']);
      base.getMap('fields').delete('headline');
      writeField(base, 'headline', 'Flood', 'Ana');
      expect((await call('POST', '/api/stories', ana, { id, state: Buffer.from(Y.encodeStateAsUpdate(base)).toString('base64') })).status).toBe(201);
      expect((await call('POST', `/api/stories/${id}/moves`, ana, { action: 'file' })).status).toBe(200);

      const boClient = openStory(desk, id, bo);
      const cyClient = openStory(desk, id, cy);
      open.push(boClient, cyClient);
      expect(await boClient.authenticated).toEqual({ readOnly: false });
      expect(await cyClient.authenticated).toEqual({ readOnly: false });
      await expect.poll(() => readField(boClient.doc, 'headline')).toEqual({ conflict: false, value: 'Flood' });
      await expect.poll(() => readField(cyClient.doc, 'headline')).toEqual({ conflict: false, value: 'Flood' });

      // Bo (six hours ahead) writes first; Cy, on time, writes after seeing Bo's: Cy's wins,
      // though Bo's write is stamped hours later.
      Date.now = () => realNow() + ahead;
      writeField(boClient.doc, 'headline', 'Flood: river at record', 'Bo', new Date(Date.now()).toISOString());
      Date.now = realNow;
      await expect.poll(() => readField(cyClient.doc, 'headline')).toEqual({ conflict: false, value: 'Flood: river at record' });
      writeField(cyClient.doc, 'headline', 'River at record, town flooded', 'Cy');
      await expect.poll(() => readField(boClient.doc, 'headline')).toEqual({ conflict: false, value: 'River at record, town flooded' });

      // Both write at once from the same value (in one turn: neither has seen the other's write):
      // a conflict on both sides, whatever the clocks say.
      Date.now = () => realNow() - ahead;
      writeField(boClient.doc, 'headline', 'Bo: town flooded', 'Bo', new Date(Date.now()).toISOString());
      Date.now = realNow;
      writeField(cyClient.doc, 'headline', 'Cy: town flooded', 'Cy');
      await expect.poll(() => readField(boClient.doc, 'headline').conflict).toBe(true);
      await expect.poll(() => readField(cyClient.doc, 'headline').conflict).toBe(true);
      expect(headsOf(boClient.doc, 'headline').map((w) => w.value)).toEqual(headsOf(cyClient.doc, 'headline').map((w) => w.value));
      expect(headsOf(boClient.doc, 'headline').map((w) => w.value).sort()).toEqual(['Bo: town flooded', 'Cy: town flooded']);

      for (const client of open.splice(0)) client.close();
      await desk.stop();
      const stored = docFromState((await storedState(pool, id)) as Uint8Array);
      expect(headsOf(stored, 'headline').map((w) => w.value).sort()).toEqual(['Bo: town flooded', 'Cy: town flooded']);
    } finally {
      Date.now = realNow;
      for (const client of open) client.close();
      await desk?.kill();
      await pool.end();
      postgres.stop();
    }
  });
});
