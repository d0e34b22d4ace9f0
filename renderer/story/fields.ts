/** The story's fields as the form edits them. */
import { MAX_HEADLINE_CHARS, type Story, type StoryFields } from '../../common/story.js';

export function fieldsOfStory(story: Pick<Story, keyof StoryFields>): StoryFields {
  return {
    headline: story.headline,
    standfirst: story.standfirst,
    byline: [...story.byline],
    dateline: { place: story.dateline.place, date: story.dateline.date },
    desk: story.desk,
    language: story.language,
  };
}

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
