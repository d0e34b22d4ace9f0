/** `export:*`: publish-ready pages, served by the publishing service. */
import { z } from 'zod';
import { channel, id, noArgument, storyRef } from './define.js';

export interface ExportedFiles {
  folder: string;
  files: { path: string; bytes: number; kind: 'page' | 'image' }[];
  mode: 'publish' | 'preview';
  published: boolean;
}

export interface ExportBatch {
  folder: string;
  total: number;
  /** Each approved story in the order exported: its files, or what stopped it (the others went on). */
  stories: { id: string; slug: string; ok: boolean; message: string; files: number }[];
}

export const exportChannels = {
  'export:preview': channel<{ html: string; mode: 'publish' | 'preview' }>()(storyRef, 'Renders the page exactly as the export would write it, for a sandboxed frame', ['not-found']),
  'export:story': channel<ExportedFiles | null>()(
    z.object({ id, singleFile: z.boolean().optional(), preview: z.boolean().optional() }).strict(),
    'Exports a story to a folder the editor picks: publish-ready when approved (and then marks it published), otherwise only with preview; null if the dialog is cancelled',
    ['forbidden', 'not-found'],
  ),
  'export:approved': channel<ExportBatch | null>()(
    noArgument,
    'Exports every approved story to a folder the editor picks, each on its own (one failing does not stop the others); null if the dialog is cancelled',
    [],
  ),
} as const;
