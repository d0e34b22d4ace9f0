import { UsageError, type Command } from '../command.js';

export const notes: Command = {
  names: ['notes'],
  usage: [['newsroom notes ID|SLUG [--json]', "a story's notes (change requests, comments), with their ids"]],
  store: 'open',
  async run({ call, print, one }) {
    const list = await call('note:list', { storyId: (await call('story:get', { id: one('story id or slug') })).id });
    print(list, () =>
      list.length === 0 ? 'No notes.' : list.map((n) => `${n.id}  ${n.resolvedAt === null ? 'open    ' : 'resolved'}  ${n.kind.padEnd(14)} ${n.authorName}: ${n.text}`).join('\n'),
    );
    return 0;
  },
};

export const resolveNote: Command = {
  names: ['resolve-note'],
  usage: [['newsroom resolve-note NOTE_ID --as NAME', 'marks a note resolved: approval waits for open notes']],
  store: 'open',
  async run({ call, print, one, values }) {
    const noteId = one('note id');
    if (values.as === undefined) throw new UsageError('resolve-note needs --as NAME: who resolved it is recorded');
    const resolved = await call('note:resolve', { id: noteId });
    print(resolved, () => `Resolved ${resolved.kind} “${resolved.text}” (by ${resolved.resolvedBy ?? values.as})`);
    return 0;
  },
};
