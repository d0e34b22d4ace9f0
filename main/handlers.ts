/**
 * Every channel of the contract, handled by the services. `invokeChannel` is the one door in:
 * it refuses unknown channels, parses the argument with the channel's schema, and turns thrown
 * domain errors into the typed `{ code, message }` the renderer shows. Electron's IPC, the CLI,
 * the tests and the browser harness all come through it.
 */
import { z } from 'zod';
import {
  contract,
  isChannel,
  type Channel,
  type ChannelParsedArg,
  type ChannelResult,
  type InvokeResult,
} from '../common/contract.js';
import { NewsroomError, type NewsroomErrorShape } from '../common/errors.js';
import type { Newsroom } from './newsroom.js';
import type { ImportedPhoto } from '../common/contract.js';
import { storyPhotos } from './services/photos.js';
import { PACKAGE_EXTENSION } from './services/packages.js';
import path from 'node:path';
import { writeFileAtomically } from './files.js';

export type Handlers = {
  [C in Channel]: (arg: ChannelParsedArg<C>) => ChannelResult<C> | Promise<ChannelResult<C>>;
};

const summary = (b: { name: string; takenAt: string; reason: string; bytes: number }) => ({ name: b.name, takenAt: b.takenAt, reason: b.reason, bytes: b.bytes });

export function createHandlers(newsroom: Newsroom): Handlers {
  const { stories, media, settings, workflow, packages, publishing, copydesk } = newsroom;
  /** Who is working: every save and move is recorded with this profile. */
  const current = () => {
    const id = settings.currentProfileId();
    return id === null ? null : (workflow.profile(id) ?? null);
  };
  return {
    'story:create': (arg) => workflow.create(arg, current()),
    'story:get': (arg) => stories.get(arg.id),
    'story:save': (arg) => workflow.save(arg, current()),
    'story:close': (arg) => stories.close(arg.id),
    'story:trash': (arg) => stories.trash(arg.id),
    'story:restore': (arg) => stories.restore(arg.id),
    'story:purge': (arg) => {
      stories.purge(arg.id);
      return { purged: true };
    },
    'story:list': ({ status, desk, createdBy, ...page }) => stories.list({ ...page, filter: { status, desk, createdBy } }),
    'story:search': ({ query, limit, offset, status, desk, createdBy }) => stories.search(query, limit, { offset, filter: { status, desk, createdBy } }),
    'story:search-count': ({ query, status, desk, createdBy }) => ({ total: stories.searchCount(query, { status, desk, createdBy }) }),
    'revision:list': (arg) => stories.revisions(arg.storyId),
    'revision:get': (arg) => stories.revision(arg.id),
    'revision:create': (arg) => stories.snapshotNow(arg.storyId),
    'revision:restore': (arg) => workflow.restoreRevision(arg, current()),
    'profile:list': () => ({ profiles: workflow.profiles(), currentId: current()?.id ?? null }),
    'profile:create': (arg) => {
      const profile = workflow.createProfile(arg);
      if (current() === null) settings.setCurrentProfileId(profile.id);
      return profile;
    },
    'profile:switch': (arg) => {
      const profile = workflow.profile(arg.id);
      if (!profile) throw new NewsroomError('not-found', `No profile "${arg.id}": pick one from the list`);
      settings.setCurrentProfileId(profile.id);
      return profile;
    },
    'workflow:moves': (arg) => workflow.moves(arg.id, current()),
    'workflow:move': (arg) => workflow.move(arg, current()),
    'workflow:checklist': (arg) => workflow.checklist(arg.id, copydesk.check(arg.id).findings.length),
    'story:history': (arg) => workflow.history(arg.id),
    'story:diff': (arg) => workflow.diff(arg),
    'story:queues': (arg) => workflow.queues(arg.desk),
    'note:list': (arg) => workflow.notes(arg.storyId),
    'note:add': (arg) => workflow.addNote(arg, current()),
    'note:resolve': (arg) => workflow.resolveNote(arg.id, current()),
    'media:import': (arg) => media.importPhoto(arg.name, arg.bytes),
    'media:choose': async () => {
      const imported: ImportedPhoto[] = [];
      const refused: { name: string; message: string }[] = [];
      // One at a time, in the order chosen: they land in the story in that order.
      for (const file of await newsroom.platform.chooseImageFiles()) {
        try {
          imported.push(await media.importFile(file));
        } catch (error) {
          if (!(error instanceof NewsroomError)) throw error;
          refused.push({ name: path.basename(file), message: error.message });
        }
      }
      return { imported, refused };
    },
    'media:get': (arg) => media.get(arg.id),
    'story:photos': (arg) => storyPhotos(stories.get(arg.id), settings.get().creditFormat),
    'settings:get': () => settings.get(),
    'settings:set': (arg) => settings.set(arg),
    'package:export': async (arg) => {
      // Ask where first: packing marks the packed version as the one both sides share.
      const target = await newsroom.platform.chooseSavePath(`${stories.get(arg.id).slug}${PACKAGE_EXTENSION}`);
      if (target === null) return null;
      const { bytes } = packages.pack(arg.id);
      await writeFileAtomically(target, bytes);
      return { path: target, bytes: bytes.length };
    },
    'package:open': (arg) => packages.unpack(arg.name, arg.bytes),
    'package:resolve': (arg) => packages.resolve(arg),
    'package:last': () => packages.lastArrival(),
    'import:file': (arg) => copydesk.importFile({ name: arg.name, bytes: arg.bytes }, current()),
    'style:check': (arg) => copydesk.check(arg.id),
    'style:ignore': (arg) => {
      if (arg.ignore) copydesk.ignore(arg.storyId, arg.findingId, current());
      else copydesk.unignore(arg.storyId, arg.findingId);
      return { ignored: arg.ignore };
    },
    'style:get': () => copydesk.style(),
    'export:preview': (arg) => publishing.preview(arg.id),
    'export:story': async (arg) => {
      // Refuse before the dialog: nobody picks a folder for an export that cannot happen.
      publishing.precheck({ ref: arg.id, preview: arg.preview }, current());
      const folder = await newsroom.platform.chooseExportFolder();
      if (folder === null) return null;
      const result = await publishing.exportStory({ ref: arg.id, outDir: folder, singleFile: arg.singleFile, preview: arg.preview }, current());
      return { folder, files: result.files, mode: result.mode, published: result.published };
    },
    'backup:create': async () => summary(await newsroom.backups.backup('manual')),
    'backup:list': () => newsroom.backups.list().map(summary),
    'backup:verify': async (arg) => {
      const result = arg.name === undefined ? await newsroom.backups.verify() : await newsroom.backups.verifyBackup(arg.name);
      return { ok: result.ok, problems: result.problems, stories: result.stories ?? null, photosChecked: result.photosChecked };
    },
    'app:info': () => ({ dataDir: newsroom.dataDir, appVersion: newsroom.appVersion, schemaVersion: newsroom.schemaVersion }),
  };
}

