import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/index.js';
import { databasePath } from '../../db/open.js';
import { removedAfterEach } from '../helpers/dataDir.js';

const cleanups = removedAfterEach();
const dataDir = () => cleanups.dataDir();

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('newsroom CLI', () => {
  it('creates, lists, shows, searches and lists revisions, in text and JSON', async () => {
    const dir = dataDir();
    const bodyFile = path.join(dir, 'body.txt');
    fs.writeFileSync(bodyFile, 'Water rose overnight in the river villages.\n\nThe mayor said help was coming.');
    const created = await cli(['new', '--headline', 'Floods hit river villages', '--byline', 'Ana Lima, Tom Ruiz', '--body-file', bodyFile, '--json', '--data-dir', dir]);
    expect(created.code).toBe(0);
    const story = JSON.parse(created.out) as { id: string; slug: string; wordCount: number; byline: string[] };
    expect(story.slug).toBe('floods-hit-river-villages');
    expect(story.wordCount).toBe(13);
    expect(story.byline).toEqual(['Ana Lima', 'Tom Ruiz']);

    const list = await cli(['list', '--data-dir', dir]);
    expect(list.out).toContain('Floods hit river villages');
    expect(JSON.parse((await cli(['list', '--json', '--data-dir', dir])).out)).toHaveLength(1);

    const shown = await cli(['show', 'floods-hit-river-villages', '--data-dir', dir]);
    expect(shown.out).toContain('By Ana Lima and Tom Ruiz');
    expect(shown.out).toContain('The mayor said help was coming.');

    const search = await cli(['search', 'mayor', '--data-dir', dir]);
    expect(search.out).toContain('[mayor]');
    const hits = JSON.parse((await cli(['search', 'mayor', '--json', '--data-dir', dir])).out) as { story: { id: string } }[];
    expect(hits[0]?.story.id).toBe(story.id);

    const revisions = JSON.parse((await cli(['revisions', story.id, '--json', '--data-dir', dir])).out);
    expect(Array.isArray(revisions)).toBe(true);
  });

  it('uses NEWSROOM_DATA_DIR when --data-dir is not given', async () => {
    const dir = dataDir();
    expect((await cli(['new', '--headline', 'From the environment'], { NEWSROOM_DATA_DIR: dir })).code).toBe(0);
    expect(fs.existsSync(databasePath(dir))).toBe(true);
  });

  it('answers bad input with one line and a non-zero exit', async () => {
    const dir = dataDir();
    const cases: [string[], RegExp][] = [
      [['frobnicate', '--data-dir', dir], /unknown command "frobnicate"/],
      [['new', '--data-dir', dir], /needs --headline/],
      [['show', 'no-such-story', '--data-dir', dir], /No story with id or slug "no-such-story"/],
      [['new', '--headline', 'x', '--body-file', path.join(dir, 'missing.txt'), '--data-dir', dir], /cannot read --body-file .*ENOENT/],
      [['new', '--headline', 'x', '--language', 'English!', '--data-dir', dir], /Language must be a code/],
      [['list', '--colour', '--data-dir', dir], /Unknown option '--colour'/],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.err.split('\n')).toHaveLength(1);
      expect(result.err).toMatch(message);
    }
  });

  it('says so when the data dir holds something that is not a database, and leaves it alone', async () => {
    const dir = dataDir();
    fs.writeFileSync(databasePath(dir), 'not a database');
    const result = await cli(['list', '--data-dir', dir]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/is not an SQLite database.*has not been changed/);
    expect(fs.readFileSync(databasePath(dir), 'utf8')).toBe('not a database');
  });
});

