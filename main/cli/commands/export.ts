import { UsageError, type Command } from '../command.js';

export const exportStory: Command = {
  names: ['export'],
  usage: [
    ['newsroom export ID|SLUG --out DIR [--single-file] [--preview] [--as NAME]', 'publish-ready HTML of an approved story (marks it published); --preview for any other story'],
    ['newsroom export --all-approved --out DIR [--as NAME]', 'every approved story, each on its own'],
  ],
  store: 'open',
  // The folder "chosen" is the one given: the same channel as the app's Export… dialog.
  dialogs: ({ values }) => ({ chooseExportFolder: async () => values.out ?? null }),
  async run({ args, values, call, print, io, one }) {
    if (values.out === undefined) throw new UsageError('export needs --out DIR (the folder to write to)');
    if (values['all-approved']) {
      if (args.length > 0) throw new UsageError('export --all-approved takes no story id');
      const batch = await call('export:approved', {});
      if (batch === null) return 1;
      if (!values.json) for (const s of batch.stories) io.out(`${s.ok ? 'exported' : 'FAILED'} ${s.slug}${s.ok ? '' : `: ${s.message}`}`);
      const failed = batch.stories.filter((s) => !s.ok);
      const summary = { total: batch.total, exported: batch.total - failed.length, failed: failed.map((f) => ({ id: f.id, slug: f.slug, message: f.message })) };
      print(summary, () =>
        [`Exported ${summary.exported} of ${batch.total} approved stories to ${values.out}.`, ...summary.failed.map((f) => `Failed: ${f.slug} (${f.id}): ${f.message}`)].join('\n'),
      );
      return failed.length > 0 ? 1 : 0;
    }
    const ref = one('story id or slug');
    const result = await call('export:story', { id: ref, singleFile: values['single-file'], preview: values.preview });
    if (result === null) return 1;
    const story = await call('story:get', { id: ref });
    const page = result.files.find((f) => f.kind === 'page');
    print(
      { mode: result.mode, published: result.published, files: result.files },
      () => `${result.mode === 'publish' ? 'Exported' : 'Exported a PREVIEW of'} ${story.slug} to ${page?.path ?? values.out} (${result.files.length} files)${result.published ? '; marked published' : ''}`,
    );
    return 0;
  },
};
