/** A progress bar: how far (done of total), or moving when the total is not known yet (total 0). */
export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const known = total > 0;
  const percent = known ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div
      className={`progress-bar${known ? '' : ' progress-bar-unknown'}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={known ? total : undefined}
      aria-valuenow={known ? done : undefined}
      data-testid="progress-bar"
    >
      <div className="progress-bar-fill" style={{ width: known ? `${percent}%` : '30%' }} />
    </div>
  );
}
