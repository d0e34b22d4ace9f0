import type { Command } from '../command.js';

export const history: Command = {
  names: ['history'],
  usage: [['newsroom history ID|SLUG [--json]', 'every move and save, oldest first, with who and from where']],
  store: 'open',
  async run({ call, print, one }) {
    const entries = await call('workflow:history', { id: one('story id or slug') });
    print(entries, () =>
      entries
        .map(
          (e) =>
            `${e.at.slice(0, 19).replace('T', ' ')}  ${e.profileName.padEnd(20)} ${e.action.padEnd(16)} ${e.fromState && e.toState ? `${e.fromState} → ${e.toState}` : (e.toState ?? '')}${e.note ? `  “${e.note}”` : ''}${e.origin ? `  (${e.origin})` : ''}`,
        )
        .join('\n'),
    );
    return 0;
  },
};
