import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NewsroomError } from '../../common/errors.js';
import { parseStoryDocument, documentText } from '../../common/document.js';
import { readPackage, writePackageBytes } from '../../main/services/packages.js';
import { invokeChannel } from '../../main/handlers.js';
import type { Newsroom } from '../../main/newsroom.js';
import type { Profile } from '../../db/workflow.js';
import { tempNewsroom, by, removedAfterEach } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';
import { fixturePhoto } from '../helpers/fixtures.js';

const cleanups = removedAfterEach();

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

// A package's parts as JSON: the tests forge them the way a sender could, field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Forged = any;

/** Opens a packed story, lets `change` edit what it says, and seals it again as a sender could. */
async function tamper(bytes: Buffer, change: (part: Forged, manifest: Forged) => void, extraParts: { name: string; content: Buffer }[] = []): Promise<Buffer> {
  const { contentHash } = await import('../../main/services/packages.js');
  const { manifest, parts } = readPackage('x', bytes);
  const part = JSON.parse((parts.get('story.json') as Buffer).toString('utf8'));
  const m = { ...manifest };
  change(part, m);
  const others = [...parts].filter(([name]) => name !== 'story.json').map(([name, content]) => ({ name, content }));
  return writePackageBytes(
    { format: m.format, createdAt: m.createdAt, storyId: m.storyId, slug: m.slug, baseHash: m.baseHash, contentHash: contentHash({ ...part.story }) },
    [{ name: 'story.json', content: Buffer.from(JSON.stringify(part)) }, ...others, ...extraParts],
  );
}

describe('packages never decide a story’s approval', () => {
  it('a story that says published with no trail arrives as filed, its claim kept in the history', async () => {
    const { field, desk, ana } = machines();
    const story = field.stories.create({ fields: { headline: 'Forged' }, body: doc('Text.') }, by(ana));
    const forged = await tamper(send(field, story.id), (part) => {
      part.story.status = 'published';
      part.audit = [];
    });
    const arrived = await desk.packages.unpack('forged.newsroom', forged);
    expect(arrived.story.status).toBe('filed');
    expect(arrived.message).toMatch(/published.*filed|filed.*published/);
    const history = desk.workflow.history(story.id);
    expect(history.some((e) => e.action === 'arrive' && /published/.test(e.note) && e.viaPackage === 'forged.newsroom')).toBe(true);
  });

  it('a self-approval by an invented editor arrives as filed; the moves are kept, marked as from the package', async () => {
    const { field, desk, ana } = machines();
    const me = field.profiles.create({ name: 'Invented Editor', roles: ['editor'] });
    let story = field.stories.create({ fields: { headline: 'Self approved', byline: ['Ana Lima'] }, body: doc('Text.') }, by(ana));
    story = field.workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    story = field.workflow.move({ id: story.id, version: story.version, action: 'take' }, by(me));
    story = field.workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(me));
    expect(story.status).toBe('approved');
    const arrived = await desk.packages.unpack('self.newsroom', send(field, story.id));
    expect(arrived.story.status).toBe('filed');
    expect(desk.workflow.queues().filed).toBe(1);
    const approve = desk.workflow.history(story.id).find((e) => e.action === 'approve');
    expect(approve).toMatchObject({ profileName: 'Invented Editor', viaPackage: 'self.newsroom' });
    // The desk's own entries are not marked.
    const create = desk.workflow.history(story.id).find((e) => e.action === 'arrive');
    expect(create?.viaPackage).toBe('self.newsroom');
  });

  it('incoming text for an approved story is kept beside it and recorded; the approved text stays', async () => {
    const { field, desk, ana, eve } = machines();
    let story = field.stories.create({ fields: { headline: 'Locked' }, body: doc('Approved words.') }, by(ana));
    story = field.workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    const first = await desk.packages.unpack('a.newsroom', send(field, story.id));
    let atDesk = desk.workflow.move({ id: story.id, version: first.story.version, action: 'take' }, by(eve));
    atDesk = desk.workflow.move({ id: story.id, version: atDesk.version, action: 'approve' }, by(eve));
    expect(atDesk.status).toBe('approved');
    const deskPack = send(desk, story.id);
    // The sender quotes the desk's own version back with new text.
    const rewrite = await tamper(deskPack, (part, manifest) => {
      const body = parseStoryDocument(doc('Rewritten words.'));
      part.story.body = JSON.stringify(body);
      manifest.baseHash = manifest.contentHash;
    });
    const result = await desk.packages.unpack('rewrite.newsroom', rewrite);
    expect(result.outcome).toBe('conflict');
    expect(bodyText(desk, story.id)).toBe('Approved words.');
    const now = desk.stories.get(story.id);
    expect(now.status).toBe('approved');
    expect(now.conflictRevisionId).not.toBeNull();
    expect(desk.workflow.history(story.id).some((e) => e.action === 'arrive' && e.viaPackage === 'rewrite.newsroom' && /approved/.test(e.note))).toBe(true);
    // Taking the incoming text waits for an editor to reopen the story.
    const taken = await invokeChannel(desk.door, { origin: 'test' }, 'package:resolve', { storyId: story.id, version: now.version, keep: 'incoming' });
    expect(taken).toMatchObject({ ok: false });
    expect(bodyText(desk, story.id)).toBe('Approved words.');
  });
});

