/**
 * The desk client against the real desk server: two or three newsrooms (each its own data dir,
 * store and services, as each machine's engine has) kept in step through the server over a real
 * WebSocket, with the server stopped and started again under them.
 */
import fs from 'node:fs';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentFromPlainText, documentText, type StoryDocument } from '../../common/document.js';
import { addUser } from '../../server/accounts.js';
import { storedState } from '../../server/stories.js';
import { deriveStory, docFromState } from '../../server/storyText.js';
import { runCli } from '../../main/cli/index.js';
import { by, tempNewsroom, type TestNewsroom } from '../helpers/dataDir.js';
import { startTestDesk, type TestDesk } from '../helpers/desk.js';
import { fixturePhoto } from '../helpers/fixtures.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
}, 120_000);
afterAll(() => postgres?.stop());

const NOBODY = by(null);

interface Scene {
  desk: TestDesk;
  machines: TestNewsroom[];
}

async function scene(run: (s: Scene) => Promise<void>, options: Parameters<typeof startTestDesk>[1] = {}) {
  const s: Scene = { desk: await startTestDesk(postgres, options), machines: [] };
  await addUser(s.desk.database.pool, 'Ana', 'reporter', 'ana password');
  await addUser(s.desk.database.pool, 'Bo', 'editor', 'bo password');
  try {
    await run(s);
  } finally {
    for (const machine of s.machines) machine.cleanup();
    await s.desk.close();
  }
}

async function machine(s: Scene, name: 'Ana' | 'Bo'): Promise<TestNewsroom> {
  const newsroom = tempNewsroom();
  s.machines.push(newsroom);
  await newsroom.desk.connection.connect(s.desk.url, name, `${name.toLowerCase()} password`);
  return newsroom;
}

function bodyOf(newsroom: TestNewsroom, storyId: string): string {
  return documentText(newsroom.storyDocs.body(storyId));
}

function withParagraph(body: StoryDocument, text: string): StoryDocument {
  const more = documentFromPlainText(text).root.children;
  return { root: { ...body.root, children: [...body.root.children, ...more] } };
}

