/** A story's photos as the photo panel, the checklist and the CLI see them. */
import { documentPhotos, parseStoryDocument } from '../../common/document.js';
import type { StoryPhoto } from '../../common/contract/index.js';
import { formatCredit, missingPhotoFields, type CreditFormat } from '../../common/photo.js';
import type { Story } from '../../common/story.js';
import type { PhotoRightsDecision } from '../../db/photoRights.js';

const rightsOf = (decision: PhotoRightsDecision | undefined) => (decision === undefined ? null : { at: decision.at, by: decision.byName });

export function storyPhotos(story: Pick<Story, 'body'>, format: CreditFormat, rights: readonly PhotoRightsDecision[] = []): StoryPhoto[] {
  const decided = new Map(rights.map((decision) => [decision.photoId, decision]));
  return documentPhotos(parseStoryDocument(story.body)).map((node, i) => ({
    number: i + 1,
    photoId: node.photoId,
    caption: node.caption,
    alt: node.alt,
    credit: node.credit,
    creditLine: formatCredit(node.credit, format),
    missing: missingPhotoFields(node),
    fromPhoto: node.fromPhoto,
    rightsConfirmed: rightsOf(decided.get(node.photoId)),
  }));
}
