/** Profiles, the audit trail and notes. */
import type { Db } from './open.js';
import { ORIGINS, type AuditEntry, type Origin, type Profile, type StoryNote } from '../common/contract/index.js';
import type { Role } from '../common/workflow.js';

export type { AuditEntry, Profile, StoryNote };
export type NoteKind = StoryNote['kind'];
export type NoteAnchor = NonNullable<StoryNote['anchor']>;

interface ProfileRow {
  id: string;
  name: string;
  byline: string;
  roles: string;
  created_at: string;
}
interface AuditRow {
  id: string;
  story_id: string;
  at: string;
  profile_id: string | null;
  profile_name: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  note: string;
  revision_id: string | null;
  origin: string | null;
  via_package: string | null;
}
interface NoteRow {
  id: string;
  story_id: string;
  author_id: string | null;
  author_name: string;
  kind: string;
  text: string;
  anchor: string | null;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

export const rowToProfile = (r: ProfileRow): Profile => ({ id: r.id, name: r.name, byline: r.byline, roles: JSON.parse(r.roles) as Role[], createdAt: r.created_at });
export const rowToAudit = (r: AuditRow): AuditEntry => ({
  id: r.id,
  storyId: r.story_id,
  at: r.at,
  profileId: r.profile_id,
  profileName: r.profile_name,
  action: r.action,
  fromState: r.from_state,
  toState: r.to_state,
  note: r.note,
  revisionId: r.revision_id,
  origin: (ORIGINS as readonly string[]).includes(r.origin ?? '') ? (r.origin as Origin) : null,
  viaPackage: r.via_package,
});
export const rowToNote = (r: NoteRow): StoryNote => ({
  id: r.id,
  storyId: r.story_id,
  authorId: r.author_id,
  authorName: r.author_name,
  kind: r.kind as NoteKind,
  text: r.text,
  anchor: r.anchor === null ? null : (JSON.parse(r.anchor) as NoteAnchor),
  createdAt: r.created_at,
  resolvedAt: r.resolved_at,
  resolvedBy: r.resolved_by,
});

export function workflowQueries(db: Db) {
  const insertProfile = db.prepare('INSERT INTO profiles (id, name, byline, roles, created_at) VALUES (@id, @name, @byline, @roles, @createdAt)');
  const profiles = db.prepare('SELECT * FROM profiles ORDER BY name');
  const profileById = db.prepare('SELECT * FROM profiles WHERE id = ?');
  const profileByName = db.prepare('SELECT * FROM profiles WHERE name = ? COLLATE NOCASE');
  const insertAudit = db.prepare(`
    INSERT OR IGNORE INTO audit (id, story_id, at, profile_id, profile_name, action, from_state, to_state, note, revision_id, origin, via_package)
    VALUES (@id, @storyId, @at, @profileId, @profileName, @action, @fromState, @toState, @note, @revisionId, @origin, @viaPackage)`);
  const auditOf = db.prepare('SELECT * FROM audit WHERE story_id = ? ORDER BY at, id');
  const lastAudit = db.prepare('SELECT * FROM audit WHERE story_id = ? ORDER BY at DESC, id DESC LIMIT 1');
  const lastAuditOf = db.prepare('SELECT * FROM audit WHERE story_id = ? AND action = ? ORDER BY at DESC, id DESC LIMIT 1');
  const insertNote = db.prepare(`
    INSERT OR IGNORE INTO notes (id, story_id, author_id, author_name, kind, text, anchor, created_at, resolved_at, resolved_by)
    VALUES (@id, @storyId, @authorId, @authorName, @kind, @text, @anchor, @createdAt, @resolvedAt, @resolvedBy)`);
  const notesOf = db.prepare('SELECT * FROM notes WHERE story_id = ? ORDER BY created_at, id');
  const noteById = db.prepare('SELECT * FROM notes WHERE id = ?');
  const resolveNote = db.prepare('UPDATE notes SET resolved_at = ?, resolved_by = ? WHERE id = ? AND resolved_at IS NULL');
  const queueCounts = db.prepare(`
    SELECT status, count(*) AS n FROM stories INDEXED BY stories_live_status
    WHERE trashed_at IS NULL GROUP BY status`);
  const queueCountsByDesk = db.prepare(`
    SELECT status, count(*) AS n FROM stories INDEXED BY stories_live_desk
    WHERE trashed_at IS NULL AND desk = ? GROUP BY status`);
  return {
    insertProfile(p: Profile): void {
      insertProfile.run({ ...p, roles: JSON.stringify(p.roles) });
    },
    profiles: (): Profile[] => (profiles.all() as ProfileRow[]).map(rowToProfile),
    profile(id: string): Profile | undefined {
      const row = profileById.get(id) as ProfileRow | undefined;
      return row ? rowToProfile(row) : undefined;
    },
    profileByName(name: string): Profile | undefined {
      const row = profileByName.get(name) as ProfileRow | undefined;
      return row ? rowToProfile(row) : undefined;
    },
    /** Appends an entry; an entry with an id already present (arriving again in a package) is skipped. */
    appendAudit(e: AuditEntry): void {
      insertAudit.run(e);
    },
    audit: (storyId: string): AuditEntry[] => (auditOf.all(storyId) as AuditRow[]).map(rowToAudit),
    lastAudit(storyId: string, action?: string): AuditEntry | undefined {
      const row = (action === undefined ? lastAudit.get(storyId) : lastAuditOf.get(storyId, action)) as AuditRow | undefined;
      return row ? rowToAudit(row) : undefined;
    },
    addNote(n: StoryNote): void {
      insertNote.run({ ...n, anchor: n.anchor === null ? null : JSON.stringify(n.anchor) });
    },
    notes: (storyId: string): StoryNote[] => (notesOf.all(storyId) as NoteRow[]).map(rowToNote),
    note(id: string): StoryNote | undefined {
      const row = noteById.get(id) as NoteRow | undefined;
      return row ? rowToNote(row) : undefined;
    },
    resolveNote(id: string, at: string, by: string): boolean {
      return resolveNote.run(at, by, id).changes === 1;
    },
    queueCounts(desk?: string): Record<string, number> {
      const rows = (desk === undefined ? queueCounts.all() : queueCountsByDesk.all(desk)) as { status: string; n: number }[];
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    },
  };
}

export type WorkflowQueries = ReturnType<typeof workflowQueries>;
