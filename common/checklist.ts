/**
 * The approval checklist (like PublishPress Checklists): each item is required, recommended or
 * off by newsroom setting; a failing required item blocks approval and says what to fix and where.
 */
import { z } from 'zod';
import { documentPhotos, documentText, type StoryDocument } from './document.js';
import { PHOTO_FIELD_LABELS, missingPhotoFields } from './photo.js';
import type { StoryFields } from './story.js';

export const CHECKLIST_ITEMS = ['headline', 'byline', 'dateline', 'body', 'photos', 'headline-length', 'house-style'] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEMS)[number];
export const CHECK_LEVELS = ['required', 'recommended', 'off'] as const;
export type CheckLevel = (typeof CHECK_LEVELS)[number];

export const checklistSettingsSchema = z.object({
  levels: z.record(z.enum(CHECKLIST_ITEMS), z.enum(CHECK_LEVELS)),
  headlineMaxChars: z.number().int().min(10).max(500),
});
export type ChecklistSettings = z.infer<typeof checklistSettingsSchema>;

export const DEFAULT_CHECKLIST: ChecklistSettings = {
  levels: {
    headline: 'required',
    byline: 'required',
    dateline: 'recommended',
    body: 'required',
    photos: 'required',
    'headline-length': 'recommended',
    'house-style': 'recommended',
  },
  headlineMaxChars: 90,
};

/** Where the fix is: a field of the story, or the n-th photo. */
export type ChecklistTarget = { field: 'headline' | 'byline' | 'dateline' | 'body' } | { photo: number };

export interface ChecklistResult {
  id: ChecklistItemId;
  level: Exclude<CheckLevel, 'off'>;
  label: string;
  ok: boolean;
  /** Each problem in the desk's words ("Photo 2 has no credit"), with where to fix it. */
  problems: { message: string; target: ChecklistTarget }[];
}

export interface ChecklistInput {
  fields: Pick<StoryFields, 'headline' | 'byline' | 'dateline'>;
  body: StoryDocument;
  /** Open house-style findings, when the copy desk has checked the story. */
  houseStyleFindings?: number;
}

export function approvalChecklist(input: ChecklistInput, settings: ChecklistSettings = DEFAULT_CHECKLIST): ChecklistResult[] {
  const results: ChecklistResult[] = [];
  const add = (id: ChecklistItemId, label: string, problems: ChecklistResult['problems']) => {
    const level = settings.levels[id] ?? DEFAULT_CHECKLIST.levels[id];
    if (level === 'off') return;
    results.push({ id, level, label, ok: problems.length === 0, problems });
  };
  const { fields, body } = input;
  add('headline', 'Headline written', fields.headline.trim() === '' ? [{ message: 'The story has no headline', target: { field: 'headline' } }] : []);
  add('byline', 'Byline present', fields.byline.length === 0 ? [{ message: 'The story has no byline', target: { field: 'byline' } }] : []);
  add('dateline', 'Dateline present', fields.dateline.place.trim() === '' ? [{ message: 'The story has no dateline', target: { field: 'dateline' } }] : []);
  add('body', 'Body written', documentText(body).trim() === '' ? [{ message: 'The story has no body text', target: { field: 'body' } }] : []);
  add(
    'photos',
    'Every photo has a caption, a credit and alt text',
    documentPhotos(body).flatMap((photo, i) => [
      ...(photo.photoId === '' ? [{ message: `Photo ${i + 1} is a placeholder: add the image`, target: { photo: i + 1 } }] : []),
      ...missingPhotoFields(photo).map((field) => ({ message: `Photo ${i + 1} has no ${PHOTO_FIELD_LABELS[field]}`, target: { photo: i + 1 } })),
    ]),
  );
  const length = [...fields.headline].length;
  add(
    'headline-length',
    `Headline within ${settings.headlineMaxChars} characters`,
    length > settings.headlineMaxChars
      ? [{ message: `The headline is ${length} characters, over the ${settings.headlineMaxChars} limit`, target: { field: 'headline' } }]
      : [],
  );
  if (input.houseStyleFindings !== undefined) {
    add(
      'house-style',
      'No open house-style findings',
      input.houseStyleFindings > 0 ? [{ message: `${input.houseStyleFindings} house-style finding${input.houseStyleFindings === 1 ? '' : 's'} open`, target: { field: 'body' } }] : [],
    );
  }
  return results;
}

/** The messages of failing required items: what blocks approval. */
export function failingRequired(results: readonly ChecklistResult[]): string[] {
  return results.filter((r) => r.level === 'required' && !r.ok).flatMap((r) => r.problems.map((p) => p.message));
}
