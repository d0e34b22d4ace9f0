/**
 * Nobody works anonymously: before the desk, the window knows who is at the keyboard. On first
 * run (no profiles yet) it asks for a name, byline and role(s); afterwards it provides the current
 * profile to every screen and offers the switcher (top bar control, File › Switch Profile).
 * Screens are remounted on a switch, so queues, moves and locks are always those of the person now working.
 */
import { Fragment, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Profile } from '../../common/contract/index.js';
import { invoke, onEvent } from '../api.js';
import { useApp } from '../app-context.js';
import { Dialog } from './Dialog.js';
import { ProfileForm, type NewProfile } from './ProfileForm.js';
import { ProfileContext, type ProfileSession } from './profile-context.js';
import { message, rolesLabel } from './labels.js';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; profiles: Profile[]; currentId: string | null };

export function ProfileGate({
  beforeSwitch,
  children,
}: {
  /** Saves the open story, so what was typed is recorded under the person who typed it; true when saved. */
  beforeSwitch: () => Promise<boolean>;
  children: ReactNode;
}) {
  const app = useApp();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [switcherOpen, setSwitcherOpen] = useState(false);

  const load = useCallback(async () => {
    try {
      const list = await invoke('profile:list', {});
      setLoaded({ kind: 'ready', profiles: list.profiles, currentId: list.currentId });
    } catch (error) {
      setLoaded({ kind: 'failed', message: `Could not read who works here: ${message(error)}` });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => onEvent('menu:switch-profile', () => setSwitcherOpen(true)), []);

  // Profiles may have been added from another window or the command line since this one opened.
  useEffect(() => {
    if (switcherOpen) void load();
  }, [switcherOpen, load]);

  const switchTo = useCallback(
    async (id: string) => {
      if (!(await beforeSwitch())) {
        app.notify('This story is not saved yet: retry the save, or leave it, before switching profile.');
        return;
      }
      try {
        await invoke('profile:switch', { id });
        setSwitcherOpen(false);
        await load();
      } catch (error) {
        app.notify(`Could not switch profile: ${message(error)}`);
      }
    },
    [app, beforeSwitch, load],
  );

  const addAndSwitch = useCallback(
    async (profile: NewProfile) => {
      const created = await invoke('profile:create', profile);
      await switchTo(created.id);
    },
    [switchTo],
  );

  const current = loaded.kind === 'ready' ? (loaded.profiles.find((p) => p.id === loaded.currentId) ?? null) : null;
  const session = useMemo<ProfileSession | null>(
    () =>
      current && loaded.kind === 'ready'
        ? { current, profiles: loaded.profiles, openSwitcher: () => setSwitcherOpen(true) }
        : null,
    [current, loaded],
  );

  if (loaded.kind === 'loading') return <div className="profile-gate profile-gate-message">Opening…</div>;
  if (loaded.kind === 'failed') {
    return (
      <div className="profile-gate profile-gate-message" role="alert">
        <p>{loaded.message}</p>
        <button type="button" onClick={() => void load()}>
          Try again
        </button>
      </div>
    );
  }
  if (loaded.profiles.length === 0) {
    return (
      <div className="profile-gate" data-testid="first-run">
        <section className="profile-gate-card">
          <h1>Welcome to Newsroom</h1>
          <p>Who is working on this machine? Every save and every move of a story is recorded with your name.</p>
          <ProfileForm
            submitLabel="Start"
            autoFocus
            onSubmit={async (profile) => {
              // The first profile becomes the current one.
              await invoke('profile:create', profile);
              await load();
              // File › Switch Profile pressed on this screen has nothing left to offer.
              setSwitcherOpen(false);
            }}
          />
        </section>
      </div>
    );
  }
  if (!session) {
    return (
      <div className="profile-gate" data-testid="choose-profile">
        <section className="profile-gate-card">
          <h1>Who is working?</h1>
          <ProfileChoices profiles={loaded.profiles} currentId={null} onChoose={(id) => void switchTo(id)} onAdd={addAndSwitch} />
        </section>
      </div>
    );
  }
  return (
    <ProfileContext.Provider value={session}>
      <Fragment key={session.current.id}>{children}</Fragment>
      {switcherOpen && (
        <Dialog title="Switch profile" onClose={() => setSwitcherOpen(false)} testId="profile-switcher">
          <ProfileChoices profiles={loaded.profiles} currentId={session.current.id} onChoose={(id) => void switchTo(id)} onAdd={addAndSwitch} />
        </Dialog>
      )}
    </ProfileContext.Provider>
  );
}

function ProfileChoices({
  profiles,
  currentId,
  onChoose,
  onAdd,
}: {
  profiles: Profile[];
  currentId: string | null;
  onChoose: (id: string) => void;
  onAdd: (profile: NewProfile) => Promise<void>;
}) {
  const [adding, setAdding] = useState(false);
  return (
    <div className="profile-choices">
      <ul className="profile-list">
        {profiles.map((profile) => (
          <li key={profile.id}>
            <button
              type="button"
              className="profile-choice"
              aria-current={profile.id === currentId ? 'true' : undefined}
              disabled={profile.id === currentId}
              onClick={() => onChoose(profile.id)}
              data-testid="profile-choice"
            >
              <span className="profile-choice-name">{profile.name}</span>
              <small>
                {rolesLabel(profile.roles)}
                {profile.id === currentId ? ' · working now' : ''}
              </small>
            </button>
          </li>
        ))}
      </ul>
      {adding ? (
        <section className="profile-add">
          <h3>Add a profile</h3>
          <ProfileForm submitLabel="Add and switch" autoFocus onSubmit={onAdd} />
        </section>
      ) : (
        <button type="button" className="quiet" onClick={() => setAdding(true)} data-testid="profile-add">
          + Add a profile
        </button>
      )}
    </div>
  );
}
