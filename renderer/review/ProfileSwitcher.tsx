/** The top bar's "who is working" control: shows the current profile and opens the switcher. */
import { withKey } from '../shortcuts/keys.js';
import { rolesLabel } from './labels.js';
import { useProfile } from './profile-context.js';

export function ProfileSwitcher() {
  const { current, openSwitcher } = useProfile();
  return (
    <button
      type="button"
      className="profile-button quiet"
      aria-haspopup="dialog"
      title={withKey('Switch profile', 'CmdOrCtrl+Shift+U')}
      onClick={openSwitcher}
      data-testid="profile-button"
    >
      <span className="profile-button-name" data-testid="profile-current">
        {current.name}
      </span>
      <span className="profile-button-role">{rolesLabel(current.roles)}</span>
    </button>
  );
}
