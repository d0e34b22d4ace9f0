import type pg from 'pg';

/** One numbered step of the desk schema, run in one transaction. */
export interface DeskMigration {
  version: number;
  name: string;
  up(client: pg.PoolClient): Promise<void>;
}
