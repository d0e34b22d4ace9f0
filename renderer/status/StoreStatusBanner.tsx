/**
 * What the window says about the story store itself: a splash while it starts (the start-up
 * check of a large store can take seconds, and the window must never look dead), a banner while
 * it restarts after the engine stopped ("The story store stopped; restarting…"), and what to do
 * if it could not be restarted. The text on screen is never touched: Autosave saves it again once
 * the store is back.
 */
import { useEffect, useState } from 'react';
import type { JobProgress, StoreStatus } from '../../common/contract/index.js';
import { onEvent, onStoreStatus } from '../api.js';
import { ProgressBar } from './ProgressBar.js';

/** The start-up check's job id, as the engine reports it. */
const START_CHECK = 'start-check';

export function StoreStatusBanner() {
  const [status, setStatus] = useState<StoreStatus | null>(null);
  const [check, setCheck] = useState<JobProgress | null>(null);
  useEffect(() => {
    const offStatus = onStoreStatus(setStatus);
    const offProgress = onEvent('job:progress', (payload) => {
      const progress = payload as JobProgress;
      if (progress.job === START_CHECK) setCheck(progress);
    });
    return () => {
      offStatus();
      offProgress();
    };
  }, []);

  if (status === null || status.state === 'ready') return null;
  if (status.state === 'starting') {
    return (
      <div className="store-splash" role="status" aria-live="polite" data-testid="store-splash">
        <div className="store-splash-card">
          <h1>Newsroom</h1>
          <p>{check?.what ?? 'Opening the story store'}…</p>
          <ProgressBar done={check?.done ?? 0} total={check?.total ?? 0} label="Opening the story store" />
        </div>
      </div>
    );
  }
  if (status.state === 'restarting') {
    return (
      <div className="banner banner-warning store-status" role="alert" data-testid="store-status">
        <p>
          <strong>The story store stopped; restarting…</strong> Your text is still here and will be saved again as soon as
          the store is back.
        </p>
      </div>
    );
  }
  // Closed at quit: nothing to say.
  if (status.reason === 'closed') return null;
  return (
    <div className="banner banner-error store-status" role="alert" data-testid="store-status">
      <p>
        <strong>The story store stopped and could not be restarted</strong> ({status.reason}). Your text is still on screen:
        copy anything not yet saved, then quit and start Newsroom again. Saved stories are safe.
      </p>
    </div>
  );
}
