import type { Database } from 'better-sqlite3';

/** Stories, their revision snapshots, and full-text search over them. */
export default function migrate(db: Database): void {
  db.exec(`
    CREATE TABLE stories (
      id TEXT PRIMARY KEY,
      slug TEXT NOT NULL UNIQUE,
      headline TEXT NOT NULL,
      standfirst TEXT NOT NULL,
      byline TEXT NOT NULL,            -- JSON array of names
      dateline_place TEXT NOT NULL,
      dateline_date TEXT NOT NULL,     -- YYYY-MM-DD or ''
      desk TEXT NOT NULL,
      language TEXT NOT NULL DEFAULT 'en',
      body TEXT NOT NULL,              -- Lexical serialized editor state
      word_count INTEGER NOT NULL,
      status TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      version INTEGER NOT NULL,
      trashed_at TEXT,
      last_snapshot_at TEXT,           -- when the newest revision was taken
      last_snapshot_version INTEGER    -- and of which version
    ) STRICT;

    -- The desk list sorts live stories by any of these columns (id breaks ties, so paging is stable;
    -- trashed_at makes each index cover the paging query, so a deep OFFSET never reads table rows).
    CREATE INDEX stories_live_updated ON stories (updated_at, id, trashed_at) WHERE trashed_at IS NULL;
    CREATE INDEX stories_live_headline ON stories (headline, id, trashed_at) WHERE trashed_at IS NULL;
    CREATE INDEX stories_live_byline ON stories (byline, id, trashed_at) WHERE trashed_at IS NULL;
    CREATE INDEX stories_live_desk ON stories (desk, id, trashed_at) WHERE trashed_at IS NULL;
    CREATE INDEX stories_live_words ON stories (word_count, id, trashed_at) WHERE trashed_at IS NULL;
    CREATE INDEX stories_live_status ON stories (status, id, trashed_at) WHERE trashed_at IS NULL;
    CREATE INDEX stories_trashed ON stories (trashed_at, id) WHERE trashed_at IS NOT NULL;

    CREATE TABLE revisions (
      id TEXT PRIMARY KEY,
      story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
      story_version INTEGER NOT NULL,
      reason TEXT NOT NULL,
      headline TEXT NOT NULL,
      standfirst TEXT NOT NULL,
      byline TEXT NOT NULL,
      dateline_place TEXT NOT NULL,
      dateline_date TEXT NOT NULL,
      desk TEXT NOT NULL,
      language TEXT NOT NULL,
      body TEXT NOT NULL,
      word_count INTEGER NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX revisions_by_story ON revisions (story_id, created_at);

    -- rowid matches stories.rowid; rows are written in the same transaction as the story.
    CREATE VIRTUAL TABLE story_search USING fts5 (
      headline, standfirst, byline, body,
      tokenize = 'unicode61 remove_diacritics 2'
    );
    -- Rank matches in the headline above the standfirst, byline and body.
    INSERT INTO story_search (story_search, rank) VALUES ('rank', 'bm25(10.0, 4.0, 3.0, 1.0)');
  `);
}
