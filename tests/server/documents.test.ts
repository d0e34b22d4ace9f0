import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids.js';
import { signToken } from '../../server/accounts.js';
import { storedState } from '../../server/stories.js';
import { deriveStory, docFromState } from '../../server/storyText.js';
import { appendParagraph, bodyText, openStory, startTestDesk, storyDoc, uploadStory, type TestDesk } from '../helpers/desk.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startTestPostgres();
}, 120_000);
afterAll(() => postgres?.stop());

async function withDesk(run: (desk: TestDesk) => Promise<void>) {
  const desk = await startTestDesk(postgres);
  try {
    await run(desk);
  } finally {
    await desk.close();
  }
}

async function serverText(desk: TestDesk, id: string): Promise<string> {
  const live = await desk.documents.liveState(id);
  const state = live ?? (await storedState(desk.database.pool, id));
  return state === null ? '' : deriveStory(docFromState(state)).text;
}

/** A raw y-protocols client: sends a sync update for `storyId` on an authenticated socket, ignoring what the server says. */
async function rawWrite(desk: TestDesk, storyId: string, token: string, update: Uint8Array): Promise<void> {
  const socket = new WebSocket(desk.wsUrl);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const auth = encoding.createEncoder();
  encoding.writeVarString(auth, storyId);
  encoding.writeVarUint(auth, 2); // Auth
  encoding.writeVarUint(auth, 0); // token
  encoding.writeVarString(auth, token);
  socket.send(encoding.toUint8Array(auth));
  await new Promise((resolve) => socket.once('message', resolve));
  const write = encoding.createEncoder();
  encoding.writeVarString(write, storyId);
  encoding.writeVarUint(write, 0); // Sync
  encoding.writeVarUint(write, 2); // update
  encoding.writeVarUint8Array(write, update);
  socket.send(encoding.toUint8Array(write));
  // The server answers a write with its sync status: the write has been handled when it does.
  await new Promise((resolve) => socket.once('message', resolve));
  socket.close();
}

function editOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

