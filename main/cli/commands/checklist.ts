import type { Command } from '../command.js';

export const checklist: Command = {
  names: ['checklist'],
  usage: [['newsroom checklist ID|SLUG [--json]', 'the approval checklist (exit 3 when a required item fails)']],
  store: 'open',
  async run({ call, print, one }) {
    const items = await call('workflow:checklist', { id: one('story id or slug') });
    print(items, () =>
      items
        .map((i) => `${i.ok ? '✓' : i.level === 'required' ? '✗' : '!'} ${i.label}${i.level === 'recommended' ? ' (recommended)' : ''}${i.problems.map((p) => `\n    ${p.message}`).join('')}`)
        .join('\n'),
    );
    return items.some((i) => !i.ok && i.level === 'required') ? 3 : 0;
  },
};
