/**
 * The approval checklist (like PublishPress Checklists): each item is required, recommended or
 * off by newsroom setting; a failing required item blocks approval and says what to fix and where.
 */
import { z } from 'zod';
import { PREFILLABLE_FIELDS, documentPhotos, documentText, type StoryDocument } from './document.js';
import { PHOTO_FIELD_LABELS, missingPhotoFields } from './photo.js';
import type { StoryFields } from './story.js';

export const CHECKLIST_ITEMS = [
  'headline',
  'byline',
  'dateline',
  'body',
  'photos',
  'headline-length',
  'house-style',
  // Issue 13: approval waits for every note to be resolved and every field a photo filled in to be checked.
  'open-notes',
  'photo-metadata',
  // Issue 13: usage terms are weighed by a person, per photo ("Rights confirmed for this use").
  'photo-rights',
] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEMS)[number];
export const CHECK_LEVELS = ['required', 'recommended', 'off'] as const;
export type CheckLevel = (typeof CHECK_LEVELS)[number];

export const checklistSettingsSchema = z.object({
  // Partial: settings stored before an item existed keep loading, and the item takes its default.
  levels: z.partialRecord(z.enum(CHECKLIST_ITEMS), z.enum(CHECK_LEVELS)),
  headlineMaxChars: z.number().int().min(10).max(500),
});
export type ChecklistSettings = z.infer<typeof checklistSettingsSchema>;

export const DEFAULT_CHECKLIST: ChecklistSettings & { levels: Record<ChecklistItemId, CheckLevel> } = {
  levels: {
    headline: 'required',
    byline: 'required',
    dateline: 'recommended',
    body: 'required',
    photos: 'required',
    'headline-length': 'recommended',
    'house-style': 'recommended',
    'open-notes': 'required',
    'photo-metadata': 'required',
    'photo-rights': 'recommended',
  },
  headlineMaxChars: 90,
};

/** A box under a photo: its caption, the parts of its credit, its alt text. */
export type PhotoBox = (typeof PREFILLABLE_FIELDS)[number] | 'alt' | 'rights';

/** Where the fix is: a field of the story, the n-th photo (and the box under it, when one box is the fix), or the notes. */
export type ChecklistTarget = { field: 'headline' | 'byline' | 'dateline' | 'body' } | { photo: number; box?: PhotoBox } | { notes: true };

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
  /** Notes nobody has resolved yet (change requests, comments), when known. */
  openNotes?: number;
  /** The photos (by id) whose rights someone confirmed for this story, when known. */
  rightsConfirmed?: ReadonlySet<string>;
}

/** The box to fill for each thing a photo lacks. */
const BOX_FOR_MISSING = { caption: 'caption', credit: 'photographers', alt: 'alt' } as const satisfies Record<string, PhotoBox>;

/** How the boxes a photo's file filled in are named in a checklist problem. */
const PREFILLED_LABELS: Record<(typeof PREFILLABLE_FIELDS)[number], string> = {
  caption: 'caption',
  photographers: 'photographer',
  agency: 'agency',
  via: 'via',
  copyright: 'copyright',
  usageTerms: 'usage terms',
};

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
      ...missingPhotoFields(photo).map((field) => ({
        message: `Photo ${i + 1} has no ${PHOTO_FIELD_LABELS[field]}`,
        target: { photo: i + 1, box: BOX_FOR_MISSING[field] },
      })),
    ]),
  );
  // A caption or credit an agency wrote into the file is a draft until a person has read it.
  add(
    'photo-metadata',
    'Details taken from the photo files are checked',
    documentPhotos(body).flatMap((photo, i) => {
      const unchecked = PREFILLABLE_FIELDS.filter((field) => photo.fromPhoto.includes(field));
      const first = unchecked[0];
      if (first === undefined) return [];
      return [
        {
          message: `Photo ${i + 1}: ${unchecked.map((field) => PREFILLED_LABELS[field]).join(', ')} still marked “from photo — check”`,
          target: { photo: i + 1, box: first },
        },
      ];
    }),
  );
  const rights = input.rightsConfirmed;
  if (rights !== undefined) {
    add(
      'photo-rights',
      'Rights confirmed for every photo’s use',
      documentPhotos(body).flatMap((photo, i) =>
        photo.photoId === '' || rights.has(photo.photoId)
          ? []
          : [{ message: `Photo ${i + 1}: rights not confirmed for this use${photo.credit.usageTerms === '' ? '' : ' (read its usage terms)'}`, target: { photo: i + 1, box: 'rights' as const } }],
      ),
    );
  }
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
  if (input.openNotes !== undefined) {
    add(
      'open-notes',
      'No open notes',
      input.openNotes > 0
        ? [{ message: `${input.openNotes} note${input.openNotes === 1 ? '' : 's'} still open: resolve ${input.openNotes === 1 ? 'it' : 'them'} in Notes`, target: { notes: true } }]
        : [],
    );
  }
  return results;
}

/** The messages of failing required items: what blocks approval. */
export function failingRequired(results: readonly ChecklistResult[]): string[] {
  return results.filter((r) => r.level === 'required' && !r.ok).flatMap((r) => r.problems.map((p) => p.message));
}
