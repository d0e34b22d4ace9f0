/** The story's fields as the form edits them. */
import { MAX_HEADLINE_CHARS } from '../../common/story.js';

/** "Ann Lee, Bo Chan" → ["Ann Lee", "Bo Chan"]: the byline box takes names separated by commas. */
export function bylineFromText(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

export function bylineText(names: readonly string[]): string {
  return names.join(', ');
}

/** The headline of a "Save my text as a copy" story. */
export function copyHeadline(headline: string): string {
  const suffix = ' (copy)';
  return headline.slice(0, MAX_HEADLINE_CHARS - suffix.length) + suffix;
}
