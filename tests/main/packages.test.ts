import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NewsroomError } from '../../common/errors.js';
import { parseStoryDocument, documentText } from '../../common/document.js';
import { readPackage, writePackageBytes } from '../../main/services/packages.js';
import { invokeChannel } from '../../main/handlers.js';
import type { Newsroom } from '../../main/newsroom.js';
import type { Profile } from '../../db/workflow.js';
import { tempNewsroom, by } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';
import { fixturePhoto } from '../helpers/fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

/** Two machines, each with its own data dir: the reporter's laptop and the desk. */
function machines() {
  const field = tempNewsroom();
  const desk = tempNewsroom();
  cleanups.push(field.cleanup, desk.cleanup);
  const ana = field.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
  const eve = desk.profiles.create({ name: 'Eve Editor', roles: ['editor'] });
  return { field, desk, ana, eve };
}

async function storyWithPhotos(n: Newsroom, author: Profile) {
  const body = parseStoryDocument(doc('Water rose overnight in the river villages.'));
  for (const file of ['iptc-agency-photographer-example.jpg', 'iptc-staff-photographer-example.jpg']) {
    const { node } = await n.media.importPhoto(file, fs.readFileSync(fixturePhoto(file)));
    body.root.children.push({ ...node, alt: `Alt for ${file}` });
  }
  return n.stories.create(
    { fields: { headline: 'Floods hit river villages', byline: ['Ana Lima'], dateline: { place: 'KYIV', date: '2026-11-24' } }, body: JSON.stringify(body) },
    by(author),
  );
}

const send = (from: Newsroom, id: string) => from.packages.pack(id).bytes;
const bodyText = (n: Newsroom, id: string) => documentText(parseStoryDocument(n.stories.get(id).body));

describe('story packages between two machines', () => {
  it('carries a story, its photos, notes and moves: reporter → editor → reporter', async () => {
    const { field, desk, ana, eve } = machines();
    let story = await storyWithPhotos(field, ana);
    field.notes.add({ storyId: story.id, text: 'Mayor to call back at 6' }, by(ana));
    story = field.workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    const packed = field.packages.pack(story.id);
    expect(packed.fileName).toBe('floods-hit-river-villages.newsroom');
    // Photos travel as stored, once each.
    const photoBytes = ['iptc-agency-photographer-example.jpg', 'iptc-staff-photographer-example.jpg'].reduce((s, f) => s + fs.statSync(fixturePhoto(f)).size, 0);
    expect(packed.bytes.length).toBeGreaterThan(photoBytes);
    expect(packed.bytes.length).toBeLessThan(photoBytes + 200_000);

    const arrived = await desk.packages.unpack(packed.fileName, packed.bytes);
    expect(arrived.outcome).toBe('created');
    expect(arrived.story.id).toBe(story.id);
    expect(arrived.story.status).toBe('filed');
    expect(desk.workflow.queues().filed).toBe(1);
    expect((await invokeChannel(desk.door, { origin: 'test' }, 'media:list', { id: story.id }))).toMatchObject({ ok: true, value: [{ creditLine: 'Julie Doe/Mugwum Press' }, { creditLine: 'John Doe/Big Newspaper' }] });
    expect(desk.media.count()).toBe(2);
    expect(desk.notes.list(story.id).map((n) => n.text)).toEqual(['Mayor to call back at 6']);
    expect(desk.workflow.history(story.id).map((e) => e.action)).toEqual(['create', 'file']);

    // The desk requests changes and sends it back.
    const taken = desk.workflow.move({ id: story.id, version: arrived.story.version, action: 'take' }, by(eve));
    desk.workflow.move({ id: story.id, version: taken.version, action: 'request-changes', note: 'Add the mayor' }, by(eve));
    const back = await field.packages.unpack('back.newsroom', send(desk, story.id));
    expect(back.outcome).toBe('updated');
    expect(back.story.status).toBe('changes-requested');
    expect(field.notes.list(story.id).map((n) => n.text)).toEqual(['Mayor to call back at 6', 'Add the mayor']);
    // Audit trails merge without duplicates.
    expect(field.workflow.history(story.id).map((e) => e.action)).toEqual(['create', 'file', 'take', 'request-changes']);
    const again = await field.packages.unpack('back.newsroom', send(desk, story.id));
    expect(again.outcome).toBe('same');
    expect(field.workflow.history(story.id)).toHaveLength(4);
  });

  it('leaves the story alone when the package is older than this machine’s copy, and says so', async () => {
    const { field, desk, ana } = machines();
    const story = field.stories.create({ fields: { headline: 'Market day' }, body: doc('Stalls opened.') }, by(ana));
    const first = send(field, story.id);
    await desk.packages.unpack('first.newsroom', first);
    const later = desk.stories.get(story.id);
    desk.stories.save({ id: story.id, version: later.version, body: doc('Stalls opened at dawn.') }, by(null));
    const result = await desk.packages.unpack('first.newsroom', first);
    expect(result.outcome).toBe('older');
    expect(result.message).toMatch(/older than this machine’s copy/);
    expect(bodyText(desk, story.id)).toBe('Stalls opened at dawn.');
  });

  it('keeps both versions when both sides changed the story, and lets a person choose', async () => {
    const { field, desk, ana, eve } = machines();
    let story = field.stories.create({ fields: { headline: 'Bridge' }, body: doc('The bridge closed.') }, by(ana));
    await desk.packages.unpack('a.newsroom', send(field, story.id));
    story = field.stories.save({ id: story.id, version: field.stories.get(story.id).version, body: doc('The bridge closed at noon.') }, by(ana));
    const atDesk = desk.stories.get(story.id);
    desk.stories.save({ id: story.id, version: atDesk.version, body: doc('The old bridge closed.') }, by(eve));
    const result = await desk.packages.unpack('b.newsroom', send(field, story.id));
    expect(result.outcome).toBe('conflict');
    expect(bodyText(desk, story.id)).toBe('The old bridge closed.'); // nothing overwritten
    const conflicted = desk.stories.get(story.id);
    expect(conflicted.conflictRevisionId).not.toBeNull();
    const diff = desk.workflow.diff({ storyId: story.id, from: conflicted.conflictRevisionId as string });
    expect(diff.body.filter((p) => p.op !== 'equal').map((p) => `${p.op}:${p.text.trim()}`)).toEqual(['insert:old', 'delete:at noon']);
    const resolved = await invokeChannel(desk.door, { origin: 'test' }, 'package:resolve', { storyId: story.id, version: conflicted.version, keep: 'incoming' });
    expect(resolved).toMatchObject({ ok: true, value: { conflictRevisionId: null } });
    expect(bodyText(desk, story.id)).toBe('The bridge closed at noon.');
    // Ours is kept as a revision.
    expect(desk.revisions.list(story.id).some((r) => r.reason === 'before-restore')).toBe(true);
  });

  it('checks the moves a package carries against the state machine', async () => {
    const { field, desk, ana } = machines();
    const story = field.stories.create({ fields: { headline: 'Sneaky' }, body: doc('Text.') }, by(ana));
    const { manifest, parts } = readPackage('x', send(field, story.id));
    const part = JSON.parse((parts.get('story.json') as Buffer).toString('utf8'));
    // Forge a jump from draft straight to approved, and re-seal the package.
    part.story.status = 'approved';
    part.audit.push({ ...part.audit[0], id: '01900000-0000-7000-8000-00000000abcd', action: 'approve', fromState: 'draft', toState: 'approved' });
    const { contentHash } = await import('../../main/services/packages.js');
    const forged = writePackageBytes(
      { ...manifest, contentHash: contentHash({ ...part.story }) },
      [{ name: 'story.json', content: Buffer.from(JSON.stringify(part)) }],
    );
    await expect(desk.packages.unpack('forged.newsroom', forged)).rejects.toThrow(/a move the workflow does not allow \("approve" from draft to approved/);
    expect(desk.stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 5, trashed: false }).total).toBe(0);
  });
});

