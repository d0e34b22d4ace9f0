/**
 * "Rights confirmed for this use" (issue 13): usage terms were shown but never weighed. The
 * decision is recorded per photo of a story with who and when (migration 0130), travels through
 * the one door, and the approval checklist asks for it (recommended by default, a setting).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { documentFromPlainText, emptyPhotoNode } from '../../common/document.js';
import { invokeChannel } from '../../main/handlers.js';
import { tempNewsroom, by } from '../helpers/dataDir.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

const PHOTO_A = 'a'.repeat(64);
const PHOTO_B = 'b'.repeat(64);

function storyWithPhotos(...ids: string[]) {
  const newsroom = tempNewsroom();
  cleanups.push(newsroom.cleanup);
  const ana = newsroom.profiles.create({ name: 'Ana Lima', roles: ['reporter'] });
  const body = documentFromPlainText('Water rose overnight.');
  for (const id of ids) (body.root.children as unknown[]).push({ ...emptyPhotoNode(id, 800, 600), credit: { photographers: [], agency: 'Agency', via: '', copyright: '', usageTerms: 'Editorial use only' } });
  const story = newsroom.stories.create({ fields: { headline: 'Floods' }, body: JSON.stringify(body) }, by(ana));
  return { newsroom, ana, story };
}

describe('rights confirmed for this use', () => {
  it('is a recommended checklist item naming each photo nobody confirmed, met once someone has', async () => {
    const { newsroom, ana, story } = storyWithPhotos(PHOTO_A, PHOTO_B);
    const item = () => newsroom.workflow.checklist(story.id).find((i) => i.id === 'photo-rights');
    expect(item()).toMatchObject({
      level: 'recommended',
      ok: false,
      problems: [
        { message: 'Photo 1: rights not confirmed for this use (read its usage terms)', target: { photo: 1, box: 'rights' } },
        { message: 'Photo 2: rights not confirmed for this use (read its usage terms)', target: { photo: 2, box: 'rights' } },
      ],
    });

    const answer = await invokeChannel(newsroom.door, { origin: 'test', as: ana.name }, 'media:confirm-rights', { storyId: story.id, photoId: PHOTO_A, confirmed: true });
    expect(answer.ok).toBe(true);
    expect(item()?.problems.map((p) => p.message)).toEqual(['Photo 2: rights not confirmed for this use (read its usage terms)']);
    const photos = newsroom.media.ofStory(story.id);
    expect(photos[0]?.rightsConfirmed).toMatchObject({ by: 'Ana Lima' });
    expect(photos[1]?.rightsConfirmed).toBeNull();

    await invokeChannel(newsroom.door, { origin: 'test', as: ana.name }, 'media:confirm-rights', { storyId: story.id, photoId: PHOTO_B, confirmed: true });
    expect(item()?.ok).toBe(true);
    await invokeChannel(newsroom.door, { origin: 'test', as: ana.name }, 'media:confirm-rights', { storyId: story.id, photoId: PHOTO_A, confirmed: false });
    expect(item()?.ok).toBe(false);
  });

  it('can be made required or turned off in the settings', () => {
    const { newsroom, story } = storyWithPhotos(PHOTO_A);
    const levels = newsroom.settings.get().checklist.levels;
    newsroom.settings.set({ checklist: { ...newsroom.settings.get().checklist, levels: { ...levels, 'photo-rights': 'required' } } });
    expect(newsroom.workflow.checklist(story.id).find((i) => i.id === 'photo-rights')?.level).toBe('required');
    newsroom.settings.set({ checklist: { ...newsroom.settings.get().checklist, levels: { ...levels, 'photo-rights': 'off' } } });
    expect(newsroom.workflow.checklist(story.id).find((i) => i.id === 'photo-rights')).toBeUndefined();
  });

  it('refuses a photo the story does not hold, and goes with the story when it is purged', async () => {
    const { newsroom, ana, story } = storyWithPhotos(PHOTO_A);
    const refused = await invokeChannel(newsroom.door, { origin: 'test', as: ana.name }, 'media:confirm-rights', { storyId: story.id, photoId: PHOTO_B, confirmed: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const notAnId = await invokeChannel(newsroom.door, { origin: 'test', as: ana.name }, 'media:confirm-rights', { storyId: story.id, photoId: 'photo-1', confirmed: true });
    expect(notAnId).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });

    await invokeChannel(newsroom.door, { origin: 'test', as: ana.name }, 'media:confirm-rights', { storyId: story.id, photoId: PHOTO_A, confirmed: true });
    newsroom.stories.trash(story.id);
    newsroom.stories.purge(story.id);
    expect(newsroom.db.prepare('SELECT count(*) AS n FROM photo_rights').get()).toEqual({ n: 0 });
  });
});
