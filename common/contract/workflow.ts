/** `workflow:*`: review states, the audit trail and "what changed", served by the workflow service. */
import { z } from 'zod';
import type { ChecklistResult } from '../checklist.js';
import type { BlockDiff, DiffPart } from '../diff.js';
import type { BlockKind } from '../document.js';
import type { Story } from '../story.js';
import { ACTIONS, type Action, type StoryState } from '../workflow.js';
import type { Origin } from './caller.js';
import { channel, id, storyRef } from './define.js';

export interface MoveOption {
  action: Action;
  label: string;
  /** The move needs a note, and what to ask for. */
  note: boolean;
  notePrompt?: string;
  /** Set when the move is shown but refused for now, with the reason (checklist, own story). */
  blockedBy?: string;
  /** Open required checklist items: the window asks before making the move ("file anyway?"). */
  confirm?: string[];
}

export interface AuditEntry {
  id: string;
  storyId: string;
  at: string;
  profileId: string | null;
  profileName: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  note: string;
  revisionId: string | null;
  /** Where the request came from; null for entries written before origins were recorded. */
  origin: Origin | null;
  /**
   * The package this entry arrived in, or null when it was written on this machine. An entry from
   * a package says what the sender claims happened on their machine; it decides nothing here.
   */
  viaPackage: string | null;
}

export interface StoryDiff {
  /** `label` names the side with its time (UTC, for the command line); `title` without it, for the window to add the time in the reader's own format. */
  from: { label: string; title: string; revisionId: string | null; at: string };
  to: { label: string; title: string; revisionId: string | null; at: string };
  changed: boolean;
  headline: DiffPart[];
  standfirst: DiffPart[];
  byline: DiffPart[];
  body: DiffPart[];
  /** The body block by block (paragraphs, subheads, quotes, list items), for a view that keeps the story's shape. */
  bodyBlocks: BlockDiff<BlockKind>[];
  photos: { number: number; caption: DiffPart[]; credit: DiffPart[] }[];
}

export const workflowChannels = {
  'workflow:moves': channel<MoveOption[]>()(storyRef, 'Lists the moves the person may make on a story (Approve greyed out with the reason when blocked)', ['not-found']),
  'workflow:move': channel<Story>()(
    z.object({ id, version: z.number().int().min(1), action: z.enum(ACTIONS), note: z.string().max(10_000).optional() }).strict(),
    'Moves a story through the review states; forbidden names the rule that refused it',
    ['forbidden', 'conflict', 'not-found'],
  ),
  'workflow:checklist': channel<ChecklistResult[]>()(storyRef, "Reads a story's approval checklist, each item with what fails and where to fix it", ['not-found']),
  'workflow:history': channel<AuditEntry[]>()(storyRef, "Reads a story's audit trail: every move and save, oldest first", ['not-found']),
  'workflow:diff': channel<StoryDiff>()(
    z.object({ storyId: id, from: id.optional(), to: id.optional() }).strict(),
    'Word-level differences between two revisions, by default "changes since filed"',
    ['not-found'],
  ),
  'workflow:queues': channel<Record<StoryState, number>>()(z.object({ desk: z.string().max(100).optional() }).strict(), 'Counts stories per queue (state), optionally for one desk', []),
} as const;
