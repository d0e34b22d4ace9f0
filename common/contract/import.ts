/** `import:*`: files becoming drafts, served by the import service. */
import type { Story } from '../story.js';
import { channel, fileBytes, noArgument } from './define.js';

export interface ImportReport {
  story: Story;
  report: { removed: { text: string; why: string }[]; dropped: { what: string; count: number }[]; warnings: string[] };
  notes: number;
  photos: { stored: number; refused: { name: string; message: string }[] };
}

export interface ImportBatch {
  /** Each file that became a story, with its name as given, in the order given. */
  imported: (ImportReport & { name: string })[];
  /** Files that did not become stories, each with what was wrong (nothing of them was written). */
  refused: { name: string; message: string }[];
}

export const importChannels = {
  'import:file': channel<ImportReport>()(
    fileBytes,
    'Turns a Word, Markdown, HTML or text file into one new draft (headline, byline, dateline, subheads, quotes, photos with credits; web leftovers removed and reported); invalid-argument names the file and what was wrong, and nothing is written',
    ['too-large'],
  ),
  'import:choose': channel<ImportBatch>()(noArgument, 'Lets the reporter pick files with the system dialog and imports each as a new draft; refused files are listed with the reason', []),
} as const;