describe('every field a package brings is checked', () => {
  it('a refused package leaves no photo in the store', async () => {
    const { field, desk, ana } = machines();
    const story = await storyWithPhotos(field, ana);
    // A second photo whose bytes match its id but are no image: refused after the first is read.
    const junk = Buffer.from('not an image at all, but its checksum is right');
    const { createHash } = await import('node:crypto');
    const junkId = createHash('sha256').update(junk).digest('hex');
    const bad = await tamper(send(field, story.id), (part) => {
      const body = JSON.parse(part.story.body);
      const photo = body.root.children.find((c: { type: string }) => c.type === 'photo');
      body.root.children.push({ ...photo, photoId: junkId });
      part.story.body = JSON.stringify(body);
    }, [{ name: `photo-${junkId}`, content: junk }]);
    await expect(desk.packages.unpack('bad.newsroom', bad)).rejects.toThrow(NewsroomError);
    expect(desk.media.count()).toBe(0);
    const originals = path.join(desk.dataDir, 'media', 'originals');
    const files = fs.existsSync(originals) ? fs.readdirSync(originals, { recursive: true }).filter((f) => fs.statSync(path.join(originals, String(f))).isFile()) : [];
    expect(files).toEqual([]);
  });

  it.each([
    ['a slug that names a path', (p: Forged) => { p.story.slug = '../../pwned-slug'; }, /slug/i],
    ['a creation date that is no date', (p: Forged) => { p.story.createdAt = 'yesterday'; }, /date|time/i],
    ['a move between states that do not exist', (p: Forged) => { p.audit.push({ ...p.audit[0], id: '01900000-0000-7000-8000-00000000abce', action: 'create', fromState: null, toState: 'root' }); }, /history|story/i],
    ['a revision with an unknown reason', (p: Forged) => { p.revisions.push({ ...p.revisions[0], id: '01900000-0000-7000-8000-00000000abcf', reason: 'forged' }); }, /revision|story/i],
    ['a note by an author with a path for an id', (p: Forged) => { p.notes.push({ id: '01900000-0000-7000-8000-00000000abd0', storyId: p.story.id, authorId: '../x', authorName: 'X', kind: 'note', text: 't', anchor: null, createdAt: '2026-01-01T00:00:00.000Z', resolvedAt: null, resolvedBy: null }); }, /note|story/i],
  ])('%s is refused, nothing stored', async (_name, change, message) => {
    const { field, desk, ana } = machines();
    const story = field.stories.create({ fields: { headline: 'Fields' }, body: doc('Text.') }, by(ana));
    field.stories.save({ id: story.id, version: story.version, body: doc('Text two.') }, by(ana));
    field.revisions.create(story.id);
    const bytes = await tamper(send(field, story.id), change);
    await expect(desk.packages.unpack('fields.newsroom', bytes)).rejects.toThrow(message);
    expect(desk.stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 5, trashed: false }).total).toBe(0);
  });
});

describe('a package whose table of contents is too big', () => {
  it('is reported as too big, not as truncated', async () => {
    const { desk } = machines();
    const magic = Buffer.from('NEWSROOM-PACKAGE\n', 'ascii');
    const length = Buffer.alloc(4);
    const manifestBytes = 2_000_000;
    length.writeUInt32BE(manifestBytes);
    const bytes = Buffer.concat([magic, length, Buffer.alloc(manifestBytes + 32, 0x20)]);
    const error = await desk.packages.unpack('big.newsroom', bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NewsroomError);
    expect((error as Error).message).toMatch(/table of contents is 2\.0 MB, over the 1 MB/);
    expect((error as Error).message).not.toMatch(/truncated/);
  });
});

describe('approved here, the same text back from the reporter', () => {
  it('is the same story: nothing kept beside it, still approved', async () => {
    const { field, desk, ana, eve } = machines();
    let story = field.stories.create({ fields: { headline: 'Round trip' }, body: doc('Words.') }, by(ana));
    story = field.workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    const first = await desk.packages.unpack('a.newsroom', send(field, story.id));
    const atDesk = desk.workflow.move({ id: story.id, version: first.story.version, action: 'take' }, by(eve));
    desk.workflow.move({ id: story.id, version: atDesk.version, action: 'approve' }, by(eve));
    // The reporter gets it (as filed: a package never approves) and sends it back unchanged.
    const atField = await field.packages.unpack('b.newsroom', send(desk, story.id));
    expect(atField.story.status).toBe('filed');
    const back = await desk.packages.unpack('c.newsroom', send(field, story.id));
    expect(back.outcome).toBe('same');
    expect(desk.stories.get(story.id)).toMatchObject({ status: 'approved', conflictRevisionId: null });
  });
});
