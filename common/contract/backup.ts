/** `backup:*`: backups of the store and its photos, served by the backups service. */
import { z } from 'zod';
import { channel, noArgument } from './define.js';

export interface BackupSummary {
  name: string;
  /** Where it is on disk. */
  file: string;
  takenAt: string;
  reason: string;
  bytes: number;
}

export interface NewBackupSummary extends BackupSummary {
  /** Photo originals copied this time (the others were in the backups already). */
  photosCopied: number;
  /** Older backups removed to keep the newest. */
  pruned: number;
}

export interface VerifySummary {
  file: string;
  ok: boolean;
  problems: string[];
  stories: number | null;
  photosChecked: number;
}

export interface RestoreSummary {
  restored: BackupSummary;
  /** The store that was replaced, moved aside and never deleted (null when there was none). */
  setAside: string | null;
  replacedWasDamaged: boolean;
  photosRestored: number;
  photoProblems: string[];
}

/** A backup by name from the list; the command line may also give a path to a file. */
const backupName = z.string().min(1).max(4096);

export const backupChannels = {
  'backup:create': channel<NewBackupSummary>()(noArgument, 'Backs up the store and its photos now (online), then keeps only the newest', []),
  'backup:list': channel<BackupSummary[]>()(noArgument, 'Lists backups, newest first', []),
  'backup:verify': channel<VerifySummary>()(
    z.object({ name: backupName.optional() }).strict(),
    'Full integrity check of the live store (or one backup: by name from the list; a path only from the command line) and every photo checksum',
    ['not-found'],
  ),
  'backup:restore': channel<RestoreSummary>()(
    z.object({ name: backupName }).strict(),
    'Puts a backup in place of the closed store, keeping the store it replaces aside; only while the store is not open',
    ['not-found', 'forbidden'],
  ),
} as const;
