/**
 * Whether the copy desk list is open beside a story. It stays as the person left it while they go
 * from story to story in this window (kept in sessionStorage, so a reload keeps it too), and it
 * opens (and stays open) on a story just imported: that is when the desk reads the copy against
 * the house style.
 */
const OPEN_KEY = 'newsroom.copydesk.open';
const justImported = new Set<string>();

export function copyDeskOpenAtStart(storyId: string): boolean {
  if (justImported.delete(storyId)) {
    rememberCopyDeskOpen(true);
    return true;
  }
  try {
    return window.sessionStorage.getItem(OPEN_KEY) === '1';
  } catch {
    return false;
  }
}

export function rememberCopyDeskOpen(open: boolean): void {
  try {
    window.sessionStorage.setItem(OPEN_KEY, open ? '1' : '0');
  } catch {
    // Storage unavailable: the choice lasts as long as the story is open.
  }
}

/** The story was just imported: open its copy desk list when it opens. */
export function openCopyDeskFor(storyId: string): void {
  justImported.add(storyId);
}
