/**
 * Notes on the story: the editor's change requests and anyone's notes, each optionally about a
 * passage (the text selected in the body when it was written), resolved when dealt with.
 */
import { useState, type FormEvent } from 'react';
import type { StoryNote } from '../../common/contract/index.js';
import { whenDone } from '../format.js';
import type { Passage } from './selection.js';

const KIND_LABELS: Record<StoryNote['kind'], string> = {
  note: 'Note',
  'change-request': 'Change request',
  correction: 'Correction',
  footnote: 'Footnote',
  comment: 'Comment',
};

const short = (quote: string) => (quote.length > 80 ? `${quote.slice(0, 80)}…` : quote);

export function Notes({
  notes,
  passage,
  onAdd,
  onResolve,
}: {
  notes: StoryNote[] | null;
  passage: Passage | null;
  /** Resolves to null when added, or to why not. */
  onAdd: (text: string, anchor: Passage | null) => Promise<string | null>;
  onResolve: (note: StoryNote) => Promise<void>;
}) {
  const [text, setText] = useState('');
  const [anchored, setAnchored] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const refused = await onAdd(text, anchored ? passage : null);
    setBusy(false);
    setProblem(refused);
    if (refused === null) setText('');
  };

  return (
    <div className="notes">
      {notes === null ? (
        <p className="review-quiet">Loading notes…</p>
      ) : notes.length === 0 ? (
        <p className="review-quiet">No notes yet.</p>
      ) : (
        <ul className="note-list" data-testid="notes">
          {notes.map((note) => (
            <li
              key={note.id}
              className={`note note-${note.kind}${note.resolvedAt ? ' note-resolved' : ''}`}
              data-testid="note"
              data-kind={note.kind}
              data-resolved={note.resolvedAt !== null}
            >
              <div className="note-head">
                <span className="note-kind">{KIND_LABELS[note.kind]}</span>
                <strong>{note.authorName}</strong>
                <time dateTime={note.createdAt}>{whenDone(note.createdAt)}</time>
              </div>
              {note.anchor && (
                <q className="note-anchor" data-testid="note-anchor">
                  {short(note.anchor.quote)}
                </q>
              )}
              <p className="note-text" data-testid="note-text">
                {note.text}
              </p>
              {note.resolvedAt ? (
                <p className="note-resolution">Resolved by {note.resolvedBy ?? 'someone'}</p>
              ) : (
                <button type="button" className="quiet note-resolve" onClick={() => void onResolve(note)} data-testid="note-resolve">
                  Resolve
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className="note-form" onSubmit={(event) => void add(event)} noValidate>
        <textarea
          rows={2}
          placeholder="Add a note for the desk…"
          aria-label="New note"
          value={text}
          onChange={(event) => setText(event.target.value)}
          data-testid="note-input"
        />
        {passage && (
          <label className="note-anchor-choice">
            <input type="checkbox" checked={anchored} onChange={(event) => setAnchored(event.target.checked)} data-testid="note-anchor-choice" />
            <span>
              About <q>{short(passage.quote)}</q>
            </span>
          </label>
        )}
        {problem && (
          <p className="field-problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy} data-testid="note-add">
          Add note
        </button>
      </form>
    </div>
  );
}
