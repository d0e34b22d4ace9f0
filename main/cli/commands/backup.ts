import { UsageError, type Command } from '../command.js';

export const backup: Command = {
  names: ['backup'],
  usage: [['newsroom backup', 'back up the store and its photos now']],
  store: 'open',
  async run({ call, print }) {
    const taken = await call('backup:create', {});
    print(taken, () =>
      `Backed up to ${taken.file} (${(taken.bytes / 1024).toFixed(0)} KB, ${taken.photosCopied} new photo${taken.photosCopied === 1 ? '' : 's'} copied)${taken.pruned > 0 ? `; removed ${taken.pruned} old backup${taken.pruned === 1 ? '' : 's'}` : ''}`,
    );
    return 0;
  },
};

export const backups: Command = {
  names: ['backups'],
  usage: [['newsroom backups [--json]', 'the backups, newest first']],
  store: 'closed',
  async run({ call, print, values }) {
    const list = await call('backup:list', {});
    print(list, () =>
      list.length === 0
        ? `No backups yet in ${values['data-dir'] ?? 'the data folder'}: make one with newsroom backup`
        : list.map((b) => `${b.takenAt}  ${b.reason.padEnd(28)} ${(b.bytes / 1024).toFixed(0).padStart(8)} KB  ${b.file}`).join('\n'),
    );
    return 0;
  },
};

export const verify: Command = {
  names: ['verify'],
  usage: [['newsroom verify [FILE] [--json]', 'full check of the store (or a backup file) and photo checksums']],
  store: 'closed',
  async run({ args, call, print }) {
    if (args.length > 1) throw new UsageError('verify takes at most one backup file');
    const result = await call('backup:verify', args[0] === undefined ? {} : { name: args[0] });
    print(result, () =>
      result.ok
        ? `OK: ${result.file} passed its integrity check${result.stories === null ? '' : `, ${result.stories} stories`}, ${result.photosChecked} photo checksums match`
        : [`PROBLEMS in ${result.file}:`, ...result.problems.map((p) => `  ${p}`)].join('\n'),
    );
    return result.ok ? 0 : 1;
  },
};

export const restore: Command = {
  names: ['restore'],
  usage: [['newsroom restore FILE', 'put a backup in place (the current store is kept aside); run it with the app closed']],
  store: 'closed',
  async run({ call, print, one }) {
    const restored = await call('backup:restore', { name: one('backup file (see newsroom backups)') });
    print(restored, () =>
      [
        `Restored ${restored.restored.file} (taken ${restored.restored.takenAt}).`,
        restored.setAside ? `The store it replaced is kept at ${restored.setAside}${restored.replacedWasDamaged ? ' (it was damaged)' : ''}.` : '',
        restored.photosRestored > 0 ? `${restored.photosRestored} photos brought back.` : '',
        ...restored.photoProblems.map((p) => `Photo problem: ${p}`),
      ]
        .filter((line) => line !== '')
        .join('\n'),
    );
    return 0;
  },
};
