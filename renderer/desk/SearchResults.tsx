/**
 * Search results, best match first, each with its status and the words that matched highlighted.
 * The search looks in the queue (desk, person) the desk shows, or in every story when the reporter
 * says so; it says how many stories match and fetches the next page on "Show more".
 */
import { useEffect, useState } from 'react';
import type { SearchHit, StorySummary } from '../../common/story.js';
import { STATE_LABELS } from '../../common/workflow.js';
import { invoke } from '../api.js';
import { fullDateTime, whenUpdated } from '../format.js';
import type { ListFilter } from './Queues.js';
import { Snippet } from './Snippet.js';

type Results =
  | { kind: 'searching' }
  | { kind: 'found'; hits: SearchHit[]; total: number; more: 'idle' | 'loading' | string }
  | { kind: 'failed'; message: string };

/** Waits for a pause in typing before asking the store. */
const TYPING_PAUSE_MS = 150;
export const SEARCH_PAGE = 50;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function SearchResults({
  query,
  filter,
  where,
  onOpen,
  onSearchAll,
}: {
  query: string;
  /** Where to look: a queue, desk or person; {} for every story. */
  filter: ListFilter;
  /** Where that is, in words: "in “Filed”", "in all stories". */
  where: string;
  onOpen: (story: StorySummary) => void;
  /** Widens the search to every story, when it looked in less. */
  onSearchAll?: () => void;
}) {
  const [results, setResults] = useState<Results>({ kind: 'searching' });
  const { status, desk, createdBy } = filter;

  useEffect(() => {
    let current = true;
    setResults({ kind: 'searching' });
    const scope = { ...(status ? { status } : {}), ...(desk ? { desk } : {}), ...(createdBy ? { createdBy } : {}) };
    const timer = setTimeout(() => {
      Promise.all([invoke('story:search', { query, limit: SEARCH_PAGE, ...scope }), invoke('story:search-count', { query, ...scope })]).then(
        ([hits, { total }]) => current && setResults({ kind: 'found', hits, total: Math.max(total, hits.length), more: 'idle' }),
        (error: unknown) => current && setResults({ kind: 'failed', message: message(error) }),
      );
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, status, desk, createdBy]);

  const showMore = async () => {
    if (results.kind !== 'found') return;
    const shown = results.hits;
    setResults({ ...results, more: 'loading' });
    try {
      const scope = { ...(status ? { status } : {}), ...(desk ? { desk } : {}), ...(createdBy ? { createdBy } : {}) };
      const next = await invoke('story:search', { query, limit: SEARCH_PAGE, offset: shown.length, ...scope });
      // A story saved meanwhile may have moved in the ranking: list each story once.
      const seen = new Set(shown.map((hit) => hit.story.id));
      setResults((now) => (now.kind === 'found' && now.hits === shown ? { ...now, hits: [...shown, ...next.filter((hit) => !seen.has(hit.story.id))], more: 'idle' } : now));
    } catch (error) {
      setResults((now) => (now.kind === 'found' ? { ...now, more: `More results did not load: ${message(error)}` } : now));
    }
  };

  if (results.kind === 'failed') {
    return (
      <p className="empty" role="alert">
        {results.message}
      </p>
    );
  }
  if (results.kind === 'found' && results.hits.length === 0) {
    return (
      <div className="search-area">
        <p className="empty" data-testid="search-empty">
          No stories match “{query}”.
        </p>
        {where !== '' && onSearchAll && (
          <p className="search-where">
            Searched {where}.{' '}
            <button type="button" className="quiet" onClick={onSearchAll} data-testid="search-everywhere">
              Search all stories
            </button>
          </p>
        )}
      </div>
    );
  }
  const hits = results.kind === 'found' ? results.hits : [];
  return (
    <div className="search-area">
      {results.kind === 'found' && (
        <p className="search-count" role="status" data-testid="search-count">
          {results.total === 1 ? '1 story matches' : `${results.total.toLocaleString()} stories match`}
          {where === '' ? '' : ` ${where}`}
          {hits.length < results.total ? ` · showing ${hits.length.toLocaleString()}` : ''}
        </p>
      )}
      <ol className="search-results" data-testid="search-results" aria-busy={results.kind === 'searching'}>
        {hits.map(({ story, snippet }) => (
          <li key={story.id}>
            <button type="button" className="search-hit" data-testid="search-result" data-story-id={story.id} onClick={() => onOpen(story)}>
              <span className="hit-line">
                <span className={`status status-${story.status}`} data-testid="search-result-status">
                  {STATE_LABELS[story.status]}
                </span>
                <span className={story.headline ? 'hit-headline' : 'hit-headline untitled'}>{story.headline || 'Untitled'}</span>
              </span>
              <HitMeta story={story} />
              <Snippet text={snippet} />
            </button>
          </li>
        ))}
      </ol>
      {results.kind === 'found' && hits.length < results.total && (
        <div className="search-more">
          <button type="button" onClick={() => void showMore()} disabled={results.more === 'loading'} data-testid="search-more">
            {results.more === 'loading' ? 'Loading…' : `Show more (${(results.total - hits.length).toLocaleString()} left)`}
          </button>
          {results.more !== 'idle' && results.more !== 'loading' && (
            <span className="field-problem" role="alert">
              {results.more}
            </span>
          )}
        </div>
      )}
    </div>
  );
}

/** Byline, desk and when the story last changed: "Ana Lima · Politics · Today 02:47". */
function HitMeta({ story }: { story: StorySummary }) {
  const about = [story.byline.join(', '), story.desk].filter((part) => part !== '').join(' · ');
  return (
    <span className="hit-meta">
      {about === '' ? '' : `${about} · `}
      <time dateTime={story.updatedAt} title={fullDateTime(story.updatedAt)} data-testid="search-result-updated">
        {whenUpdated(story.updatedAt)}
      </time>
    </span>
  );
}
