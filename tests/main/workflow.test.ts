import { describe, expect, it } from 'vitest';
import { ACTIONS, MOVES, STATES, checkMove, type Action, type Actor, type Role, type StoryState } from '../../common/workflow.js';
import { NewsroomError } from '../../common/errors.js';
import { emptyPhotoNode, parseStoryDocument } from '../../common/document.js';
import { invokeChannel } from '../../main/handlers.js';
import { tempNewsroom, by, removedAfterEach } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';

const cleanups = removedAfterEach();

const actors: Record<string, Actor> = {
  reporter: { id: 'r', name: 'Ana Reporter', roles: ['reporter'] },
  editor: { id: 'e', name: 'Eve Editor', roles: ['editor'] },
  both: { id: 'b', name: 'Bo Both', roles: ['reporter', 'editor'] },
  nobody: { id: 'n', name: 'No Roles', roles: [] },
};
const context = (state: StoryState) => ({ state, authorId: 'r', stateBeforeSpike: 'in-edit' as StoryState, failingRequired: [], allowSelfApproval: false });

describe('the state machine, move by move, for every role', () => {
  const cases = STATES.flatMap((state) => ACTIONS.flatMap((action) => Object.keys(actors).map((who) => ({ state, action, who }))));
  it.each(cases)('$who: $action from $state', ({ state, action, who }) => {
    const actor = actors[who] as Actor;
    const verdict = checkMove(action, actor, context(state), 'a note');
    const move = MOVES[action];
    // Recall is the author's own: the context's story was written by the reporter.
    const expected = !move.systemOnly && move.from.includes(state) && actor.roles.includes(move.role) && (action !== 'recall' || actor.id === 'r');
    expect(verdict.allowed).toBe(expected);
    if (verdict.allowed) expect(verdict.to).toBe(move.to === 'previous' ? 'in-edit' : move.to);
    else expect(verdict.message.length).toBeGreaterThan(10);
  });

  it('names the rule that refused a move', () => {
    expect(checkMove('approve', actors.reporter as Actor, context('in-edit'))).toMatchObject({ allowed: false, rule: 'role', message: 'Only an editor can approve' });
    expect(checkMove('request-changes', actors.editor as Actor, context('in-edit'), '  ')).toMatchObject({ allowed: false, rule: 'note' });
    expect(checkMove('approve', actors.both as Actor, { ...context('in-edit'), authorId: 'b' })).toMatchObject({ allowed: false, rule: 'self-approval' });
    expect(checkMove('approve', actors.both as Actor, { ...context('in-edit'), authorId: 'b', allowSelfApproval: true })).toMatchObject({ allowed: true });
    expect(checkMove('approve', actors.editor as Actor, { ...context('in-edit'), failingRequired: ['Photo 2 has no credit'] })).toMatchObject({
      allowed: false,
      rule: 'checklist',
      message: 'Not ready to approve: Photo 2 has no credit',
    });
    // Nobody files a colleague's draft; an editor who also reports may file copy handed in.
    const colleague: Actor = { id: 'c', name: 'Cy Colleague', roles: ['reporter'] };
    expect(checkMove('file', colleague, context('draft'))).toMatchObject({ allowed: false, rule: 'author', message: 'Only the reporter who wrote this story can file it: ask them, or an editor' });
    expect(checkMove('file', actors.both as Actor, context('draft'))).toMatchObject({ allowed: true, to: 'filed' });
    expect(checkMove('file', colleague, { ...context('draft'), authorId: null })).toMatchObject({ allowed: true, to: 'filed' });
    expect(checkMove('publish', actors.editor as Actor, context('approved'))).toMatchObject({ allowed: false, rule: 'publish-through-export' });
    expect(checkMove('publish', actors.editor as Actor, { ...context('approved'), bySystem: true })).toMatchObject({ allowed: true, to: 'published' });
  });
});

