/**
 * `doc:*`: a story's Yjs document, served by the story docs service. A window opens the doc (the
 * engine's whole state: the engine seeds and converts stories, a window never does), sends its
 * own changes as Yjs updates tagged with its origin, and hears every other change to the doc as
 * the `doc:update` event, so it can skip the echo of its own.
 */
import { z } from 'zod';
import type { StoryDocField } from '../storyDoc/fields.js';
import { channel, id } from './define.js';

/** A Yjs update: one batch of typing is a few hundred bytes; a whole story's state stays far below this. */
const MAX_UPDATE_BYTES = 16 * 1024 * 1024;
/** A window's tag for its own changes: `doc:update` events carry `<caller origin>:<tag>`. */
export const docOriginTag = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'An origin tag is 1 to 64 letters, digits, "_" or "-"');

export interface StoryDocState {
  storyId: string;
  /** `Y.encodeStateAsUpdate` of the engine's doc. */
  state: Uint8Array;
  /** The doc's layout (common/storyDoc STORY_DOC_LAYOUT). */
  layout: number;
  /** How the story came to have a doc: new, converted and checked, or converted with a mismatch (flagged). */
  migration: 'new' | 'checked' | 'mismatch';
  /** Fields two people changed from the same earlier value: a person picks one. */
  conflicts: StoryDocField[];
}

/** The payload of the `doc:update` event: a change to a story's doc, and who made it. */
export interface StoryDocUpdate {
  storyId: string;
  update: Uint8Array;
  /** `<caller origin>:<tag>` for a caller's change, `store` for text taken in from an old-format save. */
  origin: string;
}

export const docChannels = {
  'doc:open': channel<StoryDocState>()(
    z.object({ id }).strict(),
    "Opens a story's doc and answers its whole state (the engine converts a story that has none yet)",
    ['not-found'],
  ),
  'doc:update': channel<{ saved: true }>()(
    z
      .object({
        id,
        update: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'The change must be a Yjs update (bytes)').refine((bytes) => bytes.byteLength <= MAX_UPDATE_BYTES, 'The change is over 16 MB: reload the story'),
        origin: docOriginTag,
      })
      .strict(),
    "Applies a window's change to the story's doc; answers once it is on disk; forbidden when the story is locked",
    ['not-found', 'forbidden'],
  ),
  'doc:close': channel<{ closed: true }>()(
    z.object({ id }).strict(),
    "Closes a story's doc as its window leaves it: written, derived and compacted",
    ['not-found'],
  ),
} as const;
