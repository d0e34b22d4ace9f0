import { ROLES, type Role } from '../../../common/workflow.js';
import { UsageError, type Command } from '../command.js';

export const profiles: Command = {
  names: ['profiles'],
  usage: [
    ['newsroom profiles [--json]', 'profiles on this machine'],
    ['newsroom profiles add NAME --role reporter|editor [--role …] [--byline B]', 'add one (the first becomes the one at work)'],
  ],
  store: 'open',
  async run({ args, values, call, print }) {
    if (args[0] === 'add') {
      if (args.length !== 2) throw new UsageError('profiles add needs one NAME (quote it if it has spaces)');
      const roles = values.role ?? [];
      if (roles.length === 0 || roles.some((r) => !(ROLES as readonly string[]).includes(r))) {
        throw new UsageError(`profiles add needs --role reporter and/or --role editor`);
      }
      const profile = await call('profile:create', { name: args[1] as string, roles: roles as Role[], ...(values.byline ? { byline: values.byline } : {}) });
      print(profile, () => `Added ${profile.name} (${profile.roles.join(', ')})`);
      return 0;
    }
    if (args.length > 0) throw new UsageError(`unknown profiles command "${args[0]}"; see newsroom --help`);
    const { profiles: all, currentId } = await call('profile:list', {});
    print(all, () =>
      all.length === 0 ? 'No profiles yet: newsroom profiles add "Ana Lima" --role reporter' : all.map((p) => `${p.id === currentId ? '*' : ' '} ${p.name.padEnd(24)} ${p.roles.join(', ')}`).join('\n'),
    );
    return 0;
  },
};
