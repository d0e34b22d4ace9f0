/**
 * The desk list's rows, fetched a page (100 stories) at a time as they scroll into view, so the
 * desk stays quick with 100,000 stories. Pages far from the view are dropped to bound memory.
 */
import type { StorySortKey, StorySummary } from '../../common/story.js';
import type { StoryState } from '../../common/workflow.js';
import { invoke } from '../api.js';

export const PAGE_SIZE = 100;
const PAGES_KEPT = 30;

export interface ListQuery {
  sort: StorySortKey;
  direction: 'asc' | 'desc';
  trashed: boolean;
  /** A queue, a desk, a person: see Queues.tsx. */
  status?: StoryState;
  desk?: string;
  createdBy?: string;
}

export class StoryPages {
  total: number | null = null;
  problem: string | null = null;
  private readonly pages = new Map<number, StorySummary[]>();
  private readonly loading = new Set<number>();
  private disposed = false;

  constructor(
    private readonly query: ListQuery,
    private readonly onChange: () => void,
  ) {}

  /** The story at a row, or undefined while its page is on its way. */
  row(index: number): StorySummary | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** Fetches the pages holding rows first..last, unless they are here or on their way. */
  want(first: number, last: number): void {
    const firstPage = Math.floor(Math.max(0, first) / PAGE_SIZE);
    const lastPage = Math.floor(Math.max(0, last) / PAGE_SIZE);
    for (let page = firstPage; page <= lastPage; page += 1) {
      if (!this.pages.has(page) && !this.loading.has(page)) void this.load(page);
    }
    if (this.pages.size > PAGES_KEPT) {
      for (const page of this.pages.keys()) {
        if (page < firstPage - PAGES_KEPT / 2 || page > lastPage + PAGES_KEPT / 2) this.pages.delete(page);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
  }

  private async load(page: number): Promise<void> {
    this.loading.add(page);
    try {
      const result = await invoke('story:list', { ...this.query, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
      if (this.disposed) return;
      this.pages.set(page, result.items);
      this.total = result.total;
      this.problem = null;
    } catch (error) {
      if (this.disposed) return;
      this.problem = `The story list did not load: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.loading.delete(page);
      if (!this.disposed) this.onChange();
    }
  }
}
