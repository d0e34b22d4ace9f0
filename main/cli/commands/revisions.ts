import type { Command } from '../command.js';

export const revisions: Command = {
  names: ['revisions'],
  usage: [['newsroom revisions ID|SLUG [--json]', "a story's revision snapshots"]],
  store: 'open',
  async run({ call, print, one }) {
    const list = await call('revision:list', { storyId: one('story id or slug') });
    print(list, () =>
      list.length === 0 ? 'No revisions yet.' : list.map((r) => `${r.createdAt}  ${r.reason.padEnd(14)} v${r.storyVersion}  ${r.wordCount} words  ${r.id}`).join('\n'),
    );
    return 0;
  },
};
