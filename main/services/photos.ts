/** A story's photos as the photo panel, the checklist and the CLI see them. */
import { documentPhotos, parseStoryDocument } from '../../common/document.js';
import type { StoryPhoto } from '../../common/contract/index.js';
import { formatCredit, missingPhotoFields, type CreditFormat } from '../../common/photo.js';
import type { Story } from '../../common/story.js';

export function storyPhotos(story: Pick<Story, 'body'>, format: CreditFormat): StoryPhoto[] {
  return documentPhotos(parseStoryDocument(story.body)).map((node, i) => ({
    number: i + 1,
    photoId: node.photoId,
    caption: node.caption,
    alt: node.alt,
    credit: node.credit,
    creditLine: formatCredit(node.credit, format),
    missing: missingPhotoFields(node),
    fromPhoto: node.fromPhoto,
  }));
}
