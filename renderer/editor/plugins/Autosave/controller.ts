/**
 * When and what to save while a reporter writes. Plain TypeScript (no React, no Lexical) so its
 * rules are easy to follow:
 *
 * - A save goes out ~600 ms after the last change, and at the latest 3 s into continuous typing.
 * - `flush()` (blur, leaving the story, the window closing) saves at once and resolves when
 *   everything typed so far is stored, or when a save failed.
 * - Only one save is in flight; changes made meanwhile go out right after it.
 * - Every save names the version it edits and keeps the version the store returns. A conflict
 *   stops autosaving: the text stays in the editor until the reporter chooses what to do.
 * - Only what changed since the last save is sent, and nothing when nothing changed.
 * - If the story store stopped under a save (the engine crashed and is restarting), the text stays
 *   and goes out again once the store is back (`storeBack`, or the next change or flush). That save
 *   may have landed before the crash without its answer: the store is asked first, and a stored
 *   version holding exactly the text sent is adopted, never mistaken for someone else's.
 */
import { fieldsOf, type StoryFields, type Story } from '../../../../common/story.js';
import type { ApiError } from '../../../api.js';

export type SaveState =
  | { kind: 'saved'; at: string }
  | { kind: 'saving' }
  | { kind: 'failed'; reason: string }
  /** Someone saved a newer version (or deleted the story); nothing more is written until the reporter decides. */
  | { kind: 'conflict'; reason: 'changed-elsewhere' | 'deleted'; message: string };

export interface StorySnapshot {
  fields: StoryFields;
  /** Lexical JSON text of the body. */
  body: string;
}

export interface SaveRequest {
  id: string;
  version: number;
  fields?: StoryFields;
  body?: string;
}

export interface AutosaveOptions {
  storyId: string;
  version: number;
  savedAt: string;
  read: () => StorySnapshot;
  save: (request: SaveRequest) => Promise<Story>;
  onState: (state: SaveState) => void;
  /** What the store holds now: asked after the store stopped under a save. */
  stored?: () => Promise<Story>;
  /** Whether two bodies are the same text (the store keeps bodies in a normal form). */
  sameBody?: (a: string, b: string) => boolean;
  debounceMs?: number;
  maxWaitMs?: number;
  now?: () => number;
}

/** Field values in a fixed key order, so equal fields always compare equal. */
export function fieldsKey(fields: StoryFields): string {
  return JSON.stringify([
    fields.headline,
    fields.standfirst,
    fields.byline,
    fields.dateline.place,
    fields.dateline.date,
    fields.desk,
    fields.language,
  ]);
}

