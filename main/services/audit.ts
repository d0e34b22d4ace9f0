/**
 * The audit trail as the services write it: every move, save and restore, with who asked and from
 * where (the caller context). The database keeps the trail append-only (db/migrations/0030).
 */
import type { Db } from '../../db/open.js';
import { workflowQueries, type AuditEntry } from '../../db/workflow.js';
import type { CallerContext } from '../../common/contract/index.js';
import { newId } from '../../common/ids.js';

/** How the trail names a caller who has not said who they are. */
export const NO_PROFILE = 'No profile chosen';

export type AuditRecord = Partial<Omit<AuditEntry, 'id' | 'storyId' | 'at' | 'profileId' | 'profileName' | 'origin' | 'viaPackage'>> & { action: string };

export function createAuditLog(db: Db) {
  const w = workflowQueries(db);
  return {
    record(storyId: string, caller: CallerContext, entry: AuditRecord, at: Date): AuditEntry {
      const full: AuditEntry = {
        id: newId(at.getTime()),
        storyId,
        at: at.toISOString(),
        profileId: caller.actor?.id ?? null,
        profileName: caller.actor?.name ?? NO_PROFILE,
        fromState: null,
        toState: null,
        note: '',
        revisionId: null,
        ...entry,
        origin: caller.origin,
        viaPackage: null,
      };
      w.appendAudit(full);
      return full;
    },
    /** Entries that arrived from elsewhere (a package), kept as they were written there. */
    append(entry: AuditEntry): void {
      w.appendAudit(entry);
    },
    history: (storyId: string): AuditEntry[] => w.audit(storyId),
    last: (storyId: string, action?: string): AuditEntry | undefined => w.lastAudit(storyId, action),
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
