/**
 * The composition root of one open newsroom: the store in a data directory and the services over
 * it, built in dependency order (nothing reaches back up). Each entry (the app's engine, the CLI,
 * the browser harness, the tests) opens one this way and composes the door over it with
 * `createDoor(newsroom, platform)` (main/handlers.ts).
 */
import { openDatabase, schemaVersion, type Db, type OpenOptions } from '../db/open.js';
import { createAuditLog } from './services/audit.js';
import { createBackupService, type BackupService } from './services/backups.js';
import { createDeskService, type DeskService } from './services/desk/index.js';
import type { SecretStore } from './services/desk/secrets.js';
import { createExportService } from './services/export.js';
import { createHouseStyleService, type HouseStyleService } from './services/houseStyle.js';
import { createImportService, type ImportService } from './services/imports.js';
import { createMediaService, type MediaService } from './services/media.js';
import { createNoteService, type NoteService } from './services/notes.js';
import { createPackageService, type PackageService } from './services/packages.js';
import { createProfileService, type ProfileService } from './services/profiles.js';
import { createPublishingService, type PublishingService } from './services/publishing.js';
import { createRevisionService, type RevisionService } from './services/revisions.js';
import { createSettingsService, type SettingsService } from './services/settings.js';
import { createStoryService, type StoryService } from './services/stories.js';
import { createStoryDocService, type StoryDocService } from './services/storyDocs.js';
import { createStoryStore } from './services/storyStore.js';
import { createWorkflowService, type WorkflowService } from './services/workflow.js';
import { APP_VERSION } from './version.js';

/** The services of one open newsroom, one per domain of the contract. */
export interface Newsroom {
  dataDir: string;
  db: Db;
  appVersion: string;
  schemaVersion: number;
  stories: StoryService;
  revisions: RevisionService;
  media: MediaService;
  settings: SettingsService;
  profiles: ProfileService;
  workflow: WorkflowService;
  notes: NoteService;
  imports: ImportService;
  houseStyle: HouseStyleService;
  publishing: PublishingService;
  packages: PackageService;
  backups: BackupService;
  /** The stories' Yjs docs: the truth of each body and its fields (issue 16). */
  storyDocs: StoryDocService;
  /** This machine's connection to a desk server, and the sync that keeps its stories in step (issue 17). */
  desk: DeskService;
  close(): void;
}

export type NewsroomOptions = OpenOptions & {
  /** Where the desk sign-in is kept (the app: Electron's safeStorage); default: files in the data dir, owner-only. */
  deskSecrets?: SecretStore;
};

export function openNewsroom(dataDir: string, options: NewsroomOptions = {}): Newsroom {
  const { now } = options;
  const db = openDatabase(dataDir, options);
  const settings = createSettingsService(db);
  const audit = createAuditLog(db);
  const store = createStoryStore(db, { now });
  const stories = createStoryService(db, store, audit, { now });
  const notes = createNoteService(db, store, { now });
  const media = createMediaService(db, dataDir, { stories: store, settings, now });
  const workflow = createWorkflowService(db, store, audit, notes, settings, { now });
  const storyDocs = createStoryDocService(db, store, { notes, ...(now === undefined ? {} : { now }) });
  const desk = createDeskService({ db, dataDir, store, storyDocs, media, ...(options.deskSecrets ? { secrets: options.deskSecrets } : {}), ...(now ? { now } : {}) });
  return {
    dataDir,
    db,
    appVersion: APP_VERSION,
    schemaVersion: schemaVersion(db),
    stories,
    revisions: createRevisionService(db, store, audit, { now }),
    media,
    settings,
    profiles: createProfileService(db, settings, { now }),
    workflow,
    notes,
    imports: createImportService(db, stories, notes, media),
    houseStyle: createHouseStyleService(db, dataDir, store),
    publishing: createPublishingService(store, workflow, createExportService(media, dataDir), settings, media, { now }),
    packages: createPackageService(db, { stories: store, media, audit, notes, now }),
    backups: createBackupService({ db, dataDir, settings }, { now }),
    storyDocs,
    desk,
    close: () => {
      desk.close();
      // Typing still in its batch is written, and every open doc compacted, before the store closes.
      try {
        storyDocs.closeAll();
      } catch {
        // The updates are on disk already; a doc not closed cleanly is derived when next opened.
      } finally {
        db.close();
      }
    },
  };
}
