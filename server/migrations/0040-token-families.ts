/**
 * Refresh-token rotation with families: every sign-in starts a family, every refresh hands on a
 * new token of the same family and marks the old one used. A used token presented again means it
 * was copied: the whole family is revoked, and the short-lived tokens it issued stop working too.
 */
import type { DeskMigration } from './migration.js';

export const migration0040: DeskMigration = {
  version: 40,
  name: 'token-families',
  async up(client) {
    await client.query(`
      CREATE TABLE token_families (
        id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_reason text
      );
      CREATE INDEX token_families_by_user ON token_families (user_id);
      ALTER TABLE refresh_tokens ADD COLUMN family_id text REFERENCES token_families(id), ADD COLUMN used_at timestamptz;
      CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
    `);
  },
};
