/**
 * "Rights confirmed for this use" as the photo figures see it (issue 13): provided by the story
 * screen, which knows the story and records the decision in the store; without a provider (a
 * preview, a bare editor) the figures show no such box.
 */
import { createContext, useContext } from 'react';

export interface PhotoRights {
  /** Who confirmed the photo's rights for this story and when, or null while nobody has. */
  decision(photoId: string): { at: string; by: string } | null;
  /** Records the decision (after the story is saved with the photo in it); resolves to a problem, or null. */
  decide(photoId: string, confirmed: boolean): Promise<string | null>;
}

export const PhotoRightsContext = createContext<PhotoRights | null>(null);

export function usePhotoRights(): PhotoRights | null {
  return useContext(PhotoRightsContext);
}
