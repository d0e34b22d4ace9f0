/** `profile:*`: who works on this machine, served by the profiles service. */
import { z } from 'zod';
import { ROLES, type Role } from '../workflow.js';
import { channel, id, noArgument } from './define.js';

export interface Profile {
  id: string;
  name: string;
  byline: string;
  roles: Role[];
  createdAt: string;
}

export const profileChannels = {
  'profile:list': channel<{ profiles: Profile[]; currentId: string | null }>()(noArgument, 'Lists profiles on this machine and who is working now', []),
  'profile:create': channel<Profile>()(
    z.object({ name: z.string().trim().min(1).max(200), byline: z.string().trim().max(200).optional(), roles: z.array(z.enum(ROLES)).min(1, 'Choose at least one role: reporter or editor') }).strict(),
    'Adds a profile; the first one becomes current; invalid-argument when the name is taken',
    [],
  ),
  'profile:switch': channel<Profile>()(z.object({ id }).strict(), 'Switches who is working', ['not-found']),
} as const;
