/** Search results, best match first, each with the words that matched highlighted. */
import { useEffect, useState } from 'react';
import type { SearchHit, StorySummary } from '../../common/story.js';
import { invoke } from '../api.js';
import { whenUpdated } from '../format.js';
import { Snippet } from './Snippet.js';

type Results = { kind: 'searching' } | { kind: 'found'; hits: SearchHit[] } | { kind: 'failed'; message: string };

/** Waits for a pause in typing before asking the store. */
const TYPING_PAUSE_MS = 150;

export function SearchResults({ query, onOpen }: { query: string; onOpen: (story: StorySummary) => void }) {
  const [results, setResults] = useState<Results>({ kind: 'searching' });

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      invoke('story:search', { query, limit: 50 }).then(
        (hits) => current && setResults({ kind: 'found', hits }),
        (error: unknown) => current && setResults({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
      );
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  if (results.kind === 'failed') {
    return (
      <p className="empty" role="alert">
        {results.message}
      </p>
    );
  }
  if (results.kind === 'found' && results.hits.length === 0) {
    return (
      <p className="empty" data-testid="search-empty">
        No stories match “{query}”.
      </p>
    );
  }
  const hits = results.kind === 'found' ? results.hits : [];
  return (
    <ol className="search-results" data-testid="search-results" aria-busy={results.kind === 'searching'}>
      {hits.map(({ story, snippet }) => (
        <li key={story.id}>
          <button type="button" className="search-hit" data-testid="search-result" onClick={() => onOpen(story)}>
            <span className={story.headline ? 'hit-headline' : 'hit-headline untitled'}>{story.headline || 'Untitled'}</span>
            <span className="hit-meta">
              {[story.byline.join(', '), story.desk, whenUpdated(story.updatedAt)].filter((part) => part !== '').join(' · ')}
            </span>
            <Snippet text={snippet} />
          </button>
        </li>
      ))}
    </ol>
  );
}
