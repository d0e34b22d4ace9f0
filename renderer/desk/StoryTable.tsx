/**
 * The desk's story list, virtualised: every row has the same height, only the rows in view (and a
 * few either side) are in the DOM, and their pages are fetched as they come into view. Headers
 * sort the list through the store (story:list sort/direction), so sorting 100,000 stories costs
 * the same as sorting ten.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { StorySortKey, StorySummary } from '../../common/story.js';
import { fullDateTime, whenUpdated } from '../format.js';
import type { ListFilter } from './Queues.js';
import { StoryPages } from './storyPages.js';

export const ROW_HEIGHT = 36;
const OVERSCAN = 6;
const SCROLL_REST_MS = 40;

export interface SortOrder {
  sort: StorySortKey;
  direction: 'asc' | 'desc';
}

const COLUMNS: ReadonlyArray<{ key: StorySortKey; label: string; firstDirection: 'asc' | 'desc' }> = [
  { key: 'status', label: 'Status', firstDirection: 'asc' },
  { key: 'headline', label: 'Headline', firstDirection: 'asc' },
  { key: 'byline', label: 'Byline', firstDirection: 'asc' },
  { key: 'desk', label: 'Desk', firstDirection: 'asc' },
  { key: 'wordCount', label: 'Words', firstDirection: 'desc' },
  { key: 'updatedAt', label: 'Updated', firstDirection: 'desc' },
];

/** Clicking the sorted column turns the order round; another column starts in its natural order. */
export function nextSort(current: SortOrder, key: StorySortKey): SortOrder {
  if (current.sort === key) return { sort: key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  const column = COLUMNS.find((c) => c.key === key);
  return { sort: key, direction: column?.firstDirection ?? 'asc' };
}

/** "changes-requested" → "Changes requested": readable for any status the workflow has. */
function statusLabel(status: string): string {
  const words = status.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function StoryTable({
  trashed,
  order,
  onSort,
  onOpen,
  onRestore,
  filter = {},
  emptyText,
  emptyHelp,
}: {
  trashed: boolean;
  order: SortOrder;
  onSort: (order: SortOrder) => void;
  onOpen: (story: StorySummary) => void;
  onRestore?: (story: StorySummary) => void;
  /** Only one queue, desk or person. */
  filter?: ListFilter;
  /** What an empty list says, when not the whole desk. */
  emptyText?: string;
  /** Under it, how to start (on the reporter's own drafts and an empty desk). */
  emptyHelp?: ReactNode;
}) {
  const [, setRevision] = useState(0);
  const { status, desk, createdBy } = filter;
  const pages = useMemo(
    () =>
      new StoryPages(
        {
          sort: order.sort,
          direction: order.direction,
          trashed,
          ...(status === undefined ? {} : { status }),
          ...(desk === undefined ? {} : { desk }),
          ...(createdBy === undefined ? {} : { createdBy }),
        },
        () => setRevision((n) => n + 1),
      ),
    [order.sort, order.direction, trashed, status, desk, createdBy],
  );
  useEffect(() => () => pages.dispose(), [pages]);

  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A new order starts at the top.
  useLayoutEffect(() => {
    if (viewport.current) viewport.current.scrollTop = 0;
    setScrollTop(0);
  }, [pages]);

  const total = pages.total ?? 0;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total - 1, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  // A fling past thousands of rows should not fetch every page it passes: wait for the scroll to
  // rest a moment (the first page loads at once).
  useEffect(() => {
    const timer = setTimeout(() => pages.want(first, Math.max(first, last)), pages.total === null ? 0 : SCROLL_REST_MS);
    return () => clearTimeout(timer);
  }, [pages, first, last]);

  const openOnKey = (event: KeyboardEvent, story: StorySummary | undefined) => {
    if (story && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      onOpen(story);
    }
  };

  const rows = [];
  for (let index = first; index <= last; index += 1) {
    const story = pages.row(index);
    rows.push(
      <div
        key={index}
        role="row"
        aria-rowindex={index + 2}
        className={story ? 'story-row' : 'story-row story-row-loading'}
        data-testid="story-row"
        data-story-id={story?.id}
        style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
        tabIndex={story ? 0 : -1}
        onClick={() => story && onOpen(story)}
        onKeyDown={(event) => openOnKey(event, story)}
      >
        {story ? (
          <>
            <span role="cell" className="cell-status">
              <span className={`status status-${story.status}`}>{statusLabel(story.status)}</span>
            </span>
            <span role="cell" className={story.headline ? 'cell-headline' : 'cell-headline untitled'} data-testid="row-headline">
              {story.headline || 'Untitled'}
            </span>
            <span role="cell" className="cell-byline">{story.byline.join(', ')}</span>
            <span role="cell" className="cell-desk">{story.desk}</span>
            <span role="cell" className="cell-words">{story.wordCount.toLocaleString()}</span>
            <span role="cell" className="cell-updated" title={fullDateTime(story.updatedAt)}>
              {whenUpdated(story.updatedAt)}
            </span>
            {onRestore && (
              <span role="cell" className="cell-action">
                <button
                  type="button"
                  className="quiet"
                  data-testid="restore-row"
                  onClick={(event) => {
                    event.stopPropagation();
                    onRestore(story);
                  }}
                >
                  Restore
                </button>
              </span>
            )}
          </>
        ) : (
          <span role="cell" className="cell-loading">
            Loading…
          </span>
        )}
      </div>,
    );
  }

  return (
    <div
      className={trashed ? 'story-table story-table-trash' : 'story-table'}
      role="table"
      aria-label={trashed ? 'Stories in the trash' : 'Stories'}
      aria-rowcount={total + 1}
      data-testid="story-table"
      data-total={pages.total ?? undefined}
    >
      <div role="rowgroup" className="story-table-head">
        <div role="row" aria-rowindex={1} className="story-row-head">
          {COLUMNS.map((column) => {
            const sorted = !trashed && order.sort === column.key;
            return (
              <span
                key={column.key}
                role="columnheader"
                className={`cell-${column.key === 'wordCount' ? 'words' : column.key === 'updatedAt' ? 'updated' : column.key}`}
                aria-sort={sorted ? (order.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                {trashed ? (
                  column.label
                ) : (
                  <button type="button" onClick={() => onSort(nextSort(order, column.key))} data-testid={`sort-${column.key}`}>
                    {column.label}
                    <span className="sort-mark" aria-hidden="true">
                      {sorted ? (order.direction === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                )}
              </span>
            );
          })}
          {onRestore && <span role="columnheader" className="cell-action" aria-label="Actions" />}
        </div>
      </div>
      <div
        ref={viewport}
        role="rowgroup"
        className="story-table-body"
        data-testid="story-rows"
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <div className="story-table-spacer" style={{ height: total * ROW_HEIGHT }}>
          {rows}
        </div>
        {pages.total === 0 && (
          <div className="empty-desk">
            <p className="empty" data-testid="desk-empty">
              {trashed ? 'The trash is empty.' : (emptyText ?? 'No stories yet.')}
            </p>
            {!trashed && emptyHelp}
          </div>
        )}
        {pages.problem && (
          <p className="empty" role="alert">
            {pages.problem}
          </p>
        )}
      </div>
    </div>
  );
}