describe('story documents on the desk', () => {
  it('seeds a story only from an upload, then syncs it between a reporter and an editor', async () => {
    await withDesk(async (desk) => {
      const ana = await desk.person('Ana', 'reporter');
      const bo = await desk.person('Bo', 'editor');
      const id = newId();
      // Not on the desk yet: opening it is refused, the server makes no doc of its own.
      const early = openStory(desk, id, ana);
      await expect(early.authenticated).rejects.toThrow(/does not have story/);
      early.close();

      expect((await uploadStory(desk, ana, id, storyDoc('Council budget', ['First paragraph.']))).status).toBe(201);
      expect((await uploadStory(desk, ana, id, storyDoc('Again', []))).status).toBe(409);

      const reporter = openStory(desk, id, ana);
      expect(await reporter.authenticated).toEqual({ readOnly: false });
      await expect.poll(() => bodyText(reporter.doc)).toBe('First paragraph.');
      appendParagraph(reporter.doc, 'Second paragraph.');

      // The editor cannot write a draft: read-only, but sees the text.
      const editor = openStory(desk, id, bo);
      expect(await editor.authenticated).toEqual({ readOnly: true });
      await expect.poll(() => bodyText(editor.doc)).toBe('First paragraph.\nSecond paragraph.');
      reporter.close();
      editor.close();
      await expect.poll(() => serverText(desk, id)).toBe('First paragraph.\nSecond paragraph.');
      const log = await desk.database.pool.query("SELECT u.name FROM story_updates s JOIN users u ON u.id = s.user_id WHERE s.story_id = $1", [id]);
      expect(log.rows.map((r) => r.name)).toContain('Ana');
    });
  });

  it('changes nothing when a client writes on a read-only connection anyway', async () => {
    await withDesk(async (desk) => {
      const ana = await desk.person('Ana', 'reporter');
      const bo = await desk.person('Bo', 'editor');
      const id = newId();
      const doc = storyDoc('Harbour', ['Kept.']);
      await uploadStory(desk, ana, id, doc);
      const viewer = openStory(desk, id, bo);
      expect((await viewer.authenticated).readOnly).toBe(true);
      await rawWrite(desk, id, bo, editOf(doc, (d) => appendParagraph(d, 'Forced by the editor.')));
      expect(await serverText(desk, id)).toBe('Kept.');
      // A client that rewrites its own token to claim another role is refused: the desk did not sign it.
      const [body, mac] = bo.split('.') as [string, string];
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
      const claimed = `${Buffer.from(JSON.stringify({ ...claims, role: 'admin', sub: claims.sub })).toString('base64url')}.${mac}`;
      const forged = openStory(desk, id, claimed);
      await expect(forged.authenticated).rejects.toThrow(/not signed by this desk/);
      forged.close();
      viewer.close();
      const updates = await desk.database.pool.query('SELECT count(*)::int AS n FROM story_updates WHERE story_id = $1', [id]);
      expect(updates.rows[0].n).toBe(0);
      expect(desk.logs.some((l) => l.includes('proposal'))).toBe(false);
    });
  });

  it('keeps a reporter’s late edit to a filed story as a proposal that an editor accepts', async () => {
    await withDesk(async (desk) => {
      const ana = await desk.person('Ana', 'reporter');
      const bo = await desk.person('Bo', 'editor');
      const id = newId();
      const doc = storyDoc('Flood', ['Water rose.']);
      await uploadStory(desk, ana, id, doc);
      expect((await desk.api('POST', `/api/stories/${id}/moves`, { token: ana, body: { action: 'file' } })).status).toBe(200);
      // Ana wrote offline before she knew it was filed: it arrives on a read-only connection.
      const late = editOf(doc, (d) => appendParagraph(d, 'Late: the bridge closed.'));
      await rawWrite(desk, id, ana, late);
      // Her app sends it again on reconnecting: still one proposal.
      await rawWrite(desk, id, ana, late);
      expect(await serverText(desk, id)).toBe('Water rose.');
      const proposals = await desk.api('GET', `/api/stories/${id}/proposals`, { token: bo });
      expect(proposals.status).toBe(200);
      expect(proposals.body).toHaveLength(1);
      expect(proposals.body[0]).toMatchObject({ author: 'Ana', status: 'open', currentText: 'Water rose.', proposedText: 'Water rose.\nLate: the bridge closed.' });
      expect((await desk.api('GET', `/api/stories/${id}/proposals`, { token: ana })).status).toBe(403);
      expect((await desk.api('POST', `/api/proposals/${proposals.body[0].id}/accept`, { token: ana })).status).toBe(403);
      const accepted = await desk.api('POST', `/api/proposals/${proposals.body[0].id}/accept`, { token: bo });
      expect(accepted.status).toBe(200);
      expect(await serverText(desk, id)).toBe('Water rose.\nLate: the bridge closed.');
      expect((await desk.api('POST', `/api/proposals/${proposals.body[0].id}/reject`, { token: bo })).status).toBe(409);
    });
  });

  it('does not accept a proposal into approved copy', async () => {
    await withDesk(async (desk) => {
      const ana = await desk.person('Ana', 'reporter');
      const bo = await desk.person('Bo', 'editor');
      const id = newId();
      const doc = storyDoc('Fire', ['Smoke.']);
      await uploadStory(desk, ana, id, doc);
      await desk.api('POST', `/api/stories/${id}/moves`, { token: ana, body: { action: 'file' } });
      await rawWrite(desk, id, ana, editOf(doc, (d) => appendParagraph(d, 'Late line.')));
      expect((await desk.api('POST', `/api/stories/${id}/moves`, { token: bo, body: { action: 'approve' } })).status).toBe(200);
      const [proposal] = (await desk.api('GET', `/api/stories/${id}/proposals`, { token: bo })).body;
      const refused = await desk.api('POST', `/api/proposals/${proposal.id}/accept`, { token: bo });
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/reopen it/);
      expect(await serverText(desk, id)).toBe('Smoke.');
    });
  });

  it('refuses a token that expired mid-session when the client connects again, and takes a fresh one', async () => {
    await withDesk(async (desk) => {
      const ana = await desk.person('Ana', 'reporter');
      const claims = (await desk.api('GET', '/api/me', { token: ana })).body;
      const id = newId();
      await uploadStory(desk, ana, id, storyDoc('Expiry', ['One.']));
      const exp = Math.floor(Date.now() / 1000) + 2;
      let current = signToken(desk.identity, { ...claims, exp });
      const failures: string[] = [];
      const reporter = openStory(desk, id, () => current);
      reporter.provider.on('authenticationFailed', ({ reason }: { reason: string }) => failures.push(reason));
      await reporter.authenticated;
      await expect.poll(() => Date.now() / 1000 > exp, { timeout: 10_000 }).toBe(true);
      // Any move makes the client connect again: with the expired token it is told why.
      desk.documents.recheck(id);
      await expect.poll(() => failures.join(' ')).toMatch(/token-expired/);
      expect(desk.logs.some((l) => /refused a connection to story .*expired/.test(l))).toBe(true);
      // The client refreshes its token and authenticates again on the same socket.
      current = ana;
      await reporter.provider.sendToken();
      appendParagraph(reporter.doc, 'After the refresh.');
      await expect.poll(() => serverText(desk, id), { timeout: 10_000 }).toBe('One.\nAfter the refresh.');
      reporter.close();
    });
  });

  it('loses nothing a client had sent across a server restart', async () => {
    let desk = await startTestDesk(postgres);
    try {
      const ana = await desk.person('Ana', 'reporter');
      const id = newId();
      await uploadStory(desk, ana, id, storyDoc('Restart', ['One.']));
      const reporter = openStory(desk, id, ana);
      await reporter.authenticated;
      await expect.poll(() => bodyText(reporter.doc)).toBe('One.');
      appendParagraph(reporter.doc, 'Two.');
      await expect.poll(() => reporter.provider.hasUnsyncedChanges).toBe(false);
      reporter.close();
      desk = await desk.restart();
      expect(await serverText(desk, id)).toBe('One.\nTwo.');
      const again = openStory(desk, id, (await desk.api('POST', '/api/sign-in', { body: { name: 'Ana', password: 'Ana password' } })).body.token);
      await again.authenticated;
      await expect.poll(() => bodyText(again.doc)).toBe('One.\nTwo.');
      again.close();
    } finally {
      await desk.close();
    }
  });

  it('merges what two people wrote while the desk was down, once each, on both sides', async () => {
    let desk = await startTestDesk(postgres);
    try {
      const ana = await desk.person('Ana', 'reporter');
      await desk.person('Bo', 'editor');
      const id = newId();
      await uploadStory(desk, ana, id, storyDoc('Offline', ['Start.']));
      await desk.api('POST', `/api/stories/${id}/moves`, { token: ana, body: { action: 'file' } });
      const bo = (await desk.api('POST', '/api/sign-in', { body: { name: 'Bo', password: 'Bo password' } })).body.token;
      await desk.api('POST', `/api/stories/${id}/moves`, { token: bo, body: { action: 'take' } });
      const cy = await desk.person('Cy', 'editor');
      const first = openStory(desk, id, bo);
      const second = openStory(desk, id, cy);
      await Promise.all([first.authenticated, second.authenticated]);
      await expect.poll(() => [bodyText(first.doc), bodyText(second.doc)]).toEqual(['Start.', 'Start.']);

      await desk.close();
      appendParagraph(first.doc, 'Written by Bo offline.');
      appendParagraph(second.doc, 'Written by Cy offline.');
      desk = await desk.restart();

      const both = (doc: Y.Doc) => bodyText(doc).split('\n').sort();
      const expected = ['Start.', 'Written by Bo offline.', 'Written by Cy offline.'];
      await expect.poll(() => both(first.doc), { timeout: 15_000 }).toEqual(expected);
      await expect.poll(() => both(second.doc), { timeout: 15_000 }).toEqual(expected);
      await expect.poll(async () => (await serverText(desk, id)).split('\n').sort(), { timeout: 15_000 }).toEqual(expected);
      first.close();
      second.close();
    } finally {
      await desk.close();
    }
  });

  it('closes only the connection that sends an update over 5 MB, or a malformed message, and keeps serving others', async () => {
    await withDesk(async (desk) => {
      const ana = await desk.person('Ana', 'reporter');
      const id = newId();
      await uploadStory(desk, ana, id, storyDoc('Big', ['Small.']));
      const steady = openStory(desk, id, ana);
      await steady.authenticated;

      const big = new WebSocket(desk.wsUrl);
      await new Promise((resolve) => big.once('open', resolve));
      const closed = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
      big.send(Buffer.alloc(5 * 1024 * 1024 + 10, 1));
      expect(await closed).toBe(1009);

      const garbage = new WebSocket(desk.wsUrl);
      await new Promise((resolve) => garbage.once('open', resolve));
      const garbageClosed = new Promise<number>((resolve) => garbage.once('close', (code) => resolve(code)));
      garbage.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
      expect(await garbageClosed).toBeGreaterThan(1000);

      appendParagraph(steady.doc, 'Still here.');
      await expect.poll(() => serverText(desk, id)).toBe('Small.\nStill here.');
      expect(desk.logs.some((l) => l.includes('over 5242880 bytes'))).toBe(true);
      steady.close();
    });
  });
});
