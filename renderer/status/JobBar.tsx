/**
 * The window's long jobs (an import, an export batch, a backup check, a package): what each is
 * doing, how far it is and what is left, with Cancel. A cancelled job stops at its next step and
 * leaves nothing half-written; the screen that started it says what was done.
 */
import { useEffect, useState } from 'react';
import { cancelJob, watchJobs, type RunningJob } from '../api.js';
import { ProgressBar } from './ProgressBar.js';

function left(job: RunningJob): string {
  const progress = job.progress;
  if (progress === null || progress.total === 0) return 'Starting…';
  const remaining = Math.max(0, progress.total - progress.done);
  return `${progress.done} of ${progress.total} done, ${remaining} left`;
}

export function JobBar() {
  const [jobs, setJobs] = useState<RunningJob[]>([]);
  useEffect(() => watchJobs(setJobs), []);
  if (jobs.length === 0) return null;
  return (
    <div className="job-bar" aria-live="polite" data-testid="job-bar">
      {jobs.map((job) => (
        <div className="job" key={job.job} data-testid="job">
          <div className="job-text">
            <strong>{job.title}</strong> <span data-testid="job-what">{job.progress?.what ?? ''}</span>{' '}
            <span className="job-left" data-testid="job-left">
              {left(job)}
            </span>
          </div>
          <ProgressBar done={job.progress?.done ?? 0} total={job.progress?.total ?? 0} label={job.title} />
          <button type="button" className="quiet" disabled={job.cancelling} onClick={() => void cancelJob(job.job)} data-testid="job-cancel">
            {job.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      ))}
    </div>
  );
}