describe('bad package files', () => {
  async function refused(n: Newsroom, name: string, bytes: Buffer): Promise<string> {
    try {
      await n.packages.unpack(name, bytes);
    } catch (error) {
      expect(error).toBeInstanceOf(NewsroomError);
      expect(n.stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 5, trashed: false }).total).toBe(0);
      expect(n.media.count()).toBe(0);
      expect(fs.existsSync(path.join(n.dataDir, 'media', 'originals'))).toBe(false);
      return (error as NewsroomError).message;
    }
    throw new Error('expected the package to be refused');
  }

  it.each([
    ['truncated', (b: Buffer) => b.subarray(0, Math.floor(b.length * 0.7)), /was not opened: the package is truncated/],
    ['tampered', (b: Buffer) => { const c = Buffer.from(b); c[c.length - 100] = (c[c.length - 100] as number) ^ 0xff; return c; }, /checksum does not match/],
    ['not a package', () => Buffer.from('PK\u0003\u0004 this is a zip, not a package'), /is not a Newsroom story package/],
    ['from a newer version', (b: Buffer) => {
      const { manifest, parts } = readPackage('x', b);
      return writePackageBytes({ ...manifest, format: 7 }, [...parts].map(([name, content]) => ({ name, content })));
    }, /package format 7; this app reads format 1/],
    ['empty', () => Buffer.alloc(0), /is not a Newsroom story package/],
  ])('%s: refused with the problem named, nothing changed', async (_name, damage, message) => {
    const { field, desk, ana } = machines();
    const story = await storyWithPhotos(field, ana);
    const bytes = damage(send(field, story.id));
    expect(await refused(desk, 'story.newsroom', bytes)).toMatch(message);
  });

  it('never writes outside the store, whatever paths a package names', async () => {
    const { field, desk, ana } = machines();
    const story = await storyWithPhotos(field, ana);
    const { manifest, parts } = readPackage('x', send(field, story.id));
    const renamed = [...parts].map(([name, content]) => ({ name: name === 'story.json' ? name : `../../../../tmp/evil-${name}`, content }));
    const evil = writePackageBytes(manifest, renamed);
    expect(await refused(desk, 'evil.newsroom', evil)).toMatch(/is missing photo/);
    expect(fs.readdirSync('/tmp').some((f) => f.startsWith('evil-photo'))).toBe(false);
  });
});
