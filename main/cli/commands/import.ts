import { UsageError, type Command } from '../command.js';

export const importFiles: Command = {
  names: ['import'],
  usage: [['newsroom import FILE... [--json]', 'each .txt, .md, .html or .docx file becomes a new draft']],
  store: 'open',
  // The files "chosen" are the ones named: the same channel as the app's Import… dialog.
  dialogs: ({ args }) => ({ chooseImportFiles: async () => args }),
  async run({ args, values, call, io }) {
    if (args.length === 0) throw new UsageError('import needs one or more files, such as newsroom import story.docx');
    const { imported, refused } = await call('import:choose', {});
    if (values.json) {
      io.out(
        JSON.stringify(
          [
            ...imported.map((r) => ({ file: r.name, ok: true, story: { id: r.story.id, slug: r.story.slug, headline: r.story.headline }, report: r.report, notes: r.notes, photos: r.photos })),
            ...refused.map((r) => ({ file: r.name, ok: false, error: r.message })),
          ],
          null,
          2,
        ),
      );
    } else {
      for (const result of imported) {
        io.out(`Imported ${result.name} as ${result.story.slug} (${result.story.id}), ${result.story.wordCount} words`);
        for (const removed of result.report.removed) io.out(`  removed: ${removed.text} (${removed.why})`);
        for (const dropped of result.report.dropped) io.out(`  dropped: ${dropped.count} × ${dropped.what}`);
        for (const warning of result.report.warnings) io.out(`  warning: ${warning}`);
      }
      for (const r of refused) io.err(`newsroom: ${r.message}`);
    }
    return refused.length > 0 ? 1 : 0;
  },
};