function desk() {
  const newsroom = tempNewsroom();
  cleanups.push(newsroom.cleanup);
  const { workflow, stories, profiles, notes, revisions } = newsroom;
  const ana = profiles.create({ name: 'Ana Lima', byline: 'Ana Lima', roles: ['reporter'] });
  const eve = profiles.create({ name: 'Eve Editor', roles: ['editor'] });
  const ready = () =>
    stories.create(
      { fields: { headline: 'Floods hit river villages', dateline: { place: 'KYIV', date: '2026-11-24' } }, body: doc('Water rose overnight in the villages.') },
      by(ana),
    );
  return { newsroom, workflow, stories, profiles, notes, revisions, ana, eve, ready };
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

describe('moving stories on the desk', () => {
  it('runs the whole path: file, take, request changes, refile, approve — all recorded', () => {
    const { workflow, stories, ana, eve, ready, revisions, notes } = desk();
    let story = ready();
    expect(story.byline).toEqual(['Ana Lima']);
    story = workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    expect(story.status).toBe('filed');
    story = workflow.move({ id: story.id, version: story.version, action: 'take' }, by(eve));
    story = workflow.move({ id: story.id, version: story.version, action: 'request-changes', note: 'Who said the water rose? Add a source.' }, by(eve));
    expect(story.status).toBe('changes-requested');
    expect(notes.list(story.id)).toMatchObject([{ kind: 'change-request', text: 'Who said the water rose? Add a source.', authorName: 'Eve Editor' }]);
    story = stories.save({ id: story.id, version: story.version, body: doc('Water rose overnight in the villages, the mayor said.') }, by(ana));
    // Done as asked: the change request is resolved before the story goes back (approval waits for open notes).
    for (const note of notes.list(story.id)) notes.resolve(note.id, by(ana));
    story = workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    const diff = workflow.diff({ storyId: story.id });
    expect(diff.changed).toBe(false);
    story = workflow.move({ id: story.id, version: story.version, action: 'take' }, by(eve));
    story = stories.save({ id: story.id, version: story.version, body: doc('Water rose overnight in three villages, the mayor said.') }, by(eve));
    const sinceFiled = workflow.diff({ storyId: story.id });
    expect(sinceFiled.from.label).toMatch(/^As filed by Ana Lima/);
    expect(sinceFiled.body).toEqual([
      { op: 'equal', text: 'Water rose overnight in ' },
      { op: 'delete', text: 'the' },
      { op: 'insert', text: 'three' },
      { op: 'equal', text: ' villages, the mayor said.' },
    ]);
    story = workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(eve));
    expect(story.status).toBe('approved');
    const trail = workflow.history(story.id).map((e) => [e.action, e.profileName, e.fromState, e.toState]);
    expect(trail).toEqual([
      ['create', 'Ana Lima', null, 'draft'],
      ['file', 'Ana Lima', 'draft', 'filed'],
      ['take', 'Eve Editor', 'filed', 'in-edit'],
      ['request-changes', 'Eve Editor', 'in-edit', 'changes-requested'],
      ['edit', 'Ana Lima', null, null],
      ['file', 'Ana Lima', 'changes-requested', 'filed'],
      ['take', 'Eve Editor', 'filed', 'in-edit'],
      ['edit', 'Eve Editor', null, null],
      ['approve', 'Eve Editor', 'in-edit', 'approved'],
    ]);
    // A revision at every move.
    expect(revisions.list(story.id).filter((r) => r.reason === 'move')).toHaveLength(6);
  });

  it('refuses moves by the wrong role, with the rule, over IPC as well', async () => {
    const { newsroom, workflow, ana, ready } = desk();
    const story = ready();
    const filed = workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    expect(refusal(() => workflow.move({ id: filed.id, version: filed.version, action: 'approve' }, by(ana))).message).toBe('Only an editor can approve');
    newsroom.settings.setCurrentProfileId(ana.id);
    const viaIpc = await invokeChannel(newsroom.door, { origin: 'test' }, 'workflow:move', { id: filed.id, version: filed.version, action: 'approve' });
    expect(viaIpc).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Only an editor can approve', details: { rule: 'role' } } });
    const offered = await invokeChannel(newsroom.door, { origin: 'test' }, 'workflow:moves', { id: filed.id });
    // Her own filed copy she may only recall, while nobody has taken it.
    expect(offered).toMatchObject({ ok: true, value: [{ action: 'recall' }] });
    expect(newsroom.stories.get(filed.id).status).toBe('filed');
  });

  it('will not approve without a headline or a credited photo, and says which photo', () => {
    const { workflow, eve, ana, newsroom, stories } = desk();
    const body = parseStoryDocument(doc('Text.'));
    body.root.children.push({ ...emptyPhotoNode('a'.repeat(64), 10, 10), caption: 'A caption', alt: 'Alt' });
    body.root.children.push({ ...emptyPhotoNode('b'.repeat(64), 10, 10), caption: 'Second', alt: 'Alt', credit: { photographers: [], agency: '', via: '', copyright: '', usageTerms: '' } });
    let story = stories.create({ fields: { headline: '', byline: ['Ana Lima'] }, body: JSON.stringify(body) }, by(ana));
    story = workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    const error = refusal(() => workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(eve)));
    expect(error.message).toBe('Not ready to approve: The story has no headline; Photo 1 has no credit (photographer or agency); Photo 2 has no credit (photographer or agency)');
    const checklist = workflow.checklist(story.id);
    expect(checklist.find((c) => c.id === 'photos')?.problems.map((p) => p.target)).toEqual([
      { photo: 1, box: 'photographers' },
      { photo: 2, box: 'photographers' },
    ]);
    expect(checklist.find((c) => c.id === 'dateline')).toMatchObject({ level: 'recommended', ok: false });
    // Recommended items do not block; settings can make them required or turn them off.
    newsroom.settings.set({ checklist: { ...newsroom.settings.get().checklist, levels: { ...newsroom.settings.get().checklist.levels, photos: 'off', headline: 'recommended' } } });
    expect(workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(eve)).status).toBe('approved');
  });

  it('locks an approved story until an editor reopens it with a reason', () => {
    const { workflow, ana, eve, ready, stories } = desk();
    let story = ready();
    story = workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    story = workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(eve));
    const locked = refusal(() => stories.save({ id: story.id, version: story.version, fields: { headline: 'Sneaky' } }, by(ana)));
    expect(locked.code).toBe('forbidden');
    expect(locked.message).toMatch(/approved and locked: an editor must reopen it/);
    expect(refusal(() => workflow.move({ id: story.id, version: story.version, action: 'reopen' }, by(eve))).message).toMatch(/needs a note/);
    story = workflow.move({ id: story.id, version: story.version, action: 'reopen', note: 'Late quote from the mayor' }, by(eve));
    expect(story.status).toBe('in-edit');
    expect(stories.save({ id: story.id, version: story.version, fields: { headline: 'Mayor speaks' } }, by(eve)).headline).toBe('Mayor speaks');
  });

  it('publishes only through the export, and a correction note travels with the story', () => {
    const { workflow, ana, eve, ready } = desk();
    let story = ready();
    story = workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    story = workflow.move({ id: story.id, version: story.version, action: 'approve' }, by(eve));
    expect(refusal(() => workflow.move({ id: story.id, version: story.version, action: 'publish' }, by(eve))).message).toBe('A story is published by exporting it: use Export');
    story = workflow.move({ id: story.id, version: story.version, action: 'publish' }, by(eve), { bySystem: true });
    story = workflow.move({ id: story.id, version: story.version, action: 'correct', note: 'An earlier version misspelled the mayor’s name.' }, by(eve));
    expect(story.status).toBe('in-edit');
    expect(story.corrections).toEqual([{ at: expect.any(String), note: 'An earlier version misspelled the mayor’s name.' }]);
  });

  it('spikes with a reason and restores to where the story was', () => {
    const { workflow, ana, eve, ready } = desk();
    let story = ready();
    story = workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    story = workflow.move({ id: story.id, version: story.version, action: 'take' }, by(eve));
    story = workflow.move({ id: story.id, version: story.version, action: 'spike', note: 'Rival had it first' }, by(eve));
    expect(story.status).toBe('spiked');
    story = workflow.move({ id: story.id, version: story.version, action: 'restore' }, by(eve));
    expect(story.status).toBe('in-edit');
  });

  it('lets one of two windows win a move; the other gets a conflict and nothing is lost', () => {
    const { workflow, ana, eve, ready } = desk();
    let story = ready();
    story = workflow.move({ id: story.id, version: story.version, action: 'file' }, by(ana));
    const seenByBoth = story.version;
    workflow.move({ id: story.id, version: seenByBoth, action: 'take' }, by(eve));
    const second = refusal(() => workflow.move({ id: story.id, version: seenByBoth, action: 'request-changes', note: 'x' }, by(eve)));
    expect(second.code).toBe('conflict');
    expect(workflow.history(story.id).filter((e) => e.action === 'request-changes')).toHaveLength(0);
  });

  it('keeps the audit trail append-only in the database itself', () => {
    const { newsroom, ready } = desk();
    ready();
    expect(() => newsroom.db.prepare("UPDATE audit SET note = 'rewritten'").run()).toThrow(/append-only: its entries cannot be changed/);
    expect(() => newsroom.db.prepare('DELETE FROM audit').run()).toThrow(/append-only: its entries cannot be deleted/);
  });

  it('counts the queues and filters the desk by queue, desk and person', () => {
    const { workflow, newsroom, ana, eve, ready, stories } = desk();
    const a = ready();
    const b = ready();
    stories.create({ fields: { headline: 'Match report', desk: 'Sport' } }, by(eve));
    workflow.move({ id: b.id, version: b.version, action: 'file' }, by(ana));
    expect(workflow.queues()).toMatchObject({ draft: 2, filed: 1, approved: 0 });
    expect(workflow.queues('Sport')).toMatchObject({ draft: 1, filed: 0 });
    const filed = newsroom.stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 10, trashed: false, filter: { status: 'filed' } });
    expect(filed.items.map((s) => s.id)).toEqual([b.id]);
    const mine = newsroom.stories.list({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 10, trashed: false, filter: { createdBy: ana.id, status: 'draft' } });
    expect(mine.items.map((s) => s.id)).toEqual([a.id]);
    expect(mine.total).toBe(1);
  });

  it('keeps notes, anchored to a passage, open until resolved', () => {
    const { eve, ready, notes } = desk();
    const story = ready();
    const note = notes.add({ storyId: story.id, text: 'Check this figure', anchor: { quote: 'overnight', block: 0 } }, by(eve));
    expect(notes.list(story.id)).toMatchObject([{ text: 'Check this figure', anchor: { quote: 'overnight', block: 0 }, resolvedAt: null }]);
    expect(notes.resolve(note.id, by(eve))).toMatchObject({ resolvedBy: 'Eve Editor' });
  });
});

describe('roles hold for moves over IPC', () => {
  const roleCases: [Role[], Action, boolean][] = [
    [['reporter'], 'take', false],
    [['editor'], 'take', true],
  ];
  it.each(roleCases)('%j %s → %s', async (roles, action, allowed) => {
    const { newsroom, workflow, profiles, ana, ready } = desk();
    const story = workflow.move({ id: ready().id, version: 1, action: 'file' }, by(ana));
    const someone = profiles.create({ name: `Someone ${roles.join('+')}`, roles });
    newsroom.settings.setCurrentProfileId(someone.id);
    const result = await invokeChannel(newsroom.door, { origin: 'test' }, 'workflow:move', { id: story.id, version: story.version, action });
    expect(result.ok).toBe(allowed);
  });
});
