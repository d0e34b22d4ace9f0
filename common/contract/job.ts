/** `job:*`: long work the caller follows (an import, an export batch, a backup, a package): its cancel. */
import { z } from 'zod';
import { channel } from './define.js';

/** A job's id, chosen by the caller that starts it (passed with the call it follows). */
export const jobId = z.string().min(1).max(100);

/** How far a long job is, as the `job:progress` event carries it. */
export interface JobProgress {
  job: string;
  /** What is being done now, in words ("Importing wire.docx"). */
  what: string;
  /** Steps done so far, of `total` (0 while the total is not known yet). */
  done: number;
  total: number;
}

export const jobChannels = {
  'job:cancel': channel<{ cancelled: boolean }>()(
    z.object({ job: jobId }).strict(),
    'Cancels a running job: it stops at its next step and leaves nothing half-written; cancelled is false when no such job is running',
    [],
  ),
} as const;
