/**
 * The story body as stored: Lexical's serialized editor state, validated on every write.
 *
 * Only the node types the editor registers are accepted, so a document from a newer or hostile
 * source cannot smuggle unknown nodes, inline styles or unsafe links into the store. Each node
 * keeps Lexical's `version` field so documents written by older versions keep loading.
 */
import { z } from 'zod';
import { NewsroomError } from './errors.js';
import { PHOTO_ID_PATTERN, PHOTO_LAYOUTS, photoCreditSchema, type PhotoMetadata } from './photo.js';

/** A body over this many characters of JSON is refused: it is not a news story. */
export const MAX_BODY_JSON_CHARS = 5_000_000;
/** How deep the body's JSON may nest (about six levels of lists). */
export const MAX_DEPTH = 32;

const base = {
  version: z.number().int().min(1).max(100),
};
const blockBase = {
  ...base,
  direction: z.enum(['ltr', 'rtl']).nullable().optional(),
  format: z.union([z.string(), z.number()]).optional(),
  indent: z.number().int().min(0).max(20).optional(),
};

export const SAFE_URL_SCHEMES = ['http:', 'https:', 'mailto:', 'tel:'] as const;

/** True for links a reader may follow: http(s), mailto, tel, or a fragment. */
export function isSafeUrl(url: string): boolean {
  const trimmed = url.trim();
  if (trimmed.startsWith('#')) return true;
  try {
    const parsed = new URL(trimmed);
    return (SAFE_URL_SCHEMES as readonly string[]).includes(parsed.protocol);
  } catch {
    return false;
  }
}

const textNode = z.object({
  ...base,
  type: z.literal('text'),
  text: z.string(),
  format: z.number().int().min(0).max(2047),
  detail: z.number().int().optional(),
  mode: z.enum(['normal', 'token', 'segmented']).optional(),
  // Pasted inline styles are dropped: the house style decides how copy looks.
  style: z.string().optional().transform(() => ''),
});
const lineBreakNode = z.object({ ...base, type: z.literal('linebreak') });
const tabNode = z.object({ ...base, type: z.literal('tab'), text: z.string().optional(), format: z.number().optional(), detail: z.number().optional(), mode: z.string().optional(), style: z.string().optional().transform(() => '') });

const linkNode = z.object({
  ...blockBase,
  type: z.enum(['link', 'autolink']),
  url: z.string().max(4096).refine(isSafeUrl, {
    message: 'Link is not a web or mail address: only http, https, mailto and tel links are kept',
  }),
  rel: z.string().nullable().optional(),
  target: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  get children() {
    return z.array(z.discriminatedUnion('type', [textNode, lineBreakNode, tabNode]));
  },
});

const inlineNode = z.discriminatedUnion('type', [textNode, lineBreakNode, tabNode, linkNode]);

const paragraphNode = z.object({
  ...blockBase,
  type: z.literal('paragraph'),
  textFormat: z.number().int().optional(),
  textStyle: z.string().optional().transform(() => ''),
  children: z.array(inlineNode),
});
const headingNode = z.object({
  ...blockBase,
  type: z.literal('heading'),
  // Subheads only: the headline is its own field, so h1 never appears in the body.
  tag: z.enum(['h2', 'h3']),
  children: z.array(inlineNode),
});
const quoteNode = z.object({
  ...blockBase,
  type: z.literal('quote'),
  children: z.array(inlineNode),
});

interface ListShape {
  type: 'list';
  listType: 'bullet' | 'number';
  children: ListItemShape[];
}
interface ListItemShape {
  type: 'listitem';
  children: unknown[];
}

const listItemNode: z.ZodType<ListItemShape> = z.lazy(() =>
  z.object({
    ...blockBase,
    type: z.literal('listitem'),
    value: z.number().int().optional(),
    checked: z.boolean().optional(),
    children: z.array(z.union([inlineNode, listNode])),
  }),
) as z.ZodType<ListItemShape>;

const listNode: z.ZodType<ListShape> = z.lazy(() =>
  z.object({
    ...blockBase,
    type: z.literal('list'),
    listType: z.enum(['bullet', 'number']),
    start: z.number().int().optional(),
    tag: z.enum(['ul', 'ol']).optional(),
    children: z.array(listItemNode),
  }),
) as z.ZodType<ListShape>;

/** Metadata fields a photo pre-filled and the reporter has not yet checked. */
export const PREFILLABLE_FIELDS = ['caption', 'photographers', 'agency', 'via', 'copyright', 'usageTerms'] as const;