/** Adds a paragraph at the end, as a change to the doc (what typing does). */
async function append(newsroom: TestNewsroom, storyId: string, text: string, caller = NOBODY): Promise<void> {
  const { editBody } = await import('../../common/storyDoc/index.js');
  const { $createParagraphNode, $createTextNode, $getRoot } = await import('lexical');
  await newsroom.storyDocs.change(storyId, (doc) => editBody(doc, () => $getRoot().append($createParagraphNode().append($createTextNode(text)))), caller);
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

async function serverText(desk: TestDesk, storyId: string): Promise<string> {
  const state = (await desk.documents.liveState(storyId)) ?? (await storedState(desk.database.pool, storyId));
  return state === null ? '' : deriveStory(docFromState(state)).text;
}

describe('the desk client keeps stories in step through the desk', () => {
  it('uploads a new story, the other machine gets it, both edit while the desk is down, and after a restart both edits are there once each', { timeout: 90_000 }, async () => {
    await scene(async (s) => {
      const one = await machine(s, 'Ana');
      const two = await machine(s, 'Ana');
      const story = one.stories.create({ fields: { headline: 'Harbour strike' } }, NOBODY);
      await one.storyDocs.setBody(story.id, documentFromPlainText('Dockers walked out at dawn.'), NOBODY);

      const first = await one.desk.syncNow();
      expect(first).toMatchObject({ uploaded: 1, stories: 1 });
      expect(one.desk.status()).toMatchObject({ state: 'on-desk', label: 'On the desk', waiting: 0 });
      expect(await serverText(s.desk, story.id)).toContain('Dockers walked out at dawn.');

      const arrived = await two.desk.syncNow();
      expect(arrived).toMatchObject({ fetched: 1, stories: 1 });
      expect(bodyOf(two, story.id)).toBe('Dockers walked out at dawn.');
      expect(two.stories.get(story.id).status).toBe('draft');

      // Live while both are connected: machine two sees machine one's paragraph without a sync.
      await append(one, story.id, 'The port is closed.');
      await expect.poll(() => bodyOf(two, story.id)).toContain('The port is closed.');

      await s.desk.close();
      await append(one, story.id, 'Written on machine one in the cellar.');
      await append(two, story.id, 'Written on machine two on the train.');
      await expect(one.desk.syncNow({ timeoutMs: 2000 })).rejects.toThrow(/^Can't reach the desk at http:\/\/127\.0\.0\.1:\d+: nothing answers at that address/);
      expect(one.desk.status().state).toBe('offline');
      expect(one.desk.status().label).toMatch(/^Offline: \d+ changes? waiting$/);
      expect(one.desk.status().waiting).toBeGreaterThan(0);

      s.desk = await s.desk.restart();
      await one.desk.syncNow();
      await two.desk.syncNow();
      await one.desk.syncNow();
      for (const side of [one, two]) {
        const text = bodyOf(side, story.id);
        for (const part of ['Dockers walked out at dawn.', 'The port is closed.', 'Written on machine one in the cellar.', 'Written on machine two on the train.']) {
          expect(occurrences(text, part)).toBe(1);
        }
      }
      expect(bodyOf(one, story.id)).toBe(bodyOf(two, story.id));
      const onDesk = await serverText(s.desk, story.id);
      expect(occurrences(onDesk, 'Written on machine one in the cellar.')).toBe(1);
      expect(occurrences(onDesk, 'Written on machine two on the train.')).toBe(1);
      expect(one.desk.status()).toMatchObject({ state: 'on-desk', waiting: 0 });
      // The derived row follows the doc: the list and search on this machine show the merged text.
      one.storyDocs.flush(story.id);
      expect(one.stories.get(story.id).body).toContain('Written on machine two on the train.');
    });
  });

  it('an editor opens a filed story from the desk and edits it; the reporter\'s machine, kept in step in the background, sees the edit', { timeout: 60_000 }, async () => {
    await scene(async (s) => {
      const ana = await machine(s, 'Ana');
      const bo = await machine(s, 'Bo');
      const story = ana.stories.create({ fields: { headline: 'Budget night' } }, NOBODY);
      await ana.storyDocs.setBody(story.id, documentFromPlainText('The budget passed at midnight.'), NOBODY);
      await ana.desk.syncNow();
      expect(await ana.desk.move(story.id, 'file')).toMatchObject({ status: 'sent', state: 'filed' });
      ana.desk.start();

      // Bo's machine has never seen the story: the desk list shows it, opening it brings it here.
      await bo.desk.syncNow();
      expect(bo.desk.deskList().map((e) => [e.id, e.state, e.author, e.here])).toEqual([[story.id, 'filed', 'Ana', false]]);
      expect(await bo.desk.open(story.id)).toEqual({ storyId: story.id, state: 'filed' });
      expect(bodyOf(bo, story.id)).toBe('The budget passed at midnight.');
      expect(bo.stories.get(story.id).status).toBe('filed');

      const editor = by({ id: 'bo', name: 'Bo', byline: 'Bo', roles: ['editor'], createdAt: '2026-01-01T00:00:00.000Z' });
      await append(bo, story.id, 'Tightened by the desk.', editor);
      await expect.poll(() => bodyOf(ana, story.id)).toBe('The budget passed at midnight.\nTightened by the desk.');
      await expect.poll(() => serverText(s.desk, story.id)).toContain('Tightened by the desk.');
      await expect.poll(() => ana.desk.status().state).toBe('on-desk');
    });
  });

  it('keeps workflow moves made offline in an outbox, makes each once on reconnect, and brings a refusal back with its reason', { timeout: 60_000 }, async () => {
    await scene(async (s) => {
      const ana = await machine(s, 'Ana');
      const story = ana.stories.create({ fields: { headline: 'Council vote' } }, NOBODY);
      await ana.storyDocs.setBody(story.id, documentFromPlainText('The council voted.'), NOBODY);
      await ana.desk.syncNow();

      await s.desk.close();
      const filed = await ana.desk.move(story.id, 'file');
      expect(filed).toMatchObject({ status: 'waiting', state: null });
      const approved = await ana.desk.move(story.id, 'approve');
      expect(approved.status).toBe('waiting');
      expect(ana.desk.status().label).toMatch(/^Offline: 2 changes waiting$/);

      s.desk = await s.desk.restart();
      const report = await ana.desk.syncNow();
      expect(report.moves.map((m) => [m.action, m.status])).toEqual([
        ['file', 'sent'],
        ['approve', 'refused'],
      ]);
      expect(report.moves[0]?.state).toBe('filed');
      expect(report.moves[1]?.reason).toMatch(/editor/i);
      expect(ana.stories.get(story.id).status).toBe('filed');

      // Sent once: a second sync sends nothing, and an answer lost on the way (the row put back
      // to waiting) is answered by the desk from its first making, not made again.
      expect((await ana.desk.syncNow()).moves).toEqual([]);
      ana.db.prepare("UPDATE desk_outbox SET status = 'waiting', answer = NULL WHERE request_id = ?").run(filed.requestId);
      expect((await ana.desk.syncNow()).moves.map((m) => m.status)).toEqual(['sent']);
      const audit = await s.desk.database.pool.query("SELECT count(*)::int AS n FROM audit WHERE story_id = $1 AND action = 'file'", [story.id]);
      expect(audit.rows[0].n).toBe(1);
      expect(ana.desk.status().state).toBe('on-desk');
    });
  });

  it('renews an expired token mid-session, and says in one line when the sign-in cannot be renewed', { timeout: 60_000 }, async () => {
    await scene(
      async (s) => {
        const ana = await machine(s, 'Ana');
        const story = ana.stories.create({ fields: { headline: 'Late train' } }, NOBODY);
        await ana.desk.syncNow();
        const token = ana.desk.connection.secrets.read()?.token as string;
        // Bounded: the one-second token has expired on the desk's clock.
        await expect.poll(async () => (await s.desk.api('GET', '/api/me', { token })).status, { interval: 200 }).toBe(401);
        // The desk restarts, so the story's connection is made again, with a renewed token.
        s.desk = await s.desk.restart();
        await append(ana, story.id, 'Written after the token expired.');
        await ana.desk.syncNow();
        expect(await serverText(s.desk, story.id)).toContain('Written after the token expired.');

        await s.desk.database.pool.query('UPDATE refresh_tokens SET revoked_at = now()');
        await expect(ana.desk.syncNow()).rejects.toThrow(/^Your desk sign-in has expired: run newsroom desk connect again/);
        expect(ana.desk.status().label).toMatch(/^Can't reach the desk: Your desk sign-in has expired/);
        // The command line says the same in one line and exits non-zero.
        const dataDir = ana.dataDir;
        ana.close();
        s.machines.splice(s.machines.indexOf(ana), 1);
        const err: string[] = [];
        const code = await runCli(['sync', '--data-dir', dataDir], { out: () => undefined, err: (l) => err.push(l), env: {} });
        fs.rmSync(dataDir, { recursive: true, force: true });
        expect(code).toBe(1);
        expect(err).toHaveLength(1);
        expect(err[0]).toMatch(/^newsroom: Your desk sign-in has expired/);
      },
      { policy: { tokenSeconds: 1 } },
    );
  });

  it('uploads a story photo by content hash without GPS and camera serials, keeping its credit', { timeout: 60_000 }, async () => {
    await scene(async (s) => {
      const ana = await machine(s, 'Ana');
      // The agency's photo has GPS; a lens serial number is added, as many cameras write one.
      const original = await sharp(fs.readFileSync(fixturePhoto('iptc-agency-photographer-example.jpg')))
        .keepMetadata()
        .withExifMerge({ IFD2: { LensSerialNumber: 'LS-90210' } })
        .toBuffer();
      const before = await exifr.parse(original, { gps: true });
      expect(before?.latitude).toBeDefined();
      expect(before?.LensSerialNumber).toBe('LS-90210');
      const imported = await ana.media.importPhoto('harbour.jpg', new Uint8Array(original));
      const node = { ...imported.node, credit: { ...imported.node.credit, photographers: ['Ana Lima'], copyright: 'Harbour Press 2026' } };
      const story = ana.stories.create({ fields: { headline: 'Harbour photo' } }, NOBODY);
      const body = withParagraph(documentFromPlainText('A crane at dawn.'), 'Caption follows.');
      await ana.storyDocs.setBody(story.id, { root: { ...body.root, children: [...body.root.children, node] } }, NOBODY);

      const report = await ana.desk.syncNow();
      expect(report.photos).toBe(1);
      const row = ana.db.prepare('SELECT desk_hash FROM desk_photos WHERE photo_id = ?').get(imported.photo.id) as { desk_hash: string };
      const fetched = await fetch(`${s.desk.url}/api/photos/${row.desk_hash}`, { headers: { authorization: `Bearer ${ana.desk.connection.secrets.read()?.token}` } });
      expect(fetched.status).toBe(200);
      const bytes = Buffer.from(await fetched.arrayBuffer());
      const metadata = (await exifr.parse(bytes, { gps: true, tiff: true, exif: true })) ?? {};
      expect(Object.keys(metadata).filter((k) => /^GPS|latitude|longitude|Serial/i.test(k))).toEqual([]);
      expect(metadata.Artist).toBe(['Ana Lima', node.credit.agency].filter((n) => n !== '').join(', '));
      expect(metadata.Copyright).toBe('Harbour Press 2026');
      // The credit travels in the story too, and a second sync uploads nothing again.
      expect(JSON.stringify(ana.storyDocs.body(story.id))).toContain('Harbour Press');
      expect((await ana.desk.syncNow()).photos).toBe(0);
    });
  });
});
