/** The story's fields as the form edits them. */
import { MAX_HEADLINE_CHARS } from '../../common/story.js';


/** The headline of a "Save my text as a copy" story. */
export function copyHeadline(headline: string): string {
  const suffix = ' (copy)';
  return headline.slice(0, MAX_HEADLINE_CHARS - suffix.length) + suffix;
}
