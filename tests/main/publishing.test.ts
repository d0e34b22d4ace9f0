import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HtmlValidate } from 'html-validate';
import { parseStoryDocument } from '../../common/document.js';
import { invokeChannel } from '../../main/handlers.js';
import { runCli } from '../../main/cli/index.js';
import { tempNewsroom, by, removedAfterEach } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';
import { fixturePhoto } from '../helpers/fixtures.js';

const cleanups = removedAfterEach();
const outDir = () => cleanups.dataDir('newsroom-export-');

async function approvedStory() {
  const newsroom = tempNewsroom({ platform: { chooseExportFolder: async () => folder } });
  cleanups.push(newsroom.cleanup);
  const folder = outDir();
  const ana = newsroom.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
  const eve = newsroom.profiles.create({ name: 'Eve Editor', roles: ['editor'] });
  const body = parseStoryDocument(doc('The statue was cleaned on Thursday.'));
  const { node } = await newsroom.media.importPhoto('lincoln.jpg', fs.readFileSync(fixturePhoto('iptc-agency-photographer-example.jpg')));
  // The reporter has checked what the photo's file filled in: approval waits for that.
  body.root.children.push({ ...node, alt: 'The seated statue of Abraham Lincoln', fromPhoto: [] });
  let story = newsroom.stories.create(
    { fields: { headline: 'Lincoln gets a wash', byline: ['Ana Lima'], dateline: { place: 'WASHINGTON', date: '2026-11-24' }, standfirst: 'Crews spent a day on the memorial.' }, body: JSON.stringify(body) },
    by(ana),
  );
  story = newsroom.workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
  story = newsroom.workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(eve));
  return { newsroom, story, eve, ana, folder };
}

