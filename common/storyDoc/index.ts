/** The story as a Yjs document: the body in @lexical/yjs's V1 layout, the fields as registers. */
export { STORY_DOC_LAYOUT, BODY_ROOT, META_MAP, FIELDS_MAP, bodyOf, layoutOf } from './layout.js';
export { bindHeadless, editBody, readBody, writeBody } from './binding.js';
export type { BoundEditor } from './binding.js';
export { STORY_DOC_FIELDS, fieldConflicts, headsOf, readField, writeField } from './fields.js';
export type { FieldState, FieldWrite, StoryDocField } from './fields.js';
export { STORY_DOC_NODES } from './nodes.js';
export { StoryPhotoNode, $isStoryPhotoNode, copyPhotoData, emptyPhotoData } from './photoNode.js';
export type { PhotoData } from './photoNode.js';
export { canonicalJSON } from './canonical.js';
export { applyKeepingDropped } from './dropped.js';
export type { DroppedText } from './dropped.js';
