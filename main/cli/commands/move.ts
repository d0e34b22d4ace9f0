import { ACTIONS, STATE_LABELS, type Action } from '../../../common/workflow.js';
import { UsageError, type Command } from '../command.js';

/** `approve`, `file` and `request-changes` are shorthands for `move ID ACTION`. */
const SHORTHANDS = ['file', 'approve', 'request-changes'] as const;

export const move: Command = {
  names: ['move', ...SHORTHANDS],
  usage: [
    ['newsroom move ID|SLUG ACTION --as NAME [--note TEXT] [--json]', `a review move: ${ACTIONS.filter((a) => a !== 'publish').join(', ')}`],
    ['newsroom file|approve|request-changes ID --as NAME [--note TEXT]', 'shorthands for move'],
  ],
  store: 'open',
  async run({ name, args, values, call, print }) {
    const isMove = name === 'move';
    const [ref, actionName] = isMove ? [args[0], args[1]] : [args[0], name];
    if (ref === undefined || actionName === undefined || args.length !== (isMove ? 2 : 1)) {
      throw new UsageError(`${name} needs a story id or slug${isMove ? ' and an action' : ''}; see newsroom --help`);
    }
    if (!(ACTIONS as readonly string[]).includes(actionName)) {
      throw new UsageError(`"${actionName}" is not a move: use one of ${ACTIONS.filter((a) => a !== 'publish').join(', ')}`);
    }
    if (values.as === undefined) throw new UsageError(`${name} needs --as NAME: every move is recorded with who made it`);
    const story = await call('story:get', { id: ref });
    // The same door and rules as the app: the workflow service checks the state machine and the checklist.
    const moved = await call('workflow:move', { id: story.id, version: story.version, action: actionName as Action, ...(values.note === undefined ? {} : { note: values.note }) });
    const by = (await call('workflow:history', { id: moved.id })).at(-1)?.profileName ?? values.as;
    print(moved, () => `${moved.slug}: ${STATE_LABELS[story.status]} → ${STATE_LABELS[moved.status]} (by ${by})`);
    return 0;
  },
};
