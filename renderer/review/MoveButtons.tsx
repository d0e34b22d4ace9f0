/**
 * The moves the current profile may make on the story, exactly as `workflow:moves` lists them: a
 * blocked move (Approve with a failing checklist, or one's own story) is shown disabled with the
 * reason, a move that needs a note asks for it first, and a refused move shows the rule's message.
 */
import { useId, useState, type FormEvent } from 'react';
import type { MoveOption } from '../../common/contract/index.js';
import { Dialog } from './Dialog.js';

/** Makes a move; resolves to null when made, or to why it was refused. */
export type MakeMove = (option: MoveOption, note?: string) => Promise<string | null>;

export function MoveButtons({ moves, busy, onMove }: { moves: MoveOption[] | null; busy: boolean; onMove: MakeMove }) {
  const ids = useId();
  const [asking, setAsking] = useState<MoveOption | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  if (moves === null) return <p className="review-quiet">Loading moves…</p>;
  if (moves.length === 0) {
    return (
      <p className="review-quiet" data-testid="no-moves">
        No moves for you on this story now.
      </p>
    );
  }

  const choose = async (option: MoveOption) => {
    setRefusal(null);
    if (option.note) {
      setAsking(option);
      return;
    }
    setRefusal(await onMove(option));
  };

  return (
    <div className="moves" data-testid="moves">
      <div className="move-buttons">
        {moves.map((option, i) => (
          <button
            key={option.action}
            type="button"
            className={`move move-${option.action}${option.action === 'approve' || option.action === 'file' ? ' primary' : ''}`}
            disabled={busy || option.blockedBy !== undefined}
            aria-describedby={option.blockedBy ? `${ids}-blocked-${i}` : undefined}
            onClick={() => void choose(option)}
            data-testid={`move-${option.action}`}
          >
            {option.label}
            {option.note ? '…' : ''}
          </button>
        ))}
      </div>
      {moves.map(
        (option, i) =>
          option.blockedBy && (
            <p key={option.action} id={`${ids}-blocked-${i}`} className="move-blocked" data-testid="move-blocked">
              <strong>{option.label}:</strong> {option.blockedBy}
            </p>
          ),
      )}
      {refusal && (
        <p className="move-refused" role="alert" data-testid="move-refused">
          {refusal}
        </p>
      )}
      {asking && (
        <MoveNoteDialog
          option={asking}
          onCancel={() => setAsking(null)}
          onSend={async (note) => {
            const refused = await onMove(asking, note);
            if (refused === null) setAsking(null);
            return refused;
          }}
        />
      )}
    </div>
  );
}

function MoveNoteDialog({
  option,
  onCancel,
  onSend,
}: {
  option: MoveOption;
  onCancel: () => void;
  onSend: (note: string) => Promise<string | null>;
}) {
  const ids = useId();
  const [note, setNote] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    // No check here: the workflow's own rule says what a note must be, in its own words.
    const refused = await onSend(note);
    setSending(false);
    setRefusal(refused);
  };

  return (
    <Dialog title={option.label} onClose={onCancel} testId="move-note-dialog">
      <form className="move-note" onSubmit={(event) => void send(event)} noValidate>
        <label htmlFor={`${ids}-note`}>{option.notePrompt ?? 'Add a note'}</label>
        <textarea id={`${ids}-note`} rows={4} autoFocus value={note} onChange={(event) => setNote(event.target.value)} data-testid="move-note" />
        {refusal && (
          <p className="move-refused" role="alert" data-testid="move-refused">
            {refusal}
          </p>
        )}
        <div className="review-dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={sending} data-testid="move-note-send">
            {option.label}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
