import { MARK_END, MARK_START } from '../../../common/story.js';
import { UsageError, summaryLine, type Command } from '../command.js';

export const search: Command = {
  names: ['search'],
  usage: [['newsroom search QUERY [--json]', 'full-text search, ranked, with snippets']],
  store: 'open',
  async run({ args, call, print }) {
    if (args.length === 0) throw new UsageError('search needs a query, such as newsroom search "council budget"');
    const hits = await call('story:search', { query: args.join(' ') });
    print(hits, () =>
      hits.length === 0
        ? 'No story matches.'
        : hits.map((h) => `${summaryLine(h.story)}\n    ${h.snippet.replaceAll(MARK_START, '[').replaceAll(MARK_END, ']')}`).join('\n'),
    );
    return 0;
  },
};
