/**
 * What the desk reads out of a story's Yjs doc: the headline and plain body text for search and
 * the desk list, and a JSON of fields and text for approvals. Everything else in the doc is opaque
 * to the server. The layout is the story document's (common/storyDoc): the body in
 * doc.get('root', Y.XmlText), the fields in doc.getMap('fields').
 */
import * as Y from 'yjs';
import { readField, STORY_DOC_FIELDS, type StoryDocField } from '../common/storyDoc/fields.js';

export interface DerivedStory {
  headline: string;
  fields: Record<string, unknown>;
  text: string;
}

function plainText(node: Y.XmlText | Y.XmlElement | Y.XmlFragment): string {
  if (node instanceof Y.XmlText) {
    let out = '';
    for (const op of node.toDelta() as { insert: unknown }[]) {
      if (typeof op.insert === 'string') out += op.insert;
      else if (op.insert instanceof Y.XmlText || op.insert instanceof Y.XmlElement) {
        const inner = plainText(op.insert);
        out += out === '' || out.endsWith('\n') ? inner : `\n${inner}`;
        if (!out.endsWith('\n')) out += '\n';
      }
    }
    return out;
  }
  return node
    .toArray()
    .map((child) => (child instanceof Y.XmlText || child instanceof Y.XmlElement ? plainText(child) : ''))
    .join('\n');
}

function fieldValue(doc: Y.Doc, key: string, value: unknown): unknown {
  // The app writes each field as a register of writes (common/storyDoc/fields.ts): its value is the
  // write nobody replaced; a field in conflict has no one value until a person picks one.
  if (value instanceof Y.Map && (STORY_DOC_FIELDS as readonly string[]).includes(key)) {
    const state = readField(doc, key as StoryDocField);
    return state.conflict ? state.values.map((write) => write.value) : state.value;
  }
  if (value instanceof Y.Text) return value.toString();
  if (value instanceof Y.AbstractType) return value.toJSON();
  return value;
}

export function deriveStory(doc: Y.Doc): DerivedStory {
  const fieldsMap = doc.getMap('fields');
  const fields: Record<string, unknown> = {};
  for (const [key, value] of fieldsMap.entries()) fields[key] = fieldValue(doc, key, value);
  const headline = typeof fields.headline === 'string' ? fields.headline : '';
  return { headline, fields, text: plainText(doc.get('root', Y.XmlText)).trim() };
}

export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}
