/**
 * The gates a newsroom expects (issue 13), through the workflow service over a real store: filing
 * runs the checklist, a reporter can recall filed copy while nobody has taken it and cannot change
 * it while the desk has it, an editor typing in filed copy takes it (recorded), and approval waits
 * for open notes and for the fields a photo's file filled in to be checked.
 */
import { describe, expect, it } from 'vitest';
import { emptyDocument, emptyPhotoNode, parseStoryDocument } from '../../common/document.js';
import { NewsroomError } from '../../common/errors.js';
import { TAKEN_ON_EDIT } from '../../common/workflow.js';
import { invokeChannel } from '../../main/handlers.js';
import { tempNewsroom, by, removedAfterEach } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';

const cleanups = removedAfterEach();

function desk() {
  const newsroom = tempNewsroom();
  cleanups.push(newsroom.cleanup);
  const { workflow, stories, profiles, notes, revisions } = newsroom;
  const ana = profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
  const ben = profiles.create({ name: 'Ben Okafor', roles: ['reporter'] });
  const eve = profiles.create({ name: 'Eve Editor', roles: ['editor'] });
  const write = (body = doc('Water rose overnight in the villages.'), headline = 'Floods hit river villages') =>
    stories.create({ fields: { headline, byline: ['Ana Lima'], dateline: { place: 'KYIV', date: '' } }, body }, by(ana));
  return { newsroom, workflow, stories, profiles, notes, revisions, ana, ben, eve, write };
}

