/**
 * One open newsroom: the store in a data directory and the services over it. The app, the CLI,
 * the tests and the browser harness each open one the same way.
 */
import { openDatabase, schemaVersion, type Db, type OpenOptions } from '../db/open.js';
import { NewsroomError } from '../common/errors.js';
import { createStoryService, type StoryService } from './services/stories.js';
import { createMediaService, type MediaService } from './services/media.js';
import { createSettingsService, type SettingsService } from './services/settings.js';
import { createWorkflowService, type WorkflowService } from './services/workflow.js';
import { createPackageService, type PackageService } from './services/packages.js';
import { createExportService } from './services/export.js';
import { createCopyDesk, type CopyDesk } from './services/copydesk.js';
import { createBackupService, type BackupService } from './services/backups.js';
import { createPublishingService, type PublishingService } from './services/publishing.js';
import { createHandlers, type Handlers } from './handlers.js';
import { APP_VERSION } from './version.js';

export interface Newsroom {
  dataDir: string;
  db: Db;
  stories: StoryService;
  media: MediaService;
  settings: SettingsService;
  workflow: WorkflowService;
  packages: PackageService;
  publishing: PublishingService;
  copydesk: CopyDesk;
  backups: BackupService;
  /** What only the desktop can do (the system file dialog); the harness and tests bring their own. */
  platform: Platform;
  appVersion: string;
  schemaVersion: number;
  handlers: Handlers;
  close(): void;
}

export interface Platform {
  /** Shows the system's open-file dialog for photos; resolves to the chosen paths ([] if cancelled). */
  chooseImageFiles(): Promise<string[]>;
  /** Shows the system's save dialog; resolves to the chosen path, or null if cancelled. */
  chooseSavePath(defaultName: string): Promise<string | null>;
  /** Shows the system's folder dialog for an export; resolves to the folder, or null if cancelled. */
  chooseExportFolder(): Promise<string | null>;
}

const NO_DIALOGS: Platform = {
  chooseImageFiles: () => Promise.reject(new NewsroomError('invalid-argument', 'There is no file dialog here: pass the photo file instead')),
  chooseSavePath: () => Promise.reject(new NewsroomError('invalid-argument', 'There is no file dialog here: give the output file instead')),
  chooseExportFolder: () => Promise.reject(new NewsroomError('invalid-argument', 'There is no folder dialog here: give the output folder instead')),
};

export interface NewsroomOptions extends OpenOptions {
  /** What the desktop gives: dialogs not given here answer that there is no dialog. */
  platform?: Partial<Platform>;
}

export function openNewsroom(dataDir: string, options: NewsroomOptions = {}): Newsroom {
  const db = openDatabase(dataDir, options);
  const media = createMediaService(db, dataDir, { now: options.now });
  const stories = createStoryService(db, { now: options.now });
  const settings = createSettingsService(media);
  const newsroom = {
    dataDir,
    db,
    stories,
    media,
    settings,
    workflow: createWorkflowService(db, stories, settings, { now: options.now }),
    packages: createPackageService(db, stories, media, { now: options.now }),
    platform: { ...NO_DIALOGS, ...options.platform },
    appVersion: APP_VERSION,
    schemaVersion: schemaVersion(db),
    close: () => db.close(),
  } as Omit<Newsroom, 'handlers' | 'publishing' | 'copydesk' | 'backups'> as Newsroom;
  newsroom.backups = createBackupService({ db, dataDir, media }, { now: options.now });
  newsroom.copydesk = createCopyDesk(db, dataDir, stories, newsroom.workflow, media);
  newsroom.publishing = createPublishingService(stories, newsroom.workflow, createExportService(media, dataDir), settings, media, { now: options.now });
  newsroom.handlers = createHandlers(newsroom);
  return newsroom;
}
