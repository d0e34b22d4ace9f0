/**
 * Where things live in a story's Y.Doc. V1 is @lexical/yjs's stable layout: the body in the
 * shared type `root` (a Y.XmlText). The layout number is stored in the doc so a later layout can
 * be recognised and migrated.
 */
import * as Y from 'yjs';

export const STORY_DOC_LAYOUT = 1;
/** The body, as @lexical/yjs's V1 binding names it. */
export const BODY_ROOT = 'root';
export const META_MAP = 'meta';
export const FIELDS_MAP = 'fields';

export function bodyOf(doc: Y.Doc): Y.XmlText {
  return doc.get(BODY_ROOT, Y.XmlText);
}

export function layoutOf(doc: Y.Doc): number | undefined {
  const layout = doc.getMap(META_MAP).get('layout');
  return typeof layout === 'number' ? layout : undefined;
}
