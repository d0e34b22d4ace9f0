/**
 * The moves the current profile may make on the story, exactly as `workflow:moves` lists them: a
 * blocked move (Approve with a failing checklist, or one's own story) is shown disabled with the
 * reason, a move that needs a note asks for it first, a move made over open required checklist
 * items asks "file anyway?", and a refused move shows the rule's message. Spike is kept away from
 * Approve, in the "More" menu at the other end of the row: one slip must not spike a story.
 */
import { useId, useState, type FormEvent } from 'react';
import type { MoveOption } from '../../common/contract/index.js';
import { Dialog } from './Dialog.js';

/** Makes a move; resolves to null when made, or to why it was refused. */
export type MakeMove = (option: MoveOption, note?: string) => Promise<string | null>;

/** Moves that end a story's run: offered from the menu, never as a button beside the others. */
const RARE_MOVES: readonly MoveOption['action'][] = ['spike'];

export function MoveButtons({ moves, busy, onMove }: { moves: MoveOption[] | null; busy: boolean; onMove: MakeMove }) {
  const ids = useId();
  const [asking, setAsking] = useState<MoveOption | null>(null);
  const [confirming, setConfirming] = useState<MoveOption | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [moreOpen, setMoreOpen] = useState(false);

  if (moves === null) return <p className="review-quiet">Loading moves…</p>;
  if (moves.length === 0) {
    return (
      <p className="review-quiet" data-testid="no-moves">
        No moves for you on this story now.
      </p>
    );
  }

  const choose = async (option: MoveOption, confirmed = false) => {
    setRefusal(null);
    setMoreOpen(false);
    if (option.confirm && option.confirm.length > 0 && !confirmed) {
      setConfirming(option);
      return;
    }
    if (option.note) {
      setAsking(option);
      return;
    }
    setRefusal(await onMove(option));
  };

  const button = (option: MoveOption) => {
    const i = moves.indexOf(option);
    return (
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
    );
  };
  const usual = moves.filter((option) => !RARE_MOVES.includes(option.action));
  const rare = moves.filter((option) => RARE_MOVES.includes(option.action));

  return (
    <div className="moves" data-testid="moves">
      <div className="move-buttons">
        {usual.map(button)}
        {rare.length > 0 && (
          <span className="move-more">
            <button
              type="button"
              className="quiet move-more-button"
              aria-expanded={moreOpen}
              aria-controls={`${ids}-more`}
              onClick={() => setMoreOpen((open) => !open)}
              data-testid="move-more"
            >
              More ▾
            </button>
            {moreOpen && (
              <span className="move-more-list" id={`${ids}-more`} data-testid="move-more-list">
                {rare.map(button)}
              </span>
            )}
          </span>
        )}
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
      {confirming && (
        <Dialog title={`${confirming.label}?`} onClose={() => setConfirming(null)} testId="move-confirm-dialog">
          <p>The checklist still has required items open:</p>
          <ul className="move-confirm-items" data-testid="move-confirm-items">
            {(confirming.confirm ?? []).map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          <p>{confirming.action === 'file' ? 'File anyway? The desk will see the same list.' : 'Go ahead anyway?'}</p>
          <div className="review-dialog-actions">
            <button type="button" autoFocus onClick={() => setConfirming(null)} data-testid="move-confirm-cancel">
              Keep working
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => {
                const option = confirming;
                setConfirming(null);
                void choose(option, true);
              }}
              data-testid="move-confirm-anyway"
            >
              {confirming.action === 'file' ? 'File anyway' : `${confirming.label} anyway`}
            </button>
          </div>
        </Dialog>
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
