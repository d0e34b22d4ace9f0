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
  // The byline is the name until the person writes one of their own.
  const [byline, setByline] = useState<string | null>(null);
  const bylineShown = byline ?? name;
  const [choice, setChoice] = useState<(typeof ROLE_CHOICES)[number]['value'] | null>(null);
  const [problem, setProblem] = useState<{ about: 'name' | 'role' | 'other'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const roles = ROLE_CHOICES.find((c) => c.value === choice)?.roles;
    if (name.trim() === '') return setProblem({ about: 'name', text: 'Type your name: every save and move is recorded with it.' });
    if (!roles) return setProblem({ about: 'role', text: 'Choose a role: reporter, editor or both.' });
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit({ name: name.trim(), roles, ...(bylineShown.trim() === '' ? {} : { byline: bylineShown.trim() }) });
    } catch (error) {
      setProblem({ about: 'other', text: message(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="profile-form" onSubmit={(event) => void submit(event)} data-testid="profile-form" noValidate>
      <label>
        <span>Name</span>
        <input
          type="text"
          autoFocus={autoFocus}
          value={name}
          aria-invalid={problem?.about === 'name' || undefined}
          onChange={(event) => {
            setName(event.target.value);
            // What was asked for is being typed: the request goes (a name taken is said again on Start).
            if (event.target.value.trim() !== '' && (problem?.about === 'name' || problem?.about === 'other')) setProblem(null);
          }}
          data-testid="profile-name"
        />
      </label>
      <label>
        <span>Byline</span>
        <input
          type="text"
          placeholder="As printed on your stories"
          value={bylineShown}
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
              onChange={() => {
                setChoice(c.value);
                if (problem?.about === 'role') setProblem(null);
              }}
              data-testid={`profile-role-${c.value}`}
            />
            <span>
              <strong>{c.label}</strong> <small>{c.hint}</small>
            </span>
          </label>
        ))}
      </fieldset>
      {problem && (
        <p className="field-problem" role="alert" data-testid="profile-problem">
          {problem.text}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid="profile-submit">
        {submitLabel}
      </button>
    </form>
  );
}
