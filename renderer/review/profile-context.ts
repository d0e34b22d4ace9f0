/** Who is working now, for any screen under the ProfileGate: every save and move is recorded with them. */
import { createContext, useContext } from 'react';
import type { Profile } from '../../common/contract/index.js';

export interface ProfileSession {
  current: Profile;
  profiles: Profile[];
  /** Opens the profile switcher (the top bar's control and File › Switch Profile). */
  openSwitcher(): void;
}

export const ProfileContext = createContext<ProfileSession | null>(null);

export function useProfile(): ProfileSession {
  const session = useContext(ProfileContext);
  if (!session) throw new Error('useProfile is used outside <ProfileGate>');
  return session;
}