function isApiErrorLike(error: unknown): error is Pick<ApiError, 'code' | 'message'> {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

export class AutosaveController {
  readonly storyId: string;
  private version: number;
  private baseline: { fields: string; body: string } | null = null;
  private lastSaved: { kind: 'saved'; at: string };
  private state: SaveState;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstUnsavedChangeAt: number | null = null;
  private inFlight: Promise<void> | null = null;
  private changedSinceRead = false;
  /** The save the store stopped under: it may or may not have landed. */
  private unanswered: { snapshot: StorySnapshot; fields: string } | null = null;
  private readonly options: Required<Pick<AutosaveOptions, 'debounceMs' | 'maxWaitMs' | 'now'>> & AutosaveOptions;

  constructor(options: AutosaveOptions) {
    this.options = { debounceMs: 600, maxWaitMs: 3000, now: () => Date.now(), ...options };
    this.storyId = options.storyId;
    this.version = options.version;
    this.lastSaved = { kind: 'saved', at: options.savedAt };
    this.state = this.lastSaved;
  }

  get currentVersion(): number {
    return this.version;
  }

  get currentState(): SaveState {
    return this.state;
  }

  /** Records what the store holds now (on open, and after "Reload theirs"). */
  resetTo(snapshot: StorySnapshot, story?: Pick<Story, 'version' | 'updatedAt'>): void {
    this.clearTimer();
    this.baseline = { fields: fieldsKey(snapshot.fields), body: snapshot.body };
    if (story) {
      this.version = story.version;
      this.lastSaved = { kind: 'saved', at: story.updatedAt };
    }
    this.changedSinceRead = false;
    this.firstUnsavedChangeAt = null;
    this.setState(this.lastSaved);
  }

  /** The form's fields may have changed: save soon if they differ from what is stored. */
  fieldsChanged(fields: StoryFields): void {
    if (this.baseline !== null && fieldsKey(fields) === this.baseline.fields) return;
    this.changed();
  }

  /** Something in the story may have changed: save soon. */
  changed(): void {
    if (this.state.kind === 'conflict') return;
    this.changedSinceRead = true;
    const now = this.options.now();
    this.firstUnsavedChangeAt ??= now;
    const waited = now - this.firstUnsavedChangeAt;
    const delay = Math.max(0, Math.min(this.options.debounceMs, this.options.maxWaitMs - waited));
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
    // Never show "Saved" while typed text is not stored yet.
    if (this.state.kind === 'saved') this.setState({ kind: 'saving' });
  }

  /**
   * Saves now whatever is not stored yet. Resolves true when everything is stored, false when a
   * save failed or a conflict is waiting for the reporter.
   */
  async flush(): Promise<boolean> {
    this.clearTimer();
    for (;;) {
      if (this.inFlight) {
        await this.inFlight;
        // Someone else's save just failed: report it rather than hammer the store again.
        if (this.state.kind === 'failed') return false;
        continue;
      }
      if (this.state.kind === 'conflict') return false;
      if (this.unanswered !== null) {
        const settling = this.settleUnanswered();
        this.inFlight = settling.then(() => undefined);
        const settled = await settling;
        this.inFlight = null;
        if (!settled) return false;
      }
      const snapshot = this.options.read();
      this.changedSinceRead = false;
      const fields = fieldsKey(snapshot.fields);
      const fieldsChanged = this.baseline === null || fields !== this.baseline.fields;
      const bodyChanged = this.baseline === null || snapshot.body !== this.baseline.body;
      if (!fieldsChanged && !bodyChanged) {
        this.firstUnsavedChangeAt = null;
        this.setState(this.lastSaved);
        return true;
      }
      await this.send(snapshot, fields, fieldsChanged, bodyChanged);
      // The save settled: stop on a failure or conflict, else loop for anything typed meanwhile.
      if (!this.lastSaveSucceeded()) return false;
    }
  }

  private lastSaveSucceeded(): boolean {
    return this.state.kind === 'saved' || this.state.kind === 'saving';
  }

  /**
   * The story store is back after it stopped (the engine restarted): saves again what it stopped
   * under, and anything typed since. Resolves like `flush`.
   */
  storeBack(): Promise<boolean> {
    if (this.unanswered === null && this.state.kind !== 'failed') return Promise.resolve(true);
    return this.flush();
  }

  /**
   * Asks the store whether the save it stopped under landed: true when this window may go on
   * saving (the version it holds is known), false on a conflict or when the store cannot answer.
   */
  private async settleUnanswered(): Promise<boolean> {
    const attempt = this.unanswered;
    if (attempt === null || this.options.stored === undefined) {
      this.unanswered = null;
      return true;
    }
    let story: Story;
    try {
      story = await this.options.stored();
    } catch (error) {
      if (isApiErrorLike(error) && error.code === 'not-found') {
        this.unanswered = null;
        this.setState({ kind: 'conflict', reason: 'deleted', message: error.message });
      } else {
        this.setState({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
      }
      return false;
    }
    this.unanswered = null;
    if (story.version === this.version) return true;
    const sameBody = this.options.sameBody ?? ((a: string, b: string) => a === b);
    if (fieldsKey(fieldsOf(story)) === attempt.fields && sameBody(story.body, attempt.snapshot.body)) {
      // It landed; only its answer was lost with the engine.
      this.version = story.version;
      this.baseline = { fields: attempt.fields, body: attempt.snapshot.body };
      this.lastSaved = { kind: 'saved', at: story.updatedAt };
      return true;
    }
    this.clearTimer();
    this.setState({
      kind: 'conflict',
      reason: 'changed-elsewhere',
      message: 'This story was saved elsewhere while the story store restarted: your text is still here and has not been written over theirs.',
    });
    return false;
  }

  /** Stops the timer; a final flush is the caller's choice. */
  dispose(): void {
    this.clearTimer();
  }

  private send(snapshot: StorySnapshot, fieldsText: string, fieldsChanged: boolean, bodyChanged: boolean): Promise<void> {
    this.firstUnsavedChangeAt = null;
    this.setState({ kind: 'saving' });
    const request: SaveRequest = { id: this.storyId, version: this.version };
    if (fieldsChanged) request.fields = snapshot.fields;
    if (bodyChanged) request.body = snapshot.body;
    const run = this.options
      .save(request)
      .then((story) => {
        this.version = story.version;
        this.baseline = { fields: fieldsText, body: snapshot.body };
        this.lastSaved = { kind: 'saved', at: story.updatedAt };
        // Typing during the save keeps "Saving…" up: its own save follows.
        this.setState(this.changedSinceRead ? { kind: 'saving' } : this.lastSaved);
      })
      .catch((error: unknown) => {
        if (isApiErrorLike(error) && error.code === 'conflict') {
          this.clearTimer();
          this.setState({ kind: 'conflict', reason: 'changed-elsewhere', message: error.message });
        } else if (isApiErrorLike(error) && error.code === 'store-unavailable') {
          // The store stopped under this save: it may have landed. Settled when the store is back.
          this.unanswered = { snapshot, fields: fieldsText };
          this.setState({ kind: 'failed', reason: error.message });
        } else if (isApiErrorLike(error) && error.code === 'not-found') {
          this.clearTimer();
          this.setState({ kind: 'conflict', reason: 'deleted', message: error.message });
        } else {
          this.setState({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
        }
      })
      .finally(() => {
        this.inFlight = null;
      });
    this.inFlight = run;
    return run;
  }

  private setState(state: SaveState): void {
    this.state = state;
    this.options.onState(state);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
