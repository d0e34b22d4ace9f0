import { paragraph, parseStoryDocument } from '../../../common/document.js';
import { UsageError, type Command } from '../command.js';
import { fieldsFromFlags, readBodyFile } from './storyInput.js';

export const edit: Command = {
  names: ['edit'],
  usage: [
    [
      'newsroom edit ID|SLUG [--headline H] [--standfirst S] [--byline "A, B"] [--dateline-place P] [--desk D] [--append TEXT] [--body-file F] [--version N] [--json]',
      'change a story: fields, a paragraph added at the end, or the whole body; --version N saves only over that version',
    ],
  ],
  store: 'open',
  async run({ values, call, print, one }) {
    const ref = one('story id or slug');
    if (values.append !== undefined && values['body-file'] !== undefined) throw new UsageError('edit takes --append or --body-file, not both');
    let version: number | undefined;
    if (values.version !== undefined) {
      version = Number(values.version);
      if (!Number.isInteger(version) || version < 1) throw new UsageError(`--version must be a whole number from 1, not "${values.version}"`);
    }
    const story = await call('story:get', { id: ref });
    const fields = fieldsFromFlags(values, story.dateline);
    let body: string | undefined;
    if (values['body-file'] !== undefined) body = readBodyFile(values['body-file']);
    if (values.append !== undefined) {
      const doc = parseStoryDocument(story.body);
      const last = doc.root.children.at(-1);
      // A story's single empty paragraph is replaced, not followed.
      const empty = doc.root.children.length === 1 && last?.type === 'paragraph' && last.children.length === 0;
      doc.root.children = [...(empty ? [] : doc.root.children), paragraph(values.append)];
      body = JSON.stringify(doc);
    }
    if (Object.keys(fields).length === 0 && body === undefined) {
      throw new UsageError('edit needs something to change: --headline, --standfirst, --byline, --dateline-place, --desk, --append or --body-file');
    }
    const saved = await call('story:save', { id: story.id, version: version ?? story.version, ...(Object.keys(fields).length > 0 ? { fields } : {}), ...(body === undefined ? {} : { body }) });
    print(saved, () => `Saved ${saved.slug} (version ${saved.version}), ${saved.wordCount} words`);
    return 0;
  },
};
