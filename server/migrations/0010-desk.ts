/** The first desk schema: the desk itself, accounts, stories with their Yjs state and update log, the audit, notes, photos, proposals and approvals. */
import type { DeskMigration } from './migration.js';

export const migration0010: DeskMigration = {
  version: 10,
  name: 'desk',
  async up(client) {
    await client.query(`
      CREATE TABLE desk_meta (
        id integer PRIMARY KEY CHECK (id = 1),
        desk_id text NOT NULL,
        token_secret bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE users (
        id text PRIMARY KEY,
        name text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('reporter', 'editor', 'admin')),
        password_hash text NOT NULL,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE refresh_tokens (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users(id),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE TABLE stories (
        id text PRIMARY KEY,
        author_id text NOT NULL REFERENCES users(id),
        state text NOT NULL CHECK (state IN ('draft', 'filed', 'in-edit', 'changes-requested', 'approved', 'published', 'spiked')),
        state_before_spike text,
        headline text NOT NULL DEFAULT '',
        body_text text NOT NULL DEFAULT '',
        search tsvector GENERATED ALWAYS AS (to_tsvector('simple', headline || ' ' || body_text)) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX stories_by_state ON stories (state, updated_at DESC);
      CREATE INDEX stories_search ON stories USING gin (search);
      CREATE TABLE story_docs (
        story_id text PRIMARY KEY REFERENCES stories(id),
        state bytea NOT NULL,
        upto bigint NOT NULL DEFAULT 0,
        stored_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE story_updates (
        id bigserial PRIMARY KEY,
        story_id text NOT NULL REFERENCES stories(id),
        user_id text REFERENCES users(id),
        at timestamptz NOT NULL DEFAULT now(),
        update bytea NOT NULL
      );
      CREATE INDEX story_updates_by_story ON story_updates (story_id, id);
      CREATE TABLE audit (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id text REFERENCES users(id),
        story_id text REFERENCES stories(id),
        action text NOT NULL,
        from_state text,
        to_state text,
        note text NOT NULL DEFAULT '',
        request_id text UNIQUE
      );
      CREATE INDEX audit_by_story ON audit (story_id, id);
      CREATE FUNCTION desk_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'The % table is append-only: % is refused', TG_TABLE_NAME, TG_OP;
      END $$;
      CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION desk_refuse_change();
      CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION desk_refuse_change();
      CREATE TRIGGER story_updates_append_only BEFORE UPDATE OR DELETE ON story_updates FOR EACH ROW EXECUTE FUNCTION desk_refuse_change();
      CREATE TRIGGER story_updates_no_truncate BEFORE TRUNCATE ON story_updates FOR EACH STATEMENT EXECUTE FUNCTION desk_refuse_change();
      CREATE TABLE notes (
        id text PRIMARY KEY,
        story_id text NOT NULL REFERENCES stories(id),
        author_id text NOT NULL REFERENCES users(id),
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz
      );
      CREATE INDEX notes_by_story ON notes (story_id, created_at);
      CREATE TABLE photos (
        hash text PRIMARY KEY,
        bytes bytea NOT NULL,
        content_type text NOT NULL,
        uploaded_by text NOT NULL REFERENCES users(id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE proposals (
        id text PRIMARY KEY,
        story_id text NOT NULL REFERENCES stories(id),
        author_id text NOT NULL REFERENCES users(id),
        update bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
        decided_by text REFERENCES users(id),
        decided_at timestamptz
      );
      CREATE INDEX proposals_by_story ON proposals (story_id, status);
      CREATE TABLE approvals (
        id bigserial PRIMARY KEY,
        story_id text NOT NULL REFERENCES stories(id),
        audit_id bigint NOT NULL REFERENCES audit(id),
        state bytea NOT NULL,
        derived jsonb NOT NULL,
        approved_by text NOT NULL REFERENCES users(id),
        approved_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX approvals_by_story ON approvals (story_id, id DESC);
    `);
  },
};
