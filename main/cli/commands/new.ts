import { UsageError, type Command } from '../command.js';
import { fieldsFromFlags, readBodyFile } from './storyInput.js';

export const newStory: Command = {
  names: ['new'],
  usage: [
    ['newsroom new --headline H [--body-file F] [--byline "A, B"] [--desk D] [--language en] [--json]', 'create a draft (body from a .txt or Lexical .json file)'],
  ],
  store: 'open',
  async run({ call, print, values }) {
    if (values.headline === undefined) throw new UsageError('new needs --headline "…"; see newsroom --help');
    const body = values['body-file'] === undefined ? undefined : readBodyFile(values['body-file']);
    const story = await call('story:create', { fields: fieldsFromFlags(values, { place: '', date: '' }), body });
    print(story, () => `Created ${story.slug} (${story.id}), ${story.wordCount} words`);
    return 0;
  },
};
