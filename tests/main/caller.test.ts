/** Who asked and from where: the caller context every handler takes, as the audit trail records it. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/index.js';
import { invokeChannel } from '../../main/handlers.js';
import { openNewsroom } from '../../main/newsroom.js';
import { tempDataDir, tempNewsroom, removedAfterEach } from '../helpers/dataDir.js';

const cleanups = removedAfterEach();

async function cli(dir: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--data-dir', dir], { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the caller context', () => {
  it('records a command-line move with origin cli and the person named by --as, not the profile at work', async () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    await cli(dir, 'profiles', 'add', 'Ana Lima', '--role', 'reporter');
    await cli(dir, 'profiles', 'add', 'Eve Editor', '--role', 'editor');
    const body = path.join(dir, 'body.txt');
    fs.writeFileSync(body, 'Water rose overnight.');
    const story = JSON.parse((await cli(dir, 'new', '--headline', 'Floods', '--byline', 'Ana Lima', '--body-file', body, '--json')).out) as { id: string };
    expect((await cli(dir, 'file', story.id, '--as', 'Ana Lima')).code).toBe(0);
    // Ana is the profile at work on this machine; Eve approves from the command line.
    expect((await cli(dir, 'approve', story.id, '--as', 'Eve Editor')).code).toBe(0);
    const history = JSON.parse((await cli(dir, 'history', story.id, '--json')).out) as { action: string; profileName: string; origin: string }[];
    expect(history.map((e) => [e.action, e.profileName, e.origin])).toEqual([
      ['create', 'Ana Lima', 'cli'],
      ['file', 'Ana Lima', 'cli'],
      ['approve', 'Eve Editor', 'cli'],
    ]);
    const newsroom = openNewsroom(dir);
    try {
      expect(newsroom.profiles.current()?.name).toBe('Ana Lima');
    } finally {
      newsroom.close();
    }
  });

  it('records the window as the origin of what the app does, as the profile at work', async () => {
    const n = tempNewsroom();
    cleanups.push(n.cleanup);
    const ana = n.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
    const created = await invokeChannel(n.door, { origin: 'window' }, 'story:create', { fields: { headline: 'From the window' } });
    if (!created.ok) throw new Error(created.error.message);
    const story = created.value as { id: string; version: number; createdBy: string };
    expect(story.createdBy).toBe(ana.id);
    await invokeChannel(n.door, { origin: 'window' }, 'story:save', { id: story.id, version: story.version, fields: { headline: 'Changed in the window' } });
    expect(n.workflow.history(story.id).map((e) => [e.action, e.profileName, e.origin])).toEqual([
      ['create', 'Ana Lima', 'window'],
      ['edit', 'Ana Lima', 'window'],
    ]);
  });

  it('refuses a claim naming nobody known, with the profiles there are', async () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    await cli(dir, 'profiles', 'add', 'Ana Lima', '--role', 'reporter');
    const refused = await cli(dir, 'new', '--headline', 'Ghost', '--as', 'Nobody');
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('newsroom: No profile called "Nobody": known profiles are Ana Lima');
    expect(JSON.parse((await cli(dir, 'list', '--json')).out)).toEqual([]);
  });
});

describe('newsroom edit', () => {
  it('changes fields, adds a paragraph at the end, replaces the body, and refuses a stale version or locked copy', async () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    await cli(dir, 'profiles', 'add', 'Ana Lima', '--role', 'reporter');
    await cli(dir, 'profiles', 'add', 'Eve Editor', '--role', 'editor');
    const body = path.join(dir, 'body.txt');
    fs.writeFileSync(body, 'Water rose overnight.');
    const story = JSON.parse((await cli(dir, 'new', '--headline', 'Floods', '--body-file', body, '--json')).out) as { id: string; slug: string };

    const edited = await cli(dir, 'edit', story.slug, '--headline', 'Floods reach the square', '--standfirst', 'Crews race the storm', '--byline', 'Ana Lima and Tom Ruiz', '--dateline-place', 'SANTA CRUZ DO SUL, Brazil', '--desk', 'Regions', '--append', 'The mayor said help was coming.', '--json');
    expect(edited.code).toBe(0);
    const saved = JSON.parse(edited.out) as { version: number; headline: string; byline: string[]; dateline: { place: string }; desk: string; standfirst: string };
    expect(saved).toMatchObject({ headline: 'Floods reach the square', standfirst: 'Crews race the storm', byline: ['Ana Lima', 'Tom Ruiz'], dateline: { place: 'SANTA CRUZ DO SUL, Brazil' }, desk: 'Regions' });
    const shown = JSON.parse((await cli(dir, 'show', story.id, '--json')).out) as { body: { root: { children: { children: { text: string }[] }[] } } };
    // show --json gives the body as a JSON object, not a string of JSON.
    expect(shown.body.root.children.map((p) => p.children.map((t) => t.text).join(''))).toEqual(['Water rose overnight.', 'The mayor said help was coming.']);

    const replacement = path.join(dir, 'new-body.txt');
    fs.writeFileSync(replacement, 'A new first paragraph.\n\nA new second one.');
    expect((await cli(dir, 'edit', story.id, '--body-file', replacement)).out).toMatch(/^Saved floods(-reach-the-square)? \(version \d+\), 8 words$/);

    const stale = await cli(dir, 'edit', story.id, '--headline', 'Old news', '--version', String(saved.version));
    expect(stale.code).toBe(1);
    expect(stale.err).toMatch(/^newsroom: This story was saved elsewhere \(version \d+, you edited version \d+\)/);

    expect((await cli(dir, 'file', story.id, '--as', 'Ana Lima')).code).toBe(0);
    expect((await cli(dir, 'approve', story.id, '--as', 'Eve Editor')).code).toBe(0);
    const locked = await cli(dir, 'edit', story.id, '--append', 'One more line.');
    expect(locked.code).toBe(1);
    expect(locked.err).toBe('newsroom: This story is approved and locked: an editor must reopen it (with a reason) before it can change');
    expect((await cli(dir, 'edit', story.id)).err).toMatch(/edit needs something to change/);
  });
});