const photoNode = z.object({
  ...base,
  type: z.literal('photo'),
  /** The stored image (its SHA-256), or '' for a placeholder still waiting for the image. */
  photoId: z.union([z.literal(''), z.string().regex(PHOTO_ID_PATTERN)]),
  width: z.number().int().min(0).max(100_000),
  height: z.number().int().min(0).max(100_000),
  alt: z.string().max(2_000),
  caption: z.string().max(5_000),
  credit: photoCreditSchema,
  layout: z.enum(PHOTO_LAYOUTS),
  fromPhoto: z.array(z.enum(PREFILLABLE_FIELDS)).max(PREFILLABLE_FIELDS.length),
});
export type PhotoNodeJSON = z.infer<typeof photoNode>;

const blockNode = z.union([paragraphNode, headingNode, quoteNode, listNode, photoNode]);
/** One top-level block of the body, as the store accepts it (common/documentRepair.ts checks pasted blocks with it). */
export const storyBlockSchema = blockNode;
/** A photo block as the store accepts it. */
export const photoNodeSchema = photoNode;

export const storyDocumentSchema = z.object({
  root: z.object({
    ...blockBase,
    type: z.literal('root'),
    children: z.array(blockNode),
  }),
});

export type StoryDocument = z.infer<typeof storyDocumentSchema>;

/** A body with one empty paragraph: what a new story starts with. */
export function emptyDocument(): StoryDocument {
  return {
    root: {
      type: 'root',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      children: [paragraph('')],
    },
  };
}

export function paragraph(text: string): StoryDocument['root']['children'][number] {
  return {
    type: 'paragraph',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children: text === '' ? [] : [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
  };
}

/** A body made of plain paragraphs, one per blank-line-separated block of text. */
export function documentFromPlainText(text: string): StoryDocument {
  const blocks = text
    .split(/\r?\n\s*\r?\n/)
    .map((b) => b.replace(/\s*\r?\n\s*/g, ' ').trim())
    .filter((b) => b !== '');
  const doc = emptyDocument();
  doc.root.children = blocks.length === 0 ? [paragraph('')] : blocks.map(paragraph);
  return doc;
}

export function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_DEPTH) return depth;
  if (Array.isArray(value)) return Math.max(depth, ...value.map((v) => depthOf(v, depth + 1)));
  if (value !== null && typeof value === 'object') {
    return Math.max(depth, ...Object.values(value).map((v) => depthOf(v, depth + 1)));
  }
  return depth;
}

/**
 * Checks a body before it is written. Accepts the JSON text or an already-parsed value and
 * returns the normalised document; refuses anything else with a message a reporter can act on.
 */
export function parseStoryDocument(input: unknown): StoryDocument {
  let value = input;
  if (typeof input === 'string') {
    if (input.length > MAX_BODY_JSON_CHARS) throw tooLarge(input.length);
    try {
      value = JSON.parse(input);
    } catch {
      throw new NewsroomError('invalid-argument', 'Story body is not valid JSON: reload the story and try again');
    }
  } else if (JSON.stringify(input ?? null).length > MAX_BODY_JSON_CHARS) {
    throw tooLarge(JSON.stringify(input).length);
  }
  if (depthOf(value) > MAX_DEPTH) {
    throw new NewsroomError('invalid-argument', `Story body is nested more than ${MAX_DEPTH} levels deep: flatten the lists and try again`);
  }
  const parsed = storyDocumentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    throw new NewsroomError(
      'invalid-argument',
      `Story body is not a document Newsroom can store (${issue?.message ?? 'unknown problem'}${where ? ` at ${where}` : ''})`,
    );
  }
  return parsed.data;
}

function tooLarge(chars: number): NewsroomError {
  return new NewsroomError(
    'too-large',
    `Story body is ${(chars / 1_000_000).toFixed(1)} MB, over the ${MAX_BODY_JSON_CHARS / 1_000_000} MB limit: split it into several stories`,
    { chars, limit: MAX_BODY_JSON_CHARS },
  );
}

interface AnyNode {
  type?: unknown;
  text?: unknown;
  children?: unknown;
}

/** The body's words as plain text, one block per line: for search, word counts and diffs. */
export function documentText(doc: StoryDocument): string {
  const lines: string[] = [];
  const inline = (node: AnyNode): string => {
    if (node.type === 'text' || node.type === 'tab') return typeof node.text === 'string' ? node.text : '';
    if (node.type === 'linebreak') return '\n';
    if (Array.isArray(node.children)) return (node.children as AnyNode[]).map(inline).join('');
    return '';
  };
  const block = (node: AnyNode): void => {
    if (node.type === 'list' || (node.type === 'listitem' && Array.isArray(node.children) && (node.children as AnyNode[]).some((c) => c.type === 'list'))) {
      if (node.type === 'listitem') {
        const own = (node.children as AnyNode[]).filter((c) => c.type !== 'list').map(inline).join('');
        if (own !== '') lines.push(own);
        for (const child of node.children as AnyNode[]) if (child.type === 'list') block(child);
        return;
      }
      for (const child of (node.children as AnyNode[] | undefined) ?? []) block(child);
      return;
    }
    lines.push(inline(node));
  };
  for (const child of doc.root.children as AnyNode[]) if (child.type !== 'photo') block(child);
  return lines.join('\n');
}

