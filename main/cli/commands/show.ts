import { documentText, parseStoryDocument } from '../../../common/document.js';
import type { Command } from '../command.js';

export const show: Command = {
  names: ['show'],
  usage: [['newsroom show ID|SLUG [--json]', 'one story with its text (with --json, the body as a JSON object)']],
  store: 'open',
  async run({ call, print, one }) {
    const story = await call('story:get', { id: one('story id or slug') });
    const body = parseStoryDocument(story.body);
    print({ ...story, body }, () =>
      [
        story.headline || '(no headline)',
        story.standfirst,
        story.byline.length > 0 ? `By ${story.byline.join(' and ')}` : '',
        [story.dateline.place, story.dateline.date].filter(Boolean).join(', '),
        `${story.status} · ${story.wordCount} words · ${story.slug} · ${story.id} · version ${story.version}${story.trashedAt ? ' · in the trash' : ''}`,
        '',
        documentText(body),
      ]
        .filter((line, i) => line !== '' || i === 5)
        .join('\n'),
    );
    return 0;
  },
};
