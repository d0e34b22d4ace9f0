import crypto from 'node:crypto';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids.js';
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

const move = (desk: TestDesk, token: string, id: string, action: string, extra: Record<string, unknown> = {}) =>
  desk.api('POST', `/api/stories/${id}/moves`, { token, body: { action, ...extra } });

describe('workflow moves on the desk', () => {
  it('moves a story through the state machine with one audit row per move, and refuses the rest with the reason', async () => {
    await withDesk(async (desk) => {
      const ana = await desk.person('Ana', 'reporter');
      const bo = await desk.person('Bo', 'editor');
      const id = newId();
      await uploadStory(desk, ana, id, storyDoc('Budget', ['Text.']));
      const early = await move(desk, bo, id, 'approve');
      expect(early.status).toBe(409);
      expect(early.body.error.message).toMatch(/draft cannot be moved with "Approve"/);
      const byReporter = await move(desk, ana, id, 'take');
      expect(byReporter.status).toBe(409);
      expect((await move(desk, ana, id, 'file')).body.story.state).toBe('filed');
      const notMine = await move(desk, ana, id, 'take');
      expect(notMine.status).toBe(403);
      expect(notMine.body.error.message).toMatch(/Only an editor/);
      expect((await move(desk, bo, id, 'take')).body.story.state).toBe('in-edit');
      const noNote = await move(desk, bo, id, 'request-changes');
      expect(noNote.status).toBe(400);
      expect((await move(desk, bo, id, 'request-changes', { note: 'Add the mayor’s reply' })).body.story.state).toBe('changes-requested');
      const audit = await desk.api('GET', `/api/stories/${id}/audit`, { token: bo });
      expect(audit.body.map((a: { action: string; to: string; actor: string }) => [a.actor, a.action, a.to])).toEqual([
        ['Ana', 'upload', 'draft'],
        ['Ana', 'file', 'filed'],
        ['Bo', 'take', 'in-edit'],
        ['Bo', 'request-changes', 'changes-requested'],
      ]);
    });
  });

  it('lets one of two editors approving at once win; the other is told (409)', async () => {
    await withDesk(async (desk) => {
      const ana = await desk.person('Ana', 'reporter');
      const bo = await desk.person('Bo', 'editor');
      const cy = await desk.person('Cy', 'editor');
      const id = newId();
      await uploadStory(desk, ana, id, storyDoc('Race', ['Text.']));
      await move(desk, ana, id, 'file');
      const answers = await Promise.all([move(desk, bo, id, 'approve'), move(desk, cy, id, 'approve')]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)?.body.error.message).toMatch(/approved cannot be moved with "Approve"/);
      const approvals = await desk.database.pool.query('SELECT count(*)::int AS n FROM approvals WHERE story_id = $1', [id]);
      expect(approvals.rows[0].n).toBe(1);
    });
  });

  it('closes the story’s connections on a move, so each client re-checks: the reporter becomes read-only when filing', async () => {
    await withDesk(async (desk) => {
      const ana = await desk.person('Ana', 'reporter');
      const bo = await desk.person('Bo', 'editor');
      const id = newId();
      await uploadStory(desk, ana, id, storyDoc('Live', ['One.']));
      const scopes: string[] = [];
      const reporter = openStory(desk, id, ana);
      reporter.provider.on('authenticated', ({ scope }: { scope: string }) => scopes.push(scope));
      expect((await reporter.authenticated).readOnly).toBe(false);
      await move(desk, ana, id, 'file');
      await expect.poll(() => scopes).toContain('readonly');
      const editor = openStory(desk, id, bo);
      expect((await editor.authenticated).readOnly).toBe(false);
      await expect.poll(() => bodyText(editor.doc)).toBe('One.');
      appendParagraph(editor.doc, 'Edited on the desk.');
      await expect.poll(() => bodyText(reporter.doc)).toBe('One.\nEdited on the desk.');
      reporter.close();
      editor.close();
    });
  });

  it('freezes the exact doc and its derived JSON on approval; nobody writes approved copy', async () => {
    await withDesk(async (desk) => {
      const ana = await desk.person('Ana', 'reporter');
      const bo = await desk.person('Bo', 'editor');
      const id = newId();
      await uploadStory(desk, ana, id, storyDoc('Frozen', ['Approved words.']));
      await move(desk, ana, id, 'file');
      const approved = await move(desk, bo, id, 'approve');
      expect(approved.status).toBe(200);
      const snapshot = await desk.api('GET', `/api/stories/${id}/approved`, { token: ana });
      expect(snapshot.body.derived).toMatchObject({ headline: 'Frozen', text: 'Approved words.' });
      expect(snapshot.body.approvedBy).toBe('Bo');
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Buffer.from(snapshot.body.state, 'base64'));
      expect(bodyText(doc)).toBe('Approved words.');
      const editor = openStory(desk, id, bo);
      expect((await editor.authenticated).readOnly).toBe(true);
      editor.close();
      // Reopened and edited, the approval snapshot stays what was approved.
      await move(desk, bo, id, 'reopen', { note: 'Fix a name' });
      const again = openStory(desk, id, bo);
      expect((await again.authenticated).readOnly).toBe(false);
      await expect.poll(() => bodyText(again.doc)).toBe('Approved words.');
      appendParagraph(again.doc, 'Added after.');
      await expect.poll(async () => (await desk.api('GET', `/api/stories/${id}`, { token: bo })).status).toBe(200);
      again.close();
      expect((await desk.api('GET', `/api/stories/${id}/approved`, { token: ana })).body.derived.text).toBe('Approved words.');
    });
  });

  it('makes a move sent twice with one request id exactly once', async () => {
    await withDesk(async (desk) => {
      const ana = await desk.person('Ana', 'reporter');
      const id = newId();
      await uploadStory(desk, ana, id, storyDoc('Outbox', ['Text.']));
      const first = await move(desk, ana, id, 'file', { requestId: 'req-1' });
      const replay = await move(desk, ana, id, 'file', { requestId: 'req-1' });
      expect(first.status).toBe(200);
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({ replayed: true, auditId: first.body.auditId });
      const files = await desk.database.pool.query("SELECT count(*)::int AS n FROM audit WHERE story_id = $1 AND action = 'file'", [id]);
      expect(files.rows[0].n).toBe(1);
    });
  });
});