describe('the installed newsroom command', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-main.mjs', '--cli-only']);
  });

  it('runs as a process through bin/newsroom.js', () => {
    const dir = dataDir();
    const help = spawnSync(process.execPath, ['bin/newsroom.js', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/newsroom list/);
    const created = spawnSync(process.execPath, ['bin/newsroom.js', 'new', '--headline', 'Process test', '--json', '--data-dir', dir], { encoding: 'utf8' });
    expect(created.status).toBe(0);
    expect(JSON.parse(created.stdout).headline).toBe('Process test');
    const bad = spawnSync(process.execPath, ['bin/newsroom.js', 'show', 'nothing', '--data-dir', dir], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('newsroom photos and add-photo', () => {
  it('adds photos at the end of a story and lists what each lacks', async () => {
    const { fixturePhoto } = await import('../helpers/fixtures.js');
    const dir = dataDir();
    const story = JSON.parse((await cli(['new', '--headline', 'Lincoln at dusk', '--json', '--data-dir', dir])).out) as { id: string };
    const agency = await cli(['add-photo', story.id, fixturePhoto('iptc-agency-photographer-example.jpg'), '--alt', 'The seated Lincoln statue', '--data-dir', dir]);
    expect(agency.code).toBe(0);
    expect(agency.out).toBe('Added photo 1 to lincoln-at-dusk: Julie Doe/Mugwum Press');
    const bare = await cli(['add-photo', story.id, fixturePhoto('noexif.jpg'), '--caption', 'The memorial at night.', '--credit', 'Ana Lima/Agência Sul', '--data-dir', dir]);
    expect(bare.out).toBe('Added photo 2 to lincoln-at-dusk: Ana Lima/Agência Sul; still missing: alt text');
    const listed = await cli(['photos', story.id, '--data-dir', dir]);
    expect(listed.out).toContain('Photo 2  MISSING: alt text');
    expect(listed.out).toContain("taken from the photo's metadata, to check: caption, photographers, agency, copyright, usageTerms");
    const json = JSON.parse((await cli(['photos', story.id, '--json', '--data-dir', dir])).out) as { number: number; missing: string[]; credit: { photographers: string[] } }[];
    expect(json.map((p) => [p.number, p.missing])).toEqual([[1, []], [2, ['alt']]]);
    expect(json[1]?.credit.photographers).toEqual(['Ana Lima']);

    const notPhoto = path.join(dir, 'memo.jpg');
    fs.writeFileSync(notPhoto, 'plain words');
    const refused = await cli(['add-photo', story.id, notPhoto, '--data-dir', dir]);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('newsroom: memo.jpg was not added: it is not a JPEG, PNG, WebP, GIF, TIFF or AVIF image (whatever its name says)');
    expect(JSON.parse((await cli(['photos', story.id, '--json', '--data-dir', dir])).out)).toHaveLength(2);
  });
});

describe('review moves from the command line', () => {
  it('files, requests changes, refiles, diffs and approves under the same rules as the app', async () => {
    const dir = dataDir();
    const run = (...args: string[]) => cli([...args, '--data-dir', dir]);
    expect((await run('profiles', 'add', 'Ana Lima', '--role', 'reporter')).out).toBe('Added Ana Lima (reporter)');
    expect((await run('profiles', 'add', 'Eve Editor', '--role', 'editor')).code).toBe(0);
    const bodyFile = path.join(dir, 'body.txt');
    fs.writeFileSync(bodyFile, 'Water rose overnight.');
    const story = JSON.parse((await run('new', '--headline', 'Floods', '--byline', 'Ana Lima', '--body-file', bodyFile, '--json')).out) as { id: string };

    expect((await run('file', story.id, '--as', 'Ana Lima')).out).toBe('floods: Draft → Filed (by Ana Lima)');
    const reporterApproves = await run('approve', story.id, '--as', 'Ana Lima');
    expect(reporterApproves.code).toBe(1);
    expect(reporterApproves.err).toBe('newsroom: Only an editor can approve');
    const noNote = await run('request-changes', story.id, '--as', 'Eve Editor');
    expect(noNote.err).toMatch(/Request changes needs a note/);
    expect((await run('request-changes', story.id, '--as', 'Eve Editor', '--note', 'Add the mayor')).code).toBe(0);
    // The change request is a note: it is resolved before approval, from the command line too.
    const notes = JSON.parse((await run('notes', story.id, '--json')).out) as { id: string; kind: string; resolvedAt: string | null }[];
    expect(notes).toMatchObject([{ kind: 'change-request', resolvedAt: null }]);
    expect((await run('resolve-note', (notes[0] as { id: string }).id, '--as', 'Ana Lima')).out).toBe('Resolved change-request “Add the mayor” (by Ana Lima)');
    expect((await run('move', story.id, 'file', '--as', 'Ana Lima')).code).toBe(0);
    expect((await run('move', story.id, 'publish', '--as', 'Eve Editor')).err).toBe('newsroom: A story is published by exporting it: use Export');
    expect((await run('move', story.id, 'fly', '--as', 'Eve Editor')).err).toMatch(/"fly" is not a move/);
    expect((await run('approve', story.id, '--as', 'Nobody')).err).toMatch(/No profile called "Nobody": known profiles are Ana Lima, Eve Editor/);

    const checklist = await run('checklist', story.id);
    expect(checklist.out).toContain('! Dateline present (recommended)');
    expect((await run('approve', story.id, '--as', 'Eve Editor')).out).toBe('floods: Filed → Approved (by Eve Editor)');
    const history = JSON.parse((await run('history', story.id, '--json')).out) as { action: string; profileName: string }[];
    expect(history.map((e) => `${e.action} by ${e.profileName}`)).toEqual([
      'create by Ana Lima', // the first profile added is the current one
      'file by Ana Lima',
      'request-changes by Eve Editor',
      'file by Ana Lima',
      'approve by Eve Editor',
    ]);
    expect((await run('history', story.id)).out).toContain('“Add the mayor”');
    const diff = await run('diff', story.id);
    expect(diff.out).toMatch(/^From: As filed by Ana Lima/);
    expect(diff.out).toContain('No changes.');
  });
});

describe('newsroom pack and unpack', () => {
  it('moves a story between two data dirs and refuses a damaged package', async () => {
    const field = dataDir();
    const desk = dataDir();
    const story = JSON.parse((await cli(['new', '--headline', 'From the field', '--json', '--data-dir', field])).out) as { id: string };
    const file = path.join(field, 'from-the-field.newsroom');
    expect((await cli(['pack', story.id, '--out', file, '--data-dir', field])).out).toMatch(/^Packed into .*from-the-field\.newsroom/);
    const opened = JSON.parse((await cli(['unpack', file, '--json', '--data-dir', desk])).out) as { outcome: string; story: { id: string } };
    expect(opened).toMatchObject({ outcome: 'created', story: { id: story.id } });
    expect((await cli(['unpack', file, '--data-dir', desk])).out).toMatch(/^same: /);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 10));
    const refused = await cli(['unpack', file, '--data-dir', desk]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^newsroom: from-the-field\.newsroom was not opened: the package is truncated/);
  });
});

describe('newsroom backup, backups, verify and restore', () => {
  it('backs up, lists, verifies, and restores a damaged store from the command line', async () => {
    const dir = dataDir();
    await cli(['new', '--headline', 'Worth keeping', '--data-dir', dir]);
    const backup = await cli(['backup', '--data-dir', dir]);
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/^Backed up to .*backups.*\.db/);
    const list = JSON.parse((await cli(['backups', '--json', '--data-dir', dir])).out) as { file: string; reason: string }[];
    expect(list).toHaveLength(1);
    expect(list[0]?.reason).toBe('manual');
    expect((await cli(['verify', '--data-dir', dir])).out).toMatch(/^OK: .* passed its integrity check, 1 stories/);
    // Damage the store: the header goes.
    const file = databasePath(dir);
    for (const sidecar of ['-wal', '-shm']) fs.rmSync(file + sidecar, { force: true });
    const bytes = fs.readFileSync(file);
    bytes.fill(0, 0, 100);
    fs.writeFileSync(file, bytes);
    const verify = await cli(['verify', '--data-dir', dir]);
    expect(verify.code).toBe(1);
    expect(verify.out).toMatch(/^PROBLEMS in /);
    const listed = await cli(['list', '--data-dir', dir]);
    expect(listed.err).toMatch(/is not an SQLite database.*The newest backup is/);
    const restored = await cli(['restore', list[0]!.file, '--data-dir', dir]);
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/The store it replaced is kept at .*newsroom-damaged-.*\(it was damaged\)/);
    expect((await cli(['list', '--data-dir', dir])).out).toContain('Worth keeping');
  });
});

describe('newsroom and the disk (issue 11)', () => {
  it('packing onto a folder says there is a folder there, not a raw EISDIR', async () => {
    const field = dataDir();
    const story = JSON.parse((await cli(['new', '--headline', 'Onto a folder', '--json', '--data-dir', field])).out) as { id: string };
    const folder = path.join(field, 'a-folder.newsroom');
    fs.mkdirSync(folder);
    const result = await cli(['pack', story.id, '--out', folder, '--data-dir', field]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/folder where a file was expected.*Choose a file name/);
    expect(result.err).not.toMatch(/EISDIR|unexpected problem/);
  });
});
