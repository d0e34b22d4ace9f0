/** Name, byline and role(s) of a new profile: on first run, and when adding one from the switcher. */
import { useId, useState, type FormEvent } from 'react';
import type { Role } from '../../common/workflow.js';
import { message } from './labels.js';

export interface NewProfile {
  name: string;
  byline?: string;
  roles: Role[];
}

const ROLE_CHOICES: ReadonlyArray<{ value: 'reporter' | 'editor' | 'both'; label: string; hint: string; roles: Role[] }> = [
  { value: 'reporter', label: 'Reporter', hint: 'writes and files stories', roles: ['reporter'] },
  { value: 'editor', label: 'Editor', hint: 'takes filed copy, asks for changes, approves', roles: ['editor'] },
  { value: 'both', label: 'Both', hint: 'writes and edits', roles: ['reporter', 'editor'] },
];

export function ProfileForm({
  submitLabel,
  onSubmit,
  autoFocus = false,
}: {
  submitLabel: string;
  /** Throws with a message to show (a name already taken). */
  onSubmit: (profile: NewProfile) => Promise<void>;
  autoFocus?: boolean;
}) {
  const ids = useId();
  const [name, setName] = useState('');
  const [byline, setByline] = useState('');
  const [choice, setChoice] = useState<(typeof ROLE_CHOICES)[number]['value'] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const roles = ROLE_CHOICES.find((c) => c.value === choice)?.roles;
    if (name.trim() === '') return setProblem('Type your name: every save and move is recorded with it.');
    if (!roles) return setProblem('Choose a role: reporter, editor or both.');
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit({ name: name.trim(), roles, ...(byline.trim() === '' ? {} : { byline: byline.trim() }) });
    } catch (error) {
      setProblem(message(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="profile-form" onSubmit={(event) => void submit(event)} data-testid="profile-form" noValidate>
      <label>
        <span>Name</span>
        <input type="text" autoFocus={autoFocus} value={name} onChange={(event) => setName(event.target.value)} data-testid="profile-name" />
      </label>
      <label>
        <span>Byline</span>
        <input
          type="text"
          placeholder={name.trim() === '' ? 'As printed on your stories' : `${name.trim()} (your name)`}
          value={byline}
          onChange={(event) => setByline(event.target.value)}
          data-testid="profile-byline"
        />
      </label>
      <fieldset className="profile-roles">
        <legend>Role</legend>
        {ROLE_CHOICES.map((c) => (
          <label key={c.value} className="profile-role-choice">
            <input
              type="radio"
              name={`${ids}-role`}
              value={c.value}
              checked={choice === c.value}
              onChange={() => setChoice(c.value)}
              data-testid={`profile-role-${c.value}`}
            />
            <span>
              <strong>{c.label}</strong> <small>{c.hint}</small>
            </span>
          </label>
        ))}
      </fieldset>
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid="profile-submit">
        {submitLabel}
      </button>
    </form>
  );
}
