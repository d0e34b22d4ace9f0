/**
 * The desk's queues: a reporter starts on their own drafts, an editor on the filed copy (see
 * `firstQueue`), and either can look at every state of the workflow, one desk or one person, with
 * the number of stories in each. The view chosen is remembered per profile for this window, so
 * coming back from a story returns to the same queue.
 */
import { useEffect, useState } from 'react';
import type { Profile } from '../../common/contract/index.js';
import { STATES, STATE_LABELS, firstQueue, type StoryState } from '../../common/workflow.js';
import { invoke } from '../api.js';

export type QueueId = 'mine' | Exclude<StoryState, 'draft'> | 'all';

export const QUEUES: ReadonlyArray<{ id: QueueId; label: string }> = [
  { id: 'mine', label: 'My drafts' },
  ...STATES.filter((s): s is Exclude<StoryState, 'draft'> => s !== 'draft').map((s) => ({ id: s, label: STATE_LABELS[s] })),
  { id: 'all', label: 'All stories' },
];

export interface DeskView {
  queue: QueueId;
  /** Exact desk name, or '' for every desk. */
  desk: string;
  /** The id of the profile whose stories to show, or '' for everyone. */
  person: string;
}

/** What `story:list` is asked for a view. */
export interface ListFilter {
  status?: StoryState;
  desk?: string;
  createdBy?: string;
}

export function listFilter(view: DeskView, me: Profile): ListFilter {
  const filter: ListFilter = {};
  if (view.queue === 'mine') {
    filter.status = 'draft';
    filter.createdBy = me.id;
  } else {
    if (view.queue !== 'all') filter.status = view.queue;
    if (view.person !== '') filter.createdBy = view.person;
  }
  if (view.desk.trim() !== '') filter.desk = view.desk.trim();
  return filter;
}

export function firstView(me: Profile): DeskView {
  const state = firstQueue(me.roles);
  return { queue: state === 'draft' ? 'mine' : state, desk: '', person: '' };
}

const storageKey = (me: Profile) => `newsroom.desk-view.${me.id}`;

function rememberedView(me: Profile): DeskView | null {
  try {
    const raw: unknown = JSON.parse(sessionStorage.getItem(storageKey(me)) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return null;
    const { queue, desk, person } = raw as Record<string, unknown>;
    if (!QUEUES.some((q) => q.id === queue) || typeof desk !== 'string' || typeof person !== 'string') return null;
    return { queue: queue as QueueId, desk, person };
  } catch {
    return null;
  }
}

/** The desk view for this profile: where they left it in this window, else their role's first queue. */
export function useDeskView(me: Profile): [DeskView, (view: DeskView) => void] {
  const [view, setView] = useState<DeskView>(() => rememberedView(me) ?? firstView(me));
  const choose = (next: DeskView) => {
    setView(next);
    try {
      sessionStorage.setItem(storageKey(me), JSON.stringify(next));
    } catch {
      // Storage refused (private mode, quota): the view is simply not remembered.
    }
  };
  return [view, choose];
}

type Counts = Record<QueueId, number>;

async function loadCounts(view: DeskView, me: Profile): Promise<Counts> {
  const desk = view.desk.trim() === '' ? {} : { desk: view.desk.trim() };
  const total = async (filter: ListFilter) => (await invoke('story:list', { ...filter, ...desk, limit: 1 })).total;
  let perState: Record<StoryState, number>;
  if (view.person === '') {
    perState = await invoke('workflow:queues', desk);
  } else {
    // workflow:queues counts everyone's stories: one person's counts come from the list's totals.
    const totals = await Promise.all(STATES.map((status) => total({ status, createdBy: view.person })));
    perState = Object.fromEntries(STATES.map((s, i) => [s, totals[i] ?? 0])) as Record<StoryState, number>;
  }
  const mine = await total({ status: 'draft', createdBy: me.id });
  const counts = { mine, all: STATES.reduce((sum, s) => sum + perState[s], 0) } as Counts;
  for (const s of STATES) if (s !== 'draft') counts[s] = perState[s];
  return counts;
}

export function Queues({
  view,
  onChange,
  me,
  profiles,
}: {
  view: DeskView;
  onChange: (view: DeskView) => void;
  me: Profile;
  profiles: Profile[];
}) {
  const [counts, setCounts] = useState<Counts | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    loadCounts(view, me).then(
      (loaded) => {
        if (!current) return;
        setCounts(loaded);
        setProblem(null);
      },
      (error: unknown) => current && setProblem(`Queue counts did not load: ${error instanceof Error ? error.message : String(error)}`),
    );
    return () => {
      current = false;
    };
  }, [view, me]);

  return (
    <div className="queues-bar">
      <nav className="queues" aria-label="Queues">
        {QUEUES.map((queue) => (
          <button
            key={queue.id}
            type="button"
            className="queue"
            aria-pressed={view.queue === queue.id}
            onClick={() => onChange({ ...view, queue: queue.id })}
            data-testid={`queue-${queue.id}`}
          >
            <span className="queue-label">{queue.label}</span>
            <span className="queue-count" data-testid="queue-count" aria-label={counts ? `${counts[queue.id]} stories` : 'counting'}>
              {counts ? counts[queue.id].toLocaleString() : '·'}
            </span>
          </button>
        ))}
      </nav>
      <div className="queue-filters">
        <label>
          <span>Desk</span>
          <input
            type="search"
            placeholder="All desks"
            value={view.desk}
            onChange={(event) => onChange({ ...view, desk: event.target.value })}
            data-testid="filter-desk"
          />
        </label>
        <label>
          <span>Person</span>
          <select
            value={view.queue === 'mine' ? me.id : view.person}
            disabled={view.queue === 'mine'}
            title={view.queue === 'mine' ? 'My drafts are always yours' : undefined}
            onChange={(event) => onChange({ ...view, person: event.target.value })}
            data-testid="filter-person"
          >
            <option value="">Everyone</option>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.id === me.id ? `${p.name} (me)` : p.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
