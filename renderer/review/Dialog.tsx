/**
 * A small modal dialog on the platform's own <dialog>: it traps focus, Escape closes it, and the
 * page behind it is inert. Mounted to open, unmounted to close.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog({
  title,
  onClose,
  children,
  testId,
  closeTestId,
  className,
}: {
  title: string;
  /** Escape, or the close button; not offered when omitted (a choice that must be made). */
  onClose?: () => void;
  children: ReactNode;
  testId?: string;
  /** A test id for the close button, where tests close the dialog by it. */
  closeTestId?: string;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    // Guarded, not closed in a cleanup: StrictMode's rehearsal unmount would otherwise fire `close`.
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  return (
    <dialog
      ref={ref}
      className={className ? `review-dialog ${className}` : 'review-dialog'}
      aria-label={title}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose?.();
      }}
    >
      <header className="review-dialog-head">
        <h2>{title}</h2>
        {onClose && (
          <button type="button" className="quiet" aria-label="Close" onClick={onClose} data-testid={closeTestId}>
            ×
          </button>
        )}
      </header>
      {children}
    </dialog>
  );
}