describe('the desk list, search, notes and photos', () => {
  it('lists stories with counts per state and finds them by their words', async () => {
    await withDesk(async (desk) => {
      const ana = await desk.person('Ana', 'reporter');
      const one = newId();
      const two = newId();
      await uploadStory(desk, ana, one, storyDoc('Harbour dredging', ['The harbour will be dredged in spring.']));
      await uploadStory(desk, ana, two, storyDoc('School meals', ['Free lunches for every pupil.']));
      await move(desk, ana, two, 'file');
      const list = await desk.api('GET', '/api/stories', { token: ana });
      expect(list.body.counts).toMatchObject({ draft: 1, filed: 1, approved: 0 });
      expect((await desk.api('GET', '/api/stories?state=filed', { token: ana })).body.stories.map((s: { id: string }) => s.id)).toEqual([two]);
      expect((await desk.api('GET', '/api/queues', { token: ana })).body).toMatchObject({ draft: 1, filed: 1 });
      const found = await desk.api('GET', `/api/search?q=${encodeURIComponent('lunches pupil')}`, { token: ana });
      expect(found.body.map((s: { id: string }) => s.id)).toEqual([two]);
      expect((await desk.api('GET', '/api/search?q=dredged', { token: ana })).body.map((s: { id: string }) => s.id)).toEqual([one]);
      expect((await desk.api('GET', '/api/stories?state=lost', { token: ana })).status).toBe(400);
    });
  });

  it('keeps notes on a story and photos by their content hash', async () => {
    await withDesk(async (desk) => {
      const ana = await desk.person('Ana', 'reporter');
      const bo = await desk.person('Bo', 'editor');
      const id = newId();
      await uploadStory(desk, ana, id, storyDoc('Notes', ['Text.']));
      const note = await desk.api('POST', `/api/stories/${id}/notes`, { token: bo, body: { body: 'Check the figures' } });
      expect(note.status).toBe(201);
      await desk.api('POST', `/api/notes/${note.body.id}/resolve`, { token: ana });
      const notes = await desk.api('GET', `/api/stories/${id}/notes`, { token: ana });
      expect(notes.body).toHaveLength(1);
      expect(notes.body[0]).toMatchObject({ body: 'Check the figures', author: 'Bo' });
      expect(notes.body[0].resolvedAt).not.toBeNull();

      const bytes = crypto.randomBytes(2048);
      const hash = crypto.createHash('sha256').update(bytes).digest('hex');
      expect((await desk.api('PUT', `/api/photos/${hash}`, { token: ana, raw: bytes })).status).toBe(201);
      const damaged = await desk.api('PUT', `/api/photos/${'0'.repeat(64)}`, { token: ana, raw: bytes });
      expect(damaged.status).toBe(400);
      expect(damaged.body.error.message).toMatch(/damaged/);
      const fetched = await fetch(`${desk.url}/api/photos/${hash}`, { headers: { authorization: `Bearer ${bo}` } });
      expect(Buffer.from(await fetched.arrayBuffer()).equals(bytes)).toBe(true);
    });
  });

  it('answers a malformed API body with 400 and what to send, and keeps serving', async () => {
    await withDesk(async (desk) => {
      const ana = await desk.person('Ana', 'reporter');
      const notJson = await desk.api('POST', '/api/sign-in', { body: '{"name": ' });
      expect(notJson.status).toBe(400);
      expect(notJson.body.error.message).toMatch(/not JSON/);
      const wrongShape = await desk.api('POST', '/api/stories', { token: ana, body: { id: 42 } });
      expect(wrongShape.status).toBe(400);
      expect(wrongShape.body.error.message).toMatch(/id/);
      const notYjs = await desk.api('POST', '/api/stories', { token: ana, body: { id: newId(), state: Buffer.from('nonsense bytes').toString('base64') } });
      expect(notYjs.status).toBe(400);
      expect(notYjs.body.error.message).toMatch(/not a Yjs document update/);
      expect((await desk.api('GET', '/health')).status).toBe(200);
    });
  });
});
