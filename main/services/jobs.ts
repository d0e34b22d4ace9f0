/** Long work as the services do it: a step at a time, saying how far it is, stopping when cancelled. */
import type { CallerContext, JobControl, JobProgress } from '../../common/contract/index.js';
import { NewsroomError } from '../../common/errors.js';

/**
 * Runs `step` for each item in order, reporting progress to the caller's job (if any) and checking
 * its cancel before each step: a cancelled batch stops between items, so every item it did is
 * whole and the rest are untouched. `done` says, for the cancel message, what was finished.
 */
export async function eachStep<T>(
  caller: CallerContext,
  items: readonly T[],
  what: (item: T) => string,
  step: (item: T) => Promise<void>,
  cancelled: (done: number, total: number) => string,
): Promise<void> {
  const job = caller.job;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i] as T;
    if (job?.signal.aborted) throw new NewsroomError('cancelled', cancelled(i, items.length));
    job?.report(what(item), i, items.length);
    await step(item);
  }
  job?.report('Done', items.length, items.length);
}

/** The jobs running in an engine: started by a call that carries a job id, cancelled by `job:cancel`. */
export interface JobRegistry {
  /** A job's hooks: progress goes to the registry's listener; its cancel is the registry's. */
  start(job: string): JobControl;
  /** Aborts a running job; false when none of that id is running. */
  cancel(job: string): boolean;
  /** The job is over (its call answered). */
  finish(job: string): void;
}

export function createJobRegistry(onProgress: (progress: JobProgress) => void): JobRegistry {
  const running = new Map<string, AbortController>();
  return {
    start(job) {
      const controller = new AbortController();
      running.get(job)?.abort();
      running.set(job, controller);
      return { signal: controller.signal, report: (what, done, total) => onProgress({ job, what, done, total }) };
    },
    cancel(job) {
      const controller = running.get(job);
      if (controller === undefined) return false;
      controller.abort();
      return true;
    },
    finish(job) {
      running.delete(job);
    },
  };
}
