/**
 * Who works on this machine: profiles with their roles, and the one at work now. Profiles are
 * names, not credentials: what a profile may do is checked by the workflow rules on this machine.
 */
import type { Db } from '../../db/open.js';
import { workflowQueries, type Profile } from '../../db/workflow.js';
import type { CallerClaim, CallerContext } from '../../common/contract/index.js';
import { NewsroomError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import type { Role } from '../../common/workflow.js';
import type { SettingsService } from './settings.js';

export function createProfileService(db: Db, settings: SettingsService, options: { now?: () => Date } = {}) {
  const w = workflowQueries(db);
  const clock = options.now ?? (() => new Date());

  function get(id: string): Profile | undefined {
    return w.profile(id);
  }

  function byName(name: string): Profile {
    const profile = w.profileByName(name);
    if (!profile) {
      const known = w.profiles().map((p) => p.name);
      throw new NewsroomError('not-found', `No profile called "${name}"${known.length > 0 ? `: known profiles are ${known.join(', ')}` : ': create one with newsroom profiles add'}`);
    }
    return profile;
  }

  function current(): Profile | null {
    const id = settings.currentProfileId();
    return id === null ? null : (get(id) ?? null);
  }

  return {
    list: (): Profile[] => w.profiles(),
    get,
    byName,
    current,
    /** The caller context for a claim: the profile named (`--as`), else the one at work here. */
    caller(claim: CallerClaim): CallerContext {
      return { origin: claim.origin, actor: claim.as === undefined ? current() : byName(claim.as) };
    },
    /** Adds a profile; the first one on the machine becomes the one at work. */
    create(input: { name: string; byline?: string; roles: Role[] }): Profile {
      if (w.profileByName(input.name)) {
        throw new NewsroomError('invalid-argument', `There is already a profile called "${input.name}": choose it, or use another name`);
      }
      const now = clock();
      const profile: Profile = {
        id: newId(now.getTime()),
        name: input.name.trim(),
        byline: (input.byline ?? input.name).trim(),
        roles: [...new Set(input.roles)],
        createdAt: now.toISOString(),
      };
      w.insertProfile(profile);
      if (current() === null) settings.setCurrentProfileId(profile.id);
      return profile;
    },
    switchTo(id: string): Profile {
      const profile = get(id);
      if (!profile) throw new NewsroomError('not-found', `No profile "${id}": pick one from the list`);
      settings.setCurrentProfileId(profile.id);
      return profile;
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
