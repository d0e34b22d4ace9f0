import type { StorySummary } from '../../../common/story.js';
import { summaryLine, type Command } from '../command.js';

export const list: Command = {
  names: ['list'],
  usage: [['newsroom list [--trash] [--json]', 'stories on the desk, newest first']],
  store: 'open',
  async run({ call, print, values }) {
    const all: StorySummary[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await call('story:list', { offset, limit: 500, trashed: values.trash });
      all.push(...page.items);
      if (all.length >= page.total || page.items.length === 0) break;
    }
    print(all, () => (all.length === 0 ? 'No stories yet: create one with newsroom new --headline "…"' : all.map(summaryLine).join('\n')));
    return 0;
  },
};
