import type { Command } from '../command.js';

export const check: Command = {
  names: ['check'],
  usage: [['newsroom check ID|SLUG [--json]', 'house-style findings, with suggested fixes (exit 3 when there are any)']],
  store: 'open',
  async run({ call, print, one }) {
    const { findings, ignored } = await call('style:check', { id: one('story id or slug') });
    print({ findings, ignored }, () =>
      findings.length === 0
        ? `No house-style findings${ignored > 0 ? ` (${ignored} ignored)` : ''}.`
        : [
            ...findings.map((f) => `${f.rule.padEnd(16)} ${f.field}${f.block === null ? '' : ` ¶${f.block + 1}`} ${JSON.stringify(f.text)}: ${f.message}${f.suggestion === undefined ? '' : ` → ${JSON.stringify(f.suggestion)}`}`),
            `${findings.length} finding${findings.length === 1 ? '' : 's'}${ignored > 0 ? `, ${ignored} ignored` : ''}.`,
          ].join('\n'),
    );
    return findings.length > 0 ? 3 : 0;
  },
};
