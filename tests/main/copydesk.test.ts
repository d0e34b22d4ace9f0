import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentPhotos, parseStoryDocument } from '../../common/document.js';
import { invokeChannel } from '../../main/handlers.js';
import { runCli } from '../../main/cli/index.js';
import { STYLE_FILE } from '../../main/services/houseStyle.js';
import { by, removedAfterEach } from '../helpers/dataDir.js';
import { FIXTURE_ARTICLES, FIXTURE_DOCX } from '../helpers/fixtures.js';

const cleanups = removedAfterEach();
const newsroom = () => cleanups.newsroom();
const bytesOf = (file: string) => new Uint8Array(fs.readFileSync(file));

describe('importing copy through the app', () => {
  it('turns the river-villages wire copy into one draft and reports what it removed', async () => {
    const n = newsroom();
    const result = await invokeChannel(n.door, { origin: 'test' }, 'import:file', { name: 'river-villages.txt', bytes: bytesOf(path.join(FIXTURE_ARTICLES, 'river-villages.txt')) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { story, report } = result.value as { story: { id: string; headline: string; dateline: { place: string }; status: string }; report: { removed: { text: string }[] } };
    expect(story.headline).toBe('Floodwaters cut off river villages as crews race the next storm');
    expect(story.dateline.place).toBe('SANTA CRUZ DO SUL, Brazil');
    expect(story.status).toBe('draft');
    expect(report.removed.map((r) => r.text)).toEqual(['Read more: How the 2024 floods reshaped the region', 'Share this article']);
    const photos = documentPhotos(parseStoryDocument(n.stories.get(story.id).body));
    expect(photos.map((p) => [p.photoId, p.credit.photographers, p.credit.agency])).toEqual([['', ['Carlos Mendes'], 'Agência Sul']]);
  });

  it('stores a Word file’s picture as a photo and its comments as notes', async () => {
    const n = newsroom();
    const picture = await n.imports.importFile(path.join(FIXTURE_DOCX, 'tiny-picture.docx'), by(null));
    expect(picture.photos.stored).toBe(1);
    const [photo] = documentPhotos(parseStoryDocument(picture.story.body));
    expect(photo?.photoId).toMatch(/^[0-9a-f]{64}$/);
    const comments = await n.imports.importFile(path.join(FIXTURE_DOCX, 'comments.docx'), by(null));
    expect(comments.notes).toBeGreaterThan(0);
    expect(n.notes.list(comments.story.id).every((note) => note.kind === 'comment')).toBe(true);
  });

  it('refuses a bad file by name and writes nothing', async () => {
    const n = newsroom();
    const result = await invokeChannel(n.door, { origin: 'test' }, 'import:file', { name: 'report.docx', bytes: new TextEncoder().encode('not a zip at all') });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/^report\.docx: /) } });
    expect(n.stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 5, trashed: false }).total).toBe(0);
  });
});

describe('the house style on the copy desk', () => {
  it('finds the river-villages slips, keeps ignores with the story and counts them in the checklist', async () => {
    const n = newsroom();
    const { story } = await n.imports.importFile(path.join(FIXTURE_ARTICLES, 'river-villages.txt'), by(null));
    const first = n.houseStyle.check(story.id);
    const rules = first.findings.map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['repeated-word', 'double-space', 'sentence-case', 'mixed-quotes']));
    const twelve = first.findings.find((f) => f.rule === 'numbers');
    expect(twelve?.suggestion).toBe('12');
    await invokeChannel(n.door, { origin: 'test' }, 'style:ignore', { storyId: story.id, findingId: twelve!.id, ignore: true });
    const after = n.houseStyle.check(story.id);
    expect(after.ignored).toBe(1);
    expect(after.findings.map((f) => f.id)).not.toContain(twelve!.id);
    const checklist = await invokeChannel(n.door, { origin: 'test' }, 'workflow:checklist', { id: story.id });
    expect(checklist).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ id: 'house-style', ok: false, problems: [{ message: `${after.findings.length} house-style findings open`, target: { field: 'body' } }] })]) });
  });

  it('reads the newsroom’s own style file, and explains a broken one', async () => {
    const n = newsroom();
    const story = n.stories.create({ fields: { headline: 'Talks in Kiev' } }, by(null));
    expect(n.houseStyle.check(story.id).findings.map((f) => f.suggestion)).toContain('Kyiv');
    const style = n.houseStyle.style();
    fs.writeFileSync(path.join(n.dataDir, STYLE_FILE), JSON.stringify({ ...style, terms: [] }));
    expect(n.houseStyle.check(story.id).findings.map((f) => f.rule)).not.toContain('preferred-term');
    fs.writeFileSync(path.join(n.dataDir, STYLE_FILE), '{ not json');
    const broken = await invokeChannel(n.door, { origin: 'test' }, 'style:check', { id: story.id });
    expect(broken).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringContaining('house-style.json: The house style file is not valid JSON') } });
  });

  it('imports and checks from the command line', async () => {
    const n = newsroom();
    const dir = n.dataDir;
    n.close();
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: {} };
    const code = await runCli(['import', path.join(FIXTURE_ARTICLES, 'council-budget.md'), path.join(FIXTURE_DOCX, 'empty.docx'), '--data-dir', dir], io);
    expect(code).toBe(1);
    expect(out[0]).toMatch(/^Imported .*council-budget\.md as /);
    expect(err).toEqual([expect.stringMatching(/^newsroom: empty\.docx: /)]);
    out.length = 0;
    const list: string[] = [];
    await runCli(['list', '--json', '--data-dir', dir], { ...io, out: (l) => list.push(l) });
    const [imported] = JSON.parse(list.join('\n')) as { id: string }[];
    const check = await runCli(['check', imported!.id, '--json', '--data-dir', dir], io);
    const { findings } = JSON.parse(out.join('\n')) as { findings: unknown[] };
    // Exit code 3 says the story has open findings, so scripts can stop on it.
    expect(check).toBe(findings.length > 0 ? 3 : 0);
  });
});
