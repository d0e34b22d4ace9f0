/**
 * New story opens at once: the window picks the story's id (UUIDv7), asks the store to create it
 * and shows the empty story without waiting for the answer, so the headline has the focus before
 * the next key arrives (issue 13: type-ahead after New story was dropped while the store answered).
 * Calls naming the story wait in `api.ts` until it is stored.
 */
import { newId } from '../../common/ids.js';
import { emptyDocument } from '../../common/document.js';
import type { Story } from '../../common/story.js';
import { createStoryAhead } from '../api.js';

/** Stories opened by New story that have not been shown yet: their first view needs no load. */
const opening = new Set<string>();

/** Starts a story: its id now, and a promise that settles when the store has it. */
export function startNewStory(): { id: string; stored: Promise<void> } {
  const id = newId();
  opening.add(id);
  return { id, stored: createStoryAhead(id) };
}

/** True for a story just started here and not yet shown (its first view needs no load). */
export function isOpening(id: string): boolean {
  return opening.has(id);
}

/** The story has been shown once; a later view of it reads it from the store. */
export function opened(id: string): void {
  opening.delete(id);
}

/** The new story as the store will hold it, byline included (the store fills it the same way). */
export function newStoryOnScreen(id: string, profile: { id: string; byline: string }): Story {
  const now = new Date().toISOString();
  return {
    id,
    slug: '',
    headline: '',
    standfirst: '',
    byline: profile.byline === '' ? [] : [profile.byline],
    dateline: { place: '', date: '' },
    desk: '',
    language: 'en',
    body: JSON.stringify(emptyDocument()),
    wordCount: 0,
    status: 'draft',
    createdAt: now,
    updatedAt: now,
    version: 1,
    trashedAt: null,
    createdBy: profile.id,
    corrections: [],
    conflictRevisionId: null,
  };
}