/** What a block of the body is, for a view that keeps the story's shape (the wide "changes since filed"). */
export type BlockKind = 'paragraph' | 'h2' | 'h3' | 'quote' | 'bullet' | 'number';

/**
 * The body's text blocks in order, each with its kind: the lines of `documentText`, walked the same
 * way (a list item's own words are one block, its nested list follows; photos are left out), so
 * `documentBlocks(doc).map((b) => b.text).join('\n') === documentText(doc)`.
 */
export function documentBlocks(doc: StoryDocument): { kind: BlockKind; text: string }[] {
  const blocks: { kind: BlockKind; text: string }[] = [];
  const inline = (node: AnyNode): string => {
    if (node.type === 'text' || node.type === 'tab') return typeof node.text === 'string' ? node.text : '';
    if (node.type === 'linebreak') return '\n';
    if (Array.isArray(node.children)) return (node.children as AnyNode[]).map(inline).join('');
    return '';
  };
  const list = (node: AnyNode & { listType?: unknown }): void => {
    const kind: BlockKind = node.listType === 'number' ? 'number' : 'bullet';
    for (const item of (node.children as AnyNode[] | undefined) ?? []) {
      const children = Array.isArray(item.children) ? (item.children as AnyNode[]) : [];
      const nested = children.some((c) => c.type === 'list');
      const own = children.filter((c) => c.type !== 'list').map(inline).join('');
      // As documentText: an item holding a nested list gives a line only when it has words of its own.
      if (!nested || own !== '') blocks.push({ kind, text: own });
      for (const child of children) if (child.type === 'list') list(child);
    }
  };
  for (const child of doc.root.children as (AnyNode & { tag?: unknown })[]) {
    if (child.type === 'photo') continue;
    if (child.type === 'list') list(child);
    else blocks.push({ kind: child.type === 'heading' ? (child.tag === 'h3' ? 'h3' : 'h2') : child.type === 'quote' ? 'quote' : 'paragraph', text: inline(child) });
  }
  return blocks;
}

/** The story's photos, in the order they appear. */
export function documentPhotos(doc: StoryDocument): PhotoNodeJSON[] {
  return doc.root.children.filter((child): child is PhotoNodeJSON => child.type === 'photo');
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

/**
 * Words as a reporter counts them: runs of text between spaces that hold a letter or a digit, so
 * "well-known" and "£3.5m" are one word each and a lone "—" is none. A hand loop: autosave counts
 * a 10,000-word story on every keystroke pause.
 */
export function countWords(text: string): number {
  let words = 0;
  let counted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || (c > 127 && SPACE.test(text.charAt(i)))) {
      counted = false;
    } else if (!counted && ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || (c > 127 && WORD_CHAR.test(text.charAt(i))))) {
      words += 1;
      counted = true;
    }
  }
  return words;
}

/** Minutes to read at a newsroom's usual 230 words a minute, at least one for any text. */
export function readingMinutes(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / 230));
}

/** A photo node with nothing filled in, for `photoId` (or '' for a placeholder). */
export function emptyPhotoNode(photoId: string, width = 0, height = 0): PhotoNodeJSON {
  return {
    type: 'photo',
    version: 1,
    photoId,
    width,
    height,
    alt: '',
    caption: '',
    credit: { photographers: [], agency: '', via: '', copyright: '', usageTerms: '' },
    layout: 'column',
    fromPhoto: [],
  };
}

/**
 * Fills the photo's empty fields from its own metadata and marks each one filled, so the reporter
 * checks it. Fields the reporter already wrote are never overwritten (a replaced photo keeps them).
 */
export function prefillPhoto(node: PhotoNodeJSON, metadata: PhotoMetadata): PhotoNodeJSON {
  const next: PhotoNodeJSON = { ...node, credit: { ...node.credit }, fromPhoto: [...node.fromPhoto] };
  const mark = (field: PhotoNodeJSON['fromPhoto'][number]) => {
    if (!next.fromPhoto.includes(field)) next.fromPhoto.push(field);
  };
  if (next.caption.trim() === '' && metadata.caption !== '') {
    next.caption = metadata.caption;
    mark('caption');
  }
  if (next.credit.photographers.length === 0 && metadata.credit.photographers.length > 0) {
    next.credit.photographers = [...metadata.credit.photographers];
    mark('photographers');
  }
  for (const field of ['agency', 'via', 'copyright', 'usageTerms'] as const) {
    if (next.credit[field] === '' && metadata.credit[field] !== '') {
      next.credit[field] = metadata.credit[field];
      mark(field);
    }
  }
  return next;
}