function describeInvalid(channel: Channel, error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  return `${channel} was called with a bad argument${where}: ${issue?.message ?? 'not accepted'}`;
}

export interface InvokeOptions {
  /** Called with unexpected (non-domain) errors, which the caller sees only as `internal`. */
  onInternalError?: (channel: string, error: unknown) => void;
}

export async function invokeChannel(
  handlers: Handlers,
  channel: unknown,
  rawArg: unknown,
  options: InvokeOptions = {},
): Promise<InvokeResult<Channel>> {
  if (!isChannel(channel)) {
    return fail({ code: 'unknown-channel', message: `"${String(channel).slice(0, 80)}" is not a Newsroom channel` });
  }
  const parsed = contract[channel].arg.safeParse(rawArg);
  if (!parsed.success) return fail({ code: 'invalid-argument', message: describeInvalid(channel, parsed.error) });
  try {
    const handler = handlers[channel] as (arg: unknown) => unknown;
    return { ok: true, value: (await handler(parsed.data)) as ChannelResult<Channel> };
  } catch (error) {
    if (error instanceof NewsroomError) return fail(error.toShape());
    options.onInternalError?.(channel, error);
    return fail({
      code: 'internal',
      message: `Newsroom hit an unexpected problem in ${channel}: ${(error as Error)?.message ?? String(error)}. Your last saved text is safe; try again.`,
    });
  }
}

function fail(error: NewsroomErrorShape): InvokeResult<Channel> {
  return { ok: false, error };
}