function refusal(fn: () => unknown): NewsroomError {
  try {
    fn();
  } catch (error) {
    if (error instanceof NewsroomError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('filing runs the checklist', () => {
  it('refuses to file an empty story, and shows File greyed out with the reason', () => {
    const { workflow, ana, write } = desk();
    const empty = write(JSON.stringify(emptyDocument()), '');
    const error = refusal(() => workflow.move({ id: empty.id, version: empty.version, action: 'file' }, by(ana)));
    expect(error).toMatchObject({ code: 'forbidden', message: 'There is nothing to file yet: write the story first', details: { rule: 'empty' } });
    expect(workflow.moves(empty.id, by(ana))).toEqual([{ action: 'file', label: 'File to desk', note: false, blockedBy: 'There is nothing to file yet: write the story first' }]);
    // A headline alone is still nothing to file.
    const headlineOnly = write(JSON.stringify(emptyDocument()));
    expect(refusal(() => workflow.move({ id: headlineOnly.id, version: headlineOnly.version, action: 'file' }, by(ana))).details).toEqual({ rule: 'empty' });
    expect(workflow.history(empty.id).map((e) => e.action)).toEqual(['create']);
  });

  it('offers File with the open required items to confirm, and files when the reporter goes ahead', () => {
    const { workflow, ana, write } = desk();
    const noHeadline = write(doc('Water rose overnight.'), '');
    const [file] = workflow.moves(noHeadline.id, by(ana));
    expect(file).toMatchObject({ action: 'file', confirm: ['The story has no headline'] });
    expect(file?.blockedBy).toBeUndefined();
    expect(workflow.move({ id: noHeadline.id, version: noHeadline.version, action: 'file' }, by(ana)).status).toBe('filed');
    // A complete story asks nothing.
    const ready = write();
    expect(workflow.moves(ready.id, by(ana))[0]).not.toHaveProperty('confirm');
  });
});

describe('recall, and the reporter’s filed copy', () => {
  it('lets the author recall filed copy while nobody has taken it, and nobody else', () => {
    const { workflow, ana, ben, eve, write } = desk();
    let story = write();
    story = workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    expect(refusal(() => workflow.move({ id: story.id, version: story.version, action: 'recall' }, by(ben)))).toMatchObject({ details: { rule: 'author' } });
    expect(refusal(() => workflow.move({ id: story.id, version: story.version, action: 'recall' }, by(eve)))).toMatchObject({ details: { rule: 'role' } });
    story = workflow.move({ id: story.id, version: story.version, action: 'recall' }, by(ana));
    expect(story.status).toBe('draft');
    expect(workflow.history(story.id).at(-1)).toMatchObject({ action: 'recall', profileName: 'Ana Lima', fromState: 'filed', toState: 'draft' });

    // Once an editor has taken it, it is theirs until it comes back.
    story = workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    story = workflow.move({ id: story.id, version: story.version, action: 'take' }, by(eve));
    expect(refusal(() => workflow.move({ id: story.id, version: story.version, action: 'recall' }, by(ana)))).toMatchObject({ details: { rule: 'state' } });
    expect(workflow.moves(story.id, by(ana))).toEqual([]);
  });

  it('refuses the reporter’s saves and restores while the desk has the story, in the service and over IPC', async () => {
    const { newsroom, workflow, ana, eve, write, stories, revisions } = desk();
    let story = write();
    story = workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    const filed = refusal(() => stories.save({ id: story.id, version: story.version, fields: { headline: 'Sneaky' } }, by(ana)));
    expect(filed).toMatchObject({ code: 'forbidden', details: { rule: 'desk-has-it', state: 'filed' } });
    expect(filed.message).toBe('This story is filed and read-only for you: Recall it to change it (while no editor has taken it), or ask the desk');
    const revision = newsroom.revisions.list(story.id)[0];
    expect(refusal(() => revisions.restore({ storyId: story.id, revisionId: revision?.id ?? '', version: story.version }, by(ana))).details).toMatchObject({ rule: 'desk-has-it' });
    newsroom.settings.setCurrentProfileId(ana.id);
    expect(await invokeChannel(newsroom.door, { origin: 'test' }, 'story:save', { id: story.id, version: story.version, body: doc('Changed behind the desk’s back.') })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', details: { rule: 'desk-has-it' } },
    });

    story = workflow.move({ id: story.id, version: story.version, action: 'take' }, by(eve));
    expect(refusal(() => stories.save({ id: story.id, version: story.version, body: doc('Still not hers.') }, by(ana))).message).toBe(
      'An editor has this story in edit: it comes back to you if they request changes',
    );
    story = workflow.move({ id: story.id, version: story.version, action: 'request-changes', note: 'Add the mayor' }, by(eve));
    // Back with her: she writes again.
    expect(stories.save({ id: story.id, version: story.version, body: doc('Water rose overnight, the mayor said.') }, by(ana)).status).toBe('changes-requested');
    expect(newsroom.stories.get(story.id).headline).toBe('Floods hit river villages');
  });

  it('gives the reporter her copy back after a recall', () => {
    const { workflow, ana, write, stories } = desk();
    let story = write();
    story = workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    story = workflow.move({ id: story.id, version: story.version, action: 'recall' }, by(ana));
    expect(stories.save({ id: story.id, version: story.version, fields: { headline: 'Floods hit three villages' } }, by(ana)).headline).toBe('Floods hit three villages');
  });
});

describe('an editor editing filed copy takes it', () => {
  it('moves the story into edit before the save and records the take in the trail', () => {
    const { workflow, ana, eve, write, stories } = desk();
    let story = write();
    story = workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    const saved = stories.save({ id: story.id, version: story.version, fields: { headline: 'Floods cut off river villages' } }, by(eve));
    expect(saved).toMatchObject({ status: 'in-edit', headline: 'Floods cut off river villages', version: story.version + 2 });
    const trail = workflow.history(story.id).slice(-2);
    expect(trail).toMatchObject([
      { action: 'take', profileName: 'Eve Editor', fromState: 'filed', toState: 'in-edit', note: TAKEN_ON_EDIT },
      { action: 'edit', profileName: 'Eve Editor' },
    ]);
    // The take kept the copy as filed, as any move does.
    const taken = trail[0]?.revisionId;
    expect(taken).not.toBeNull();
    expect(workflow.diff({ storyId: story.id, from: taken as string }).headline).toEqual([
      { op: 'equal', text: 'Floods ' },
      { op: 'delete', text: 'hit' },
      { op: 'insert', text: 'cut off' },
      { op: 'equal', text: ' river villages' },
    ]);
    // Her next saves are plain edits: the story is hers already.
    const again = stories.save({ id: saved.id, version: saved.version, fields: { headline: 'Floods cut off five villages' } }, by(eve));
    expect(again.version).toBe(saved.version + 1);
    expect(workflow.history(story.id).filter((e) => e.action === 'take')).toHaveLength(1);
  });

  it('takes nothing and writes nothing when the editor saved over an old version', () => {
    const { workflow, ana, eve, write, stories } = desk();
    let story = write();
    story = workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    expect(refusal(() => stories.save({ id: story.id, version: story.version - 1, fields: { headline: 'Old' } }, by(eve))).code).toBe('conflict');
    expect(workflow.history(story.id).map((e) => e.action)).toEqual(['create', 'file']);
  });
});

describe('approval waits for open notes and checked photo details', () => {
  it('lists "No open notes" as required by default: an open note blocks, a resolved one or a correction does not', () => {
    const { newsroom, workflow, ana, eve, write, notes } = desk();
    let story = write();
    story = workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    const note = notes.add({ storyId: story.id, text: 'Is the mayor’s name spelled right?' }, by(eve));
    expect(workflow.checklist(story.id).find((i) => i.id === 'open-notes')).toMatchObject({
      level: 'required',
      ok: false,
      label: 'No open notes',
      problems: [{ message: '1 note still open: resolve it in Notes', target: { notes: true } }],
    });
    expect(refusal(() => workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(eve))).message).toBe(
      'Not ready to approve: 1 note still open: resolve it in Notes',
    );
    notes.resolve(note.id, by(ana));
    story = workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(eve));
    expect(story.status).toBe('approved');

    // A correction is a notice for readers, not a note to resolve.
    story = workflow.move({ id: story.id, version: story.version, action: 'publish' }, by(eve), { bySystem: true });
    story = workflow.move({ id: story.id, version: story.version, action: 'correct', note: 'The mayor’s name was misspelled.' }, by(eve));
    expect(workflow.checklist(story.id).find((i) => i.id === 'open-notes')?.ok).toBe(true);

    // A setting: recommended, it shows but does not block; off, it is not listed.
    notes.add({ storyId: story.id, text: 'One more look at the figures' }, by(eve));
    const levels = newsroom.settings.get().checklist.levels;
    newsroom.settings.set({ checklist: { ...newsroom.settings.get().checklist, levels: { ...levels, 'open-notes': 'recommended' } } });
    expect(workflow.checklist(story.id).find((i) => i.id === 'open-notes')).toMatchObject({ level: 'recommended', ok: false });
    newsroom.settings.set({ checklist: { ...newsroom.settings.get().checklist, levels: { ...levels, 'open-notes': 'off' } } });
    expect(workflow.checklist(story.id).map((i) => i.id)).not.toContain('open-notes');
  });

  it('refuses approval while a photo still carries fields marked "from photo — check", pointing at the first such box', () => {
    const { newsroom, workflow, ana, eve, write, stories } = desk();
    const body = parseStoryDocument(doc('The statue was cleaned on Thursday.'));
    const photo = {
      ...emptyPhotoNode('a'.repeat(64), 10, 10),
      caption: 'Crews clean the statue',
      alt: 'A statue',
      credit: { photographers: ['Julie Doe'], agency: 'Mugwum Press', via: '', copyright: '', usageTerms: '' },
      fromPhoto: ['photographers', 'caption'] as ('photographers' | 'caption')[],
    };
    body.root.children.push(photo);
    let story = write(JSON.stringify(body));
    story = workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    const item = workflow.checklist(story.id).find((i) => i.id === 'photo-metadata');
    expect(item).toMatchObject({
      level: 'required',
      ok: false,
      problems: [{ message: 'Photo 1: caption, photographer still marked “from photo — check”', target: { photo: 1, box: 'caption' } }],
    });
    expect(refusal(() => workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(eve))).message).toBe(
      'Not ready to approve: Photo 1: caption, photographer still marked “from photo — check”',
    );
    // Checked (as the photo's "looks right" does): approval goes ahead.
    body.root.children[1] = { ...photo, fromPhoto: [] };
    story = stories.save({ id: story.id, version: story.version, body: JSON.stringify(body) }, by(eve));
    expect(workflow.checklist(story.id).find((i) => i.id === 'photo-metadata')?.ok).toBe(true);
    expect(workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(eve)).status).toBe('approved');
    expect(newsroom.settings.get().checklist.levels['photo-metadata']).toBe('required');
  });

  it('keeps checklist settings stored before these items existed, and gives the new items their defaults', () => {
    const { newsroom } = desk();
    const stored = { levels: { photos: 'off', headline: 'required' }, headlineMaxChars: 70 };
    newsroom.db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('checklist', ?)").run(JSON.stringify(stored));
    const { checklist } = newsroom.settings.get();
    expect(checklist.headlineMaxChars).toBe(70);
    expect(checklist.levels).toMatchObject({ photos: 'off', headline: 'required', 'open-notes': 'required', 'photo-metadata': 'required' });
  });
});
