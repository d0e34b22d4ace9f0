import path from 'node:path';
import { UsageError, type Command } from '../command.js';
import { readNamedFile } from './storyInput.js';

export const pack: Command = {
  names: ['pack'],
  usage: [['newsroom pack ID|SLUG --out FILE', 'a story package to send (photos, notes, history)']],
  store: 'open',
  // The file "chosen" in the save dialog is the one given.
  dialogs: ({ values }) => ({ chooseSavePath: async () => values.out ?? null }),
  async run({ call, print, one, values }) {
    const ref = one('story id or slug');
    if (values.out === undefined) throw new UsageError('pack needs --out FILE (for example --out story.newsroom)');
    const written = await call('package:export', { id: ref });
    if (written === null) return 1;
    print({ file: written.path, bytes: written.bytes }, () => `Packed into ${written.path} (${(written.bytes / 1024).toFixed(0)} KB)`);
    return 0;
  },
};

export const unpack: Command = {
  names: ['unpack'],
  usage: [['newsroom unpack FILE [--json]', 'open a package from another machine']],
  store: 'open',
  async run({ call, print, one }) {
    const file = one('package file');
    const arrival = await call('package:open', { name: path.basename(file), bytes: readNamedFile(file) });
    print(arrival, () => `${arrival.outcome}: ${arrival.message} [${arrival.story.slug}] ${arrival.story.id}`);
    return 0;
  },
};
