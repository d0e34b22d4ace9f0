/**
 * Whether the copy desk list is open beside a story: kept per story and per person (in
 * sessionStorage, so a reload keeps it), so opening it on one story does not open it on the next
 * story, or for the next person at the keyboard. It opens (and stays open) on a story just
 * imported: that is when the desk reads the copy against the house style.
 */
const OPEN_KEY = 'newsroom.copydesk.open';
const justImported = new Set<string>();

const keyOf = (storyId: string, profileId: string) => `${OPEN_KEY}.${profileId}.${storyId}`;

export function copyDeskOpenAtStart(storyId: string, profileId: string): boolean {
  if (justImported.delete(storyId)) {
    rememberCopyDeskOpen(storyId, profileId, true);
    return true;
  }
  try {
    return window.sessionStorage.getItem(keyOf(storyId, profileId)) === '1';
  } catch {
    return false;
  }
}

export function rememberCopyDeskOpen(storyId: string, profileId: string, open: boolean): void {
  try {
    if (open) window.sessionStorage.setItem(keyOf(storyId, profileId), '1');
    else window.sessionStorage.removeItem(keyOf(storyId, profileId));
  } catch {
    // Storage unavailable: the choice lasts as long as the story is open.
  }
}

/** The story was just imported: open its copy desk list when it opens. */
export function openCopyDeskFor(storyId: string): void {
  justImported.add(storyId);
}