describe('publishing an approved story', () => {
  it('exports a valid page, marks the story published and records where it went', async () => {
    const { newsroom, story, eve } = await approvedStory();
    newsroom.settings.setCurrentProfileId(eve.id);
    const result = await invokeChannel(newsroom.door, { origin: 'test' }, 'export:story', { id: story.id });
    expect(result).toMatchObject({ ok: true, value: { mode: 'publish', published: true } });
    const value = (result as { ok: true; value: { folder: string } }).value;
    const page = fs.readFileSync(path.join(value.folder, story.slug, 'index.html'), 'utf8');
    expect(page).toContain('<span class="credit">Julie Doe/Mugwum Press</span>');
    const report = await new HtmlValidate({ extends: ['html-validate:recommended', 'html-validate:document'] }).validateString(page);
    expect(report.results.flatMap((r) => r.messages.map((m) => m.message))).toEqual([]);
    expect(newsroom.stories.get(story.id).status).toBe('published');
    const publish = newsroom.workflow.history(story.id).find((e) => e.action === 'publish');
    expect(publish).toMatchObject({ profileName: 'Eve Editor', fromState: 'approved', toState: 'published' });
    expect(publish?.note).toBe(`Exported to ${path.join(value.folder, story.slug, 'index.html')}`);
  });

  it('exports the same revision twice as the same bytes, even after it was marked published', async () => {
    const { newsroom, story, eve } = await approvedStory();
    const first = outDir();
    const second = outDir();
    await newsroom.publishing.exportStory({ ref: story.id, outDir: first }, by(eve));
    await newsroom.publishing.exportStory({ ref: story.id, outDir: second }, by(eve));
    const files = (dir: string) => fs.readdirSync(path.join(dir, story.slug), { recursive: true }).map(String).sort();
    expect(files(second)).toEqual(files(first));
    for (const file of files(first)) {
      const a = path.join(first, story.slug, file);
      if (fs.statSync(a).isFile()) expect(fs.readFileSync(path.join(second, story.slug, file)).equals(fs.readFileSync(a)), file).toBe(true);
    }
  });

  it('refuses a draft as publish-ready and exports it only as a marked preview', async () => {
    const newsroom = tempNewsroom();
    cleanups.push(newsroom.cleanup);
    const draft = newsroom.stories.create({ fields: { headline: 'Not yet' }, body: doc('Draft text.') }, by(null));
    await expect(newsroom.publishing.exportStory({ ref: draft.id, outDir: outDir() }, by(null))).rejects.toThrow(
      /"Not yet" is draft: only an approved story exports as publish-ready/,
    );
    const dir = outDir();
    const preview = await newsroom.publishing.exportStory({ ref: draft.id, outDir: dir, preview: true }, by(null));
    expect(preview.mode).toBe('preview');
    expect(preview.published).toBe(false);
    const page = fs.readFileSync(path.join(dir, draft.slug, 'index.html'), 'utf8');
    expect(page).toMatch(/Preview/);
    expect(page).toContain('noindex');
    expect(newsroom.stories.get(draft.id).status).toBe('draft');
  });

  it('previews the exact page inside the app', async () => {
    const { newsroom, story } = await approvedStory();
    const preview = await invokeChannel(newsroom.door, { origin: 'test' }, 'export:preview', { id: story.id });
    expect(preview).toMatchObject({ ok: true, value: { mode: 'publish' } });
    const html = (preview as { ok: true; value: { html: string } }).value.html;
    expect(html).toContain('<h1>Lincoln gets a wash</h1>');
    // A sandboxed frame cannot load newsroom-media:, so the display copy is inlined.
    expect(html).toMatch(/<img [^>]*src="data:image\/jpeg;base64,/);
    expect(html).not.toContain('newsroom-media:');
  });
});

describe('refusing an export before anything is chosen or written', () => {
  it('refuses a reporter’s publish-ready export before the folder dialog opens', async () => {
    let dialogs = 0;
    const newsroom = tempNewsroom({ platform: { chooseExportFolder: async () => { dialogs += 1; return outDir(); } } });
    cleanups.push(newsroom.cleanup);
    const ana = newsroom.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
    const eve = newsroom.profiles.create({ name: 'Eve Editor', roles: ['editor'] });
    let story = newsroom.stories.create({ fields: { headline: 'Approved', byline: ['Ana Lima'] }, body: doc('Text.') }, by(ana));
    story = newsroom.workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    story = newsroom.workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(eve));
    newsroom.settings.setCurrentProfileId(ana.id);
    const refused = await invokeChannel(newsroom.door, { origin: 'test' }, 'export:story', { id: story.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Only an editor can publish: export it as a preview, or ask an editor' } });
    expect(dialogs).toBe(0);
    const preview = await invokeChannel(newsroom.door, { origin: 'test' }, 'export:story', { id: story.id, preview: true });
    expect(preview).toMatchObject({ ok: true, value: { mode: 'preview', published: false } });
    expect(dialogs).toBe(1);
  });
});

describe('newsroom export', () => {
  async function cli(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('exports one story or every approved one, naming failures and exporting the rest', async () => {
    const { newsroom, story, ana, eve } = await approvedStory();
    // A second approved story whose photo lost its credit after approval cannot publish.
    const body = parseStoryDocument(newsroom.stories.get(story.id).body);
    const photo = body.root.children.find((c) => c.type === 'photo');
    if (photo?.type === 'photo') photo.credit = { ...photo.credit, photographers: [], agency: '' };
    let broken = newsroom.stories.create({ fields: { headline: 'Uncredited', byline: ['Ana Lima'] }, body: doc('Words.') }, by(ana));
    broken = newsroom.workflow.move({ id: broken.id, version: broken.version, action: 'file' }, by(ana));
    broken = newsroom.workflow.move({ id: broken.id, version: broken.version, action: 'approve' }, by(eve));
    newsroom.db.prepare('UPDATE stories SET body = ? WHERE id = ?').run(JSON.stringify(body), broken.id);
    const dataDir = newsroom.dataDir;
    newsroom.close();
    const out = outDir();
    const all = await cli(['export', '--all-approved', '--out', out, '--as', 'Eve Editor', '--data-dir', dataDir]);
    expect(all.code).toBe(1);
    expect(all.out).toContain('exported lincoln-gets-a-wash');
    expect(all.out).toMatch(/FAILED uncredited: "Uncredited" is not ready to publish: .*credit/);
    expect(all.out).toContain('Exported 1 of 2 approved stories');
    expect(fs.existsSync(path.join(out, 'lincoln-gets-a-wash', 'index.html'))).toBe(true);
    const single = outDir();
    const one = await cli(['export', 'lincoln-gets-a-wash', '--out', single, '--single-file', '--data-dir', dataDir]);
    expect(one.code).toBe(0);
    const html = fs.readFileSync(path.join(single, 'lincoln-gets-a-wash.html'), 'utf8');
    expect(html).toMatch(/<img [^>]*src="data:image\/jpeg;base64,/);
    const refused = await cli(['export', 'uncredited', '--out', single, '--preview', '--data-dir', dataDir]);
    expect(refused.code).toBe(0);
    const noOut = await cli(['export', 'lincoln-gets-a-wash', '--data-dir', dataDir]);
    expect(noOut.err).toBe('newsroom: export needs --out DIR (the folder to write to)');
  });
});
