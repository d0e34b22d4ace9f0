import type { DiffPart } from '../../../common/diff.js';
import type { Command } from '../command.js';

const show = (parts: DiffPart[]) => parts.map((p) => (p.op === 'equal' ? p.text : p.op === 'insert' ? `{+${p.text}+}` : `[-${p.text}-]`)).join('');

export const diff: Command = {
  names: ['diff'],
  usage: [['newsroom diff ID|SLUG [--from REV] [--to REV] [--json]', 'word-level changes, by default since last filed']],
  store: 'open',
  async run({ call, print, one, values }) {
    const result = await call('workflow:diff', { storyId: one('story id or slug'), ...(values.from ? { from: values.from } : {}), ...(values.to ? { to: values.to } : {}) });
    print(result, () => {
      const lines = [`From: ${result.from.label}`, `To:   ${result.to.label}`, ''];
      if (!result.changed) lines.push('No changes.');
      for (const field of ['headline', 'standfirst', 'byline', 'body'] as const) {
        if (result[field].some((p) => p.op !== 'equal')) lines.push(`${field}:`, show(result[field]), '');
      }
      for (const photo of result.photos) lines.push(`photo ${photo.number} caption: ${show(photo.caption)}`, `photo ${photo.number} credit: ${show(photo.credit)}`);
      return lines.join('\n').trimEnd();
    });
    return 0;
  },
};
