/** `desk:*`: this machine and the desk server, served by the desk client in the engine (main/services/desk/). */
import { z } from 'zod';
import { ACTIONS, type StoryState } from '../workflow.js';
import { channel, id, noArgument } from './define.js';

/** What the app shows about the desk: "On the desk", "Offline: 12 changes waiting", "Can't reach the desk: <reason>". */
export interface DeskStatus {
  connected: boolean;
  state: 'not-connected' | 'on-desk' | 'offline' | 'unreachable';
  /** The sentence to show, as it is. */
  label: string;
  url: string | null;
  user: string | null;
  role: string | null;
  /** Changes made here the desk has not confirmed: typing, moves in the outbox, stories not uploaded yet. */
  waiting: number;
  /** Why the last try to reach the desk failed, or null. */
  reason: string | null;
  lastSyncAt: string | null;
}

export interface DeskMoveResult {
  requestId: string;
  storyId: string;
  action: string;
  /** sent: the desk made it; waiting: in the outbox until the desk answers; refused: the desk said no, with the reason. */
  status: 'sent' | 'waiting' | 'refused';
  /** The state the desk moved the story to, when sent. */
  state: string | null;
  reason: string | null;
}

export interface DeskSyncReport {
  url: string;
  /** Stories kept in step. */
  stories: number;
  /** Local stories the desk did not have, uploaded now. */
  uploaded: number;
  /** The person's stories on the desk this machine did not have, fetched now. */
  fetched: number;
  /** The outbox's moves sent or refused in this sync. */
  moves: DeskMoveResult[];
  photos: number;
  startedAt: string;
  finishedAt: string;
}

/** A story as the desk server's HTTP API describes it: the server sends it, the desk client reads it. */
export interface DeskStory {
  id: string;
  authorId: string;
  author: string;
  state: StoryState;
  headline: string;
  updatedAt: string;
}

export interface DeskListEntry {
  id: string;
  state: string;
  author: string;
  headline: string;
  updatedAt: string;
  /** The story is on this machine too. */
  here: boolean;
}

export const deskChannels = {
  'desk:status': channel<DeskStatus>()(noArgument, 'Says whether this machine is on the desk, offline with changes waiting, or cannot reach it and why', []),
  'desk:sync': channel<DeskSyncReport>()(
    z.object({ timeoutMs: z.number().int().min(100).max(600_000).optional() }).strict(),
    'Brings everything in step with the desk now (stories both ways, uploads, the outbox, photos); refuses with one line saying why not',
    ['not-found', 'desk-unavailable', 'desk-unauthorized', 'forbidden', 'conflict', 'too-large'],
  ),
  'desk:move': channel<DeskMoveResult>()(
    z.object({ id, action: z.enum(ACTIONS), note: z.string().max(10_000).optional() }).strict(),
    'Makes a workflow move on the desk: sent now when the desk answers, else kept in the outbox and sent once on the next sync',
    ['not-found', 'desk-unavailable', 'desk-unauthorized'],
  ),
  'desk:open': channel<{ storyId: string; state: string }>()(
    z.object({ id }).strict(),
    'Opens a story of the desk on this machine (fetched when new here) and keeps it in step from then on',
    ['not-found', 'desk-unavailable', 'desk-unauthorized'],
  ),
  'desk:list': channel<DeskListEntry[]>()(noArgument, 'The desk list as this machine last heard it, for browsing offline', []),
} as const;
