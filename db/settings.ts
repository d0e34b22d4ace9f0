/** The settings table: one JSON value per key. */
import type { Db } from './open.js';

export function settingsQueries(db: Db) {
  const get = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return {
    get(key: string): unknown {
      const value = get.get(key) as string | undefined;
      return value === undefined ? undefined : (JSON.parse(value) as unknown);
    },
    set(key: string, value: unknown): void {
      set.run(key, JSON.stringify(value));
    },
  };
}

export type SettingsQueries = ReturnType<typeof settingsQueries>;
