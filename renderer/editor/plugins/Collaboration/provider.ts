/**
 * Newsroom's own provider for @lexical/yjs: it relays a story's Y.Doc between the window and the
 * engine over the contract, not over a network. The engine holds the truth (it seeded the doc,
 * headless): `connect` takes the engine's whole state (`doc:open`), every local transaction goes
 * out as `doc:update` tagged with this window's origin, and every `doc:update` event from the
 * engine that is not this window's own is applied here. Nothing is ever seeded from the window
 * (Lexical's collaboration docs: a client that bootstraps content duplicates it).
 *
 * "Saved" means on disk: `saved()` resolves when every local change sent has been answered, and
 * the engine answers only after its row is written with synchronous=FULL.
 */
import * as Y from 'yjs';
import type { Provider, ProviderAwareness, UserState } from '@lexical/yjs';
import type { ChannelArg, ChannelResult, StoryDocUpdate } from '../../../../common/contract/index.js';

/** The two calls and the one event the provider needs: the renderer's api.ts, or a test's door. */
export interface DocTransport {
  open(arg: ChannelArg<'doc:open'>): Promise<ChannelResult<'doc:open'>>;
  update(arg: ChannelArg<'doc:update'>): Promise<ChannelResult<'doc:update'>>;
  /** Listens for the engine's `doc:update` events; returns the unsubscribe function. */
  onUpdate(listener: (change: StoryDocUpdate) => void): () => void;
}

export type DocSaveState = { kind: 'saved' } | { kind: 'saving' } | { kind: 'failed'; reason: string };

type Listener = (...args: never[]) => void;

/** Cursors of other windows are not shown yet: a local awareness with nobody else in it. */
function localAwareness(): ProviderAwareness {
  let local: UserState | null = null;
  const listeners = new Set<() => void>();
  return {
    getLocalState: () => local,
    getStates: () => new Map(local === null ? [] : [[0, local]]),
    on: (_type, cb) => void listeners.add(cb),
    off: (_type, cb) => void listeners.delete(cb),
    setLocalState: (state) => {
      local = state;
    },
    setLocalStateField: (field, value) => {
      local = { ...(local ?? ({} as UserState)), [field]: value } as UserState;
    },
  };
}

/** A random tag for this window's changes: the engine's events carry `<origin>:<tag>`. */
export function newOriginTag(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class NewsroomDocProvider implements Provider {
  readonly awareness = localAwareness();
  readonly tag: string;
  private readonly listeners = new Map<string, Set<Listener>>();
  private stopEvents: (() => void) | null = null;
  private outbox: Uint8Array[] = [];
  private sending: Promise<void> | null = null;
  private state: DocSaveState = { kind: 'saved' };
  private readonly stateWatchers = new Set<(state: DocSaveState) => void>();
  private connected = false;
  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    // What came from the engine is not sent back to it.
    if (origin === this) return;
    this.outbox.push(update);
    this.pump();
  };

  constructor(
    readonly storyId: string,
    readonly doc: Y.Doc,
    private readonly transport: DocTransport,
    tag: string = newOriginTag(),
  ) {
    this.tag = tag;
  }

  /** Takes the engine's state, then follows the engine's changes; emits `sync` true once in step. */
  async connect(): Promise<void> {
    if (this.connected) return;
    this.connected = true;
    this.stopEvents = this.transport.onUpdate((change) => {
      if (change.storyId !== this.storyId || this.isOwn(change.origin)) return;
      Y.applyUpdate(this.doc, change.update, this);
    });
    this.emit('status', { status: 'connecting' });
    const opened = await this.transport.open({ id: this.storyId });
    if (!this.connected) return;
    Y.applyUpdate(this.doc, opened.state, this);
    this.doc.on('update', this.onDocUpdate);
    this.emit('status', { status: 'connected' });
    this.emit('sync', true);
  }

  disconnect(): void {
    if (!this.connected) return;
    this.connected = false;
    this.stopEvents?.();
    this.stopEvents = null;
    this.doc.off('update', this.onDocUpdate);
    this.emit('status', { status: 'disconnected' });
  }

  /** Resolves once every local change made so far is on disk; rejects when a change was refused. */
  async saved(): Promise<void> {
    // After a failure this sends once more; a second failure is reported, not retried in a loop.
    this.pump();
    while (this.sending !== null) await this.sending;
    if (this.state.kind === 'failed') throw new Error(this.state.reason);
  }

  saveState(): DocSaveState {
    return this.state;
  }

  watchSaveState(watcher: (state: DocSaveState) => void): () => void {
    this.stateWatchers.add(watcher);
    return () => this.stateWatchers.delete(watcher);
  }

  on(type: string, cb: Listener): void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(cb);
  }

  off(type: string, cb: Listener): void {
    this.listeners.get(type)?.delete(cb);
  }

  private isOwn(origin: string): boolean {
    return origin.endsWith(`:${this.tag}`);
  }

  private emit(type: string, payload: unknown): void {
    for (const cb of this.listeners.get(type) ?? []) (cb as (arg: unknown) => void)(payload);
  }

  private setState(state: DocSaveState): void {
    this.state = state;
    for (const watcher of this.stateWatchers) watcher(state);
  }

  /** One `doc:update` in flight at a time; what was typed meanwhile goes out merged, next. */
  private pump(): void {
    if (this.sending !== null || this.outbox.length === 0) return;
    const batch = this.outbox.splice(0);
    const update = batch.length === 1 ? (batch[0] as Uint8Array) : Y.mergeUpdates(batch);
    this.setState({ kind: 'saving' });
    this.sending = this.transport
      .update({ id: this.storyId, update, origin: this.tag })
      .then(
        () => {
          if (this.outbox.length === 0) this.setState({ kind: 'saved' });
        },
        (error: unknown) => {
          // Kept to send again with the next change or `saved()`: nothing typed is dropped here.
          this.outbox.unshift(update);
          this.setState({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
        },
      )
      .finally(() => {
        this.sending = null;
        if (this.state.kind !== 'failed') this.pump();
      });
  }
}
