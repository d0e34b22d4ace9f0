/**
 * Story fields (headline, standfirst, byline, dateline, desk, language) in the doc's `fields`
 * map. Each field is a register of writes: a write names the writes it replaces and remembers the
 * value it replaced. The field's value is the write nobody replaced; two writes made from the
 * same earlier value both survive a merge, and the field is in conflict until a person picks one
 * (a new write replacing both). Values are stored whole, never as Y.Text, so a headline is never
 * merged letter by letter.
 */
import * as Y from 'yjs';
import { FIELDS_MAP } from './layout.js';

export const STORY_DOC_FIELDS = ['headline', 'standfirst', 'byline', 'dateline', 'desk', 'language'] as const;
export type StoryDocField = (typeof STORY_DOC_FIELDS)[number];

export interface FieldWrite {
  id: string;
  value: unknown;
  /** The writes this one replaced, and the value it replaced (null for a field's first write). */
  replaces: string[];
  was: unknown;
  by: string;
  at: string;
}

export type FieldState = { conflict: false; value: unknown } | { conflict: true; values: FieldWrite[] };

function registerOf(doc: Y.Doc, field: StoryDocField): Y.Map<FieldWrite> {
  const fields = doc.getMap<Y.Map<FieldWrite>>(FIELDS_MAP);
  let register = fields.get(field);
  if (!register) {
    register = new Y.Map<FieldWrite>();
    fields.set(field, register);
  }
  return register;
}

/** The writes no other write replaced, in a stable order (every replica lists them alike). */
export function headsOf(doc: Y.Doc, field: StoryDocField): FieldWrite[] {
  const register = doc.getMap<Y.Map<FieldWrite>>(FIELDS_MAP).get(field);
  if (!register) return [];
  const writes = [...register.values()];
  const replaced = new Set(writes.flatMap((write) => write.replaces));
  return writes.filter((write) => !replaced.has(write.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function readField(doc: Y.Doc, field: StoryDocField): FieldState {
  const heads = headsOf(doc, field);
  if (heads.length === 0) return { conflict: false, value: undefined };
  if (heads.length === 1) return { conflict: false, value: heads[0]!.value };
  return { conflict: true, values: heads };
}

let counter = 0;

/**
 * Sets a field, replacing whatever this replica sees now (all heads: writing over a conflict
 * resolves it). Replaced writes are dropped from the map; a concurrent write that named one of
 * them still finds no replacement for itself, so the conflict is still seen.
 */
export function writeField(doc: Y.Doc, field: StoryDocField, value: unknown, by: string, at = new Date().toISOString()): void {
  doc.transact(() => {
    const register = registerOf(doc, field);
    const heads = headsOf(doc, field);
    if (heads.length === 1 && JSON.stringify(heads[0]!.value) === JSON.stringify(value)) return;
    counter += 1;
    const id = `${doc.clientID.toString(36)}-${Date.now().toString(36)}-${counter.toString(36)}`;
    register.set(id, {
      id,
      value,
      replaces: heads.map((head) => head.id),
      was: heads.length === 1 ? heads[0]!.value : heads.length === 0 ? null : heads.map((head) => head.value),
      by,
      at,
    });
    for (const head of heads) register.delete(head.id);
  });
}

export function fieldConflicts(doc: Y.Doc): StoryDocField[] {
  return STORY_DOC_FIELDS.filter((field) => readField(doc, field).conflict);
}
