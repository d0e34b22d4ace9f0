/** The story as the newsroom speaks of it: fields, statuses, and how a slug is made. */
import { z } from 'zod';

import { STATES, type StoryState } from './workflow.js';

export const STORY_STATUSES = STATES;
export type StoryStatus = StoryState;

export const MAX_HEADLINE_CHARS = 500;
export const MAX_STANDFIRST_CHARS = 2_000;

export const datelineSchema = z.object({
  /** Where the story was reported from, as printed: "KYIV", "LONDON". */
  place: z.string().trim().max(200),
  /** The date the dateline refers to, YYYY-MM-DD, or empty when not set. */
  date: z.union([z.literal(''), z.iso.date()]),
});
export type Dateline = z.infer<typeof datelineSchema>;

export const storyFieldsSchema = z.object({
  headline: z.string().max(MAX_HEADLINE_CHARS, `Headline is over ${MAX_HEADLINE_CHARS} characters: shorten it`),
  standfirst: z.string().max(MAX_STANDFIRST_CHARS, `Standfirst is over ${MAX_STANDFIRST_CHARS} characters: shorten it`),
  byline: z.array(z.string().trim().min(1).max(200)).max(20),
  dateline: datelineSchema,
  desk: z.string().trim().max(100),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Language must be a code such as en, uk or pt-BR'),
});
export type StoryFields = z.infer<typeof storyFieldsSchema>;

export interface Story extends StoryFields {
  id: string;
  slug: string;
  /** Lexical serialized editor state, as JSON text. */
  body: string;
  wordCount: number;
  status: StoryStatus;
  createdAt: string;
  updatedAt: string;
  /** Bumped by every save; a save names the version it edits. */
  version: number;
  trashedAt: string | null;
  /** The profile that created the story: its author, for the no-self-approval rule. */
  createdBy: string | null;
  /** Correction notes added when a published story was reopened; they travel with it. */
  corrections: { at: string; note: string }[];
  /** Set when a package brought changes made on both sides: the incoming version, kept as a revision. */
  conflictRevisionId: string | null;
}

/** Just the editable fields of a story or a revision (both carry them), as a copy. */
export function fieldsOf(story: StoryFields): StoryFields {
  return {
    headline: story.headline,
    standfirst: story.standfirst,
    byline: [...story.byline],
    dateline: { place: story.dateline.place, date: story.dateline.date },
    desk: story.desk,
    language: story.language,
  };
}

/** What the desk list shows: everything but the body. */
export type StorySummary = Omit<Story, 'body' | 'standfirst' | 'corrections'>;

export const STORY_SORT_KEYS = ['updatedAt', 'headline', 'byline', 'desk', 'wordCount', 'status'] as const;
export type StorySortKey = (typeof STORY_SORT_KEYS)[number];

export interface RevisionSummary {
  id: string;
  storyId: string;
  storyVersion: number;
  reason: RevisionReason;
  headline: string;
  wordCount: number;
  createdAt: string;
}
/** `recovery`: text the store refused to save (issue 11), kept beside the last saved version. */
export const REVISION_REASONS = ['autosave', 'close', 'manual', 'before-restore', 'move', 'incoming', 'recovery'] as const;
export type RevisionReason = (typeof REVISION_REASONS)[number];

export interface Revision extends RevisionSummary, StoryFields {
  body: string;
}

export interface SearchHit {
  story: StorySummary;
  /** Snippet with matches wrapped in «mark» tokens, as plain text: the UI builds the markup. */
  snippet: string;
  rank: number;
}

/** Characters that wrap a search match in a snippet; never typed in copy. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/**
 * A URL-safe slug from a headline: lower-case ASCII words joined by hyphens, accents folded
 * ("Zürich council" → "zurich-council"); letters of other scripts are kept as they are.
 */
export function slugify(headline: string): string {
  const folded = headline
    .normalize('NFKD')
    // Fold accents on Latin letters only: Ukrainian ї or Russian й must keep their marks.
    .replace(/([A-Za-z])[\u0300-\u036f]+/g, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’]/g, '');
  const slug = folded
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug === '' ? 'untitled' : slug;
}

export const slugSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[\p{L}\p{N}]+(-[\p{L}\p{N}]+)*$/u, 'Slug may hold only letters, digits and single hyphens, such as "council-budget-vote"');
