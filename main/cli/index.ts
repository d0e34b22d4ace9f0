/**
 * `newsroom`: the desk from a terminal, on the same store and handlers as the app.
 * Every command goes through `invokeChannel`, so the CLI obeys the same contract and rules.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { documentFromPlainText, documentText, parseStoryDocument } from '../../common/document.js';
import type { Channel, ChannelArg, ChannelResult } from '../../common/contract.js';
import { NewsroomError } from '../../common/errors.js';
import { MARK_END, MARK_START, type StorySummary } from '../../common/story.js';
import { PHOTO_FIELD_LABELS } from '../../common/photo.js';
import { ACTIONS, ROLES, STATE_LABELS, type Action, type Role } from '../../common/workflow.js';
import type { DiffPart } from '../../common/diff.js';
import { resolveDataDir } from '../dataDir.js';
import { invokeChannel } from '../handlers.js';
import { openNewsroom, type Newsroom } from '../newsroom.js';
import { APP_VERSION } from '../version.js';
import { writeFileAtomically } from '../files.js';
import path from 'node:path';
import { databasePath } from '../../db/open.js';
import { listBackups, verifyDatabase } from '../../db/backup.js';
import { resolveBackupFile, restoreFromBackup } from '../services/backups.js';

export const HELP = `newsroom ${APP_VERSION}: the newsroom desk from the command line

Usage:
  newsroom list [--trash] [--json]                 stories on the desk, newest first
  newsroom new --headline H [--body-file F] [--byline "A, B"] [--desk D] [--language en] [--json]
                                                   create a draft (body from a .txt or Lexical .json file)
  newsroom show ID|SLUG [--json]                   one story with its text
  newsroom search QUERY [--json]                   full-text search, ranked, with snippets
  newsroom revisions ID|SLUG [--json]              a story's revision snapshots
  newsroom move ID|SLUG ACTION --as NAME [--note TEXT] [--json]
                                                   a review move: file, take, request-changes, approve,
                                                   spike, restore, reopen, correct
  newsroom file|approve|request-changes ID --as NAME [--note TEXT]   shorthands for move
  newsroom history ID|SLUG [--json]                every move and save, oldest first
  newsroom diff ID|SLUG [--from REV] [--to REV] [--json]
                                                   word-level changes, by default since last filed
  newsroom checklist ID|SLUG [--json]              the approval checklist
  newsroom notes ID|SLUG [--json]                  a story's notes (change requests, comments), with their ids
  newsroom resolve-note NOTE_ID --as NAME          marks a note resolved: approval waits for open notes
  newsroom profiles [--json]                       profiles on this machine
  newsroom profiles add NAME --role reporter|editor [--role …] [--byline B]
  newsroom export ID|SLUG --out DIR [--single-file] [--preview] [--as NAME]
                                                   publish-ready HTML of an approved story (marks it
                                                   published); --preview for any other story
  newsroom export --all-approved --out DIR [--as NAME]
  newsroom import FILE... [--json]                 each .txt, .md, .html or .docx file becomes a new draft
  newsroom check ID|SLUG [--json]                  house-style findings, with suggested fixes
  newsroom backup                                  back up the store and its photos now
  newsroom backups [--json]                        the backups, newest first
  newsroom verify [FILE] [--json]                  full check of the store (or a backup file) and photo checksums
  newsroom restore FILE                            put a backup in place (the current store is kept aside);
                                                   run it with the app closed
  newsroom pack ID|SLUG --out FILE                 a story package to send (photos, notes, history)
  newsroom unpack FILE [--json]                    open a package from another machine
  newsroom photos ID|SLUG [--json]                 a story's photos: caption, credit, alt text, what is missing
  newsroom add-photo ID|SLUG FILE [--caption C] [--credit "Name/Agency"] [--alt A] [--json]
                                                   add a photo at the end of the story (empty fields
                                                   are filled from the photo's own metadata)

Options:
  --data-dir DIR   where the data lives (default: $NEWSROOM_DATA_DIR, else the app's own folder)
  --json           machine-readable output
  -h, --help       this help
`;

/** Thrown for anything the user typed wrong: printed as one line, exit code 2. */
class UsageError extends Error {}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        headline: { type: 'string' },
        'body-file': { type: 'string' },
        byline: { type: 'string' },
        desk: { type: 'string' },
        language: { type: 'string' },
        trash: { type: 'boolean', default: false },
        caption: { type: 'string' },
        credit: { type: 'string' },
        alt: { type: 'string' },
        as: { type: 'string' },
        note: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        role: { type: 'string', multiple: true },
        out: { type: 'string' },
        'single-file': { type: 'boolean', default: false },
        preview: { type: 'boolean', default: false },
        'all-approved': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    io.err(`newsroom: ${(error as Error).message}; see newsroom --help`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.out(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }

  let newsroom: Newsroom | undefined;
  try {
    const dataDir = resolveDataDir(values['data-dir'], io.env);
    // These work on a damaged store too: they must not need to open it.
    if (command === 'backups' || command === 'verify' || command === 'restore') {
      return await storeCommand(command, rest, dataDir, values.json, io);
    }
    newsroom = openNewsroom(dataDir);
    const call = async <C extends Channel>(channel: C, arg: ChannelArg<C>): Promise<ChannelResult<C>> => {
      const result = await invokeChannel(newsroom!.handlers, channel, arg);
      if (!result.ok) throw new NewsroomError(result.error.code, result.error.message, result.error.details);
      return result.value as ChannelResult<C>;
    };
    const print = (json: unknown, text: () => string): void => io.out(values.json ? JSON.stringify(json, null, 2) : text());
    const one = (what: string): string => {
      if (rest.length !== 1) throw new UsageError(`${command} needs exactly one ${what}; see newsroom --help`);
      return rest[0] as string;
    };

    switch (command) {
      case 'list': {
        const all: StorySummary[] = [];
        for (let offset = 0; ; offset += 500) {
          const page = await call('story:list', { offset, limit: 500, trashed: values.trash });
          all.push(...page.items);
          if (all.length >= page.total || page.items.length === 0) break;
        }
        print(all, () => (all.length === 0 ? 'No stories yet: create one with newsroom new --headline "…"' : all.map(summaryLine).join('\n')));
        return 0;
      }
      case 'new': {
        if (values.headline === undefined) throw new UsageError('new needs --headline "…"; see newsroom --help');
        const body = values['body-file'] === undefined ? undefined : readBodyFile(values['body-file']);
        const story = await call('story:create', {
          fields: {
            headline: values.headline,
            ...(values.byline === undefined ? {} : { byline: splitNames(values.byline) }),
            ...(values.desk === undefined ? {} : { desk: values.desk }),
            ...(values.language === undefined ? {} : { language: values.language }),
          },
          body,
        });
        print(story, () => `Created ${story.slug} (${story.id}), ${story.wordCount} words`);
        return 0;
      }
      case 'show': {
        const story = await call('story:get', { id: one('story id or slug') });
        print(story, () =>
          [
            story.headline || '(no headline)',
            story.standfirst,
            story.byline.length > 0 ? `By ${story.byline.join(' and ')}` : '',
            [story.dateline.place, story.dateline.date].filter(Boolean).join(', '),
            `${story.status} · ${story.wordCount} words · ${story.slug} · ${story.id} · version ${story.version}${story.trashedAt ? ' · in the trash' : ''}`,
            '',
            documentText(parseStoryDocument(story.body)),
          ]
            .filter((line, i) => line !== '' || i === 5)
            .join('\n'),
        );
        return 0;
      }
      case 'search': {
        if (rest.length === 0) throw new UsageError('search needs a query, such as newsroom search "council budget"');
        const hits = await call('story:search', { query: rest.join(' ') });
        print(hits, () =>
          hits.length === 0
            ? 'No story matches.'
            : hits.map((h) => `${summaryLine(h.story)}\n    ${h.snippet.replaceAll(MARK_START, '[').replaceAll(MARK_END, ']')}`).join('\n'),
        );
        return 0;
      }
      case 'revisions': {
        const revisions = await call('revision:list', { storyId: one('story id or slug') });
        print(revisions, () =>
          revisions.length === 0
            ? 'No revisions yet.'
            : revisions.map((r) => `${r.createdAt}  ${r.reason.padEnd(14)} v${r.storyVersion}  ${r.wordCount} words  ${r.id}`).join('\n'),
        );
        return 0;
      }
      case 'move':
      case 'file':
      case 'approve':
      case 'request-changes': {
        const [ref, actionName] = command === 'move' ? [rest[0], rest[1]] : [rest[0], command];
        if (ref === undefined || actionName === undefined || rest.length !== (command === 'move' ? 2 : 1)) {
          throw new UsageError(`${command} needs a story id or slug${command === 'move' ? ' and an action' : ''}; see newsroom --help`);
        }
        if (!(ACTIONS as readonly string[]).includes(actionName)) {
          throw new UsageError(`"${actionName}" is not a move: use one of ${ACTIONS.filter((a) => a !== 'publish').join(', ')}`);
        }
        if (values.as === undefined) throw new UsageError(`${command} needs --as NAME: every move is recorded with who made it`);
        const actor = newsroom.workflow.profileByName(values.as);
        const story = await call('story:get', { id: ref });
        // The same rules as the app: the workflow service checks the state machine and the checklist.
        const moved = newsroom.workflow.move({ id: story.id, version: story.version, action: actionName as Action, note: values.note }, actor);
        print(moved, () => `${moved.slug}: ${STATE_LABELS[story.status]} → ${STATE_LABELS[moved.status]} (by ${actor.name})`);
        return 0;
      }
      case 'history': {
        const entries = await call('story:history', { id: one('story id or slug') });
        print(entries, () =>
          entries
            .map((e) => `${e.at.slice(0, 19).replace('T', ' ')}  ${e.profileName.padEnd(20)} ${e.action.padEnd(16)} ${e.fromState && e.toState ? `${e.fromState} → ${e.toState}` : (e.toState ?? '')}${e.note ? `  “${e.note}”` : ''}`)
            .join('\n'),
        );
        return 0;
      }
      case 'diff': {
        const diff = await call('story:diff', { storyId: one('story id or slug'), ...(values.from ? { from: values.from } : {}), ...(values.to ? { to: values.to } : {}) });
        print(diff, () => {
          const show = (parts: DiffPart[]) => parts.map((p) => (p.op === 'equal' ? p.text : p.op === 'insert' ? `{+${p.text}+}` : `[-${p.text}-]`)).join('');
          const lines = [`From: ${diff.from.label}`, `To:   ${diff.to.label}`, ''];
          if (!diff.changed) lines.push('No changes.');
          for (const field of ['headline', 'standfirst', 'byline', 'body'] as const) {
            if (diff[field].some((p) => p.op !== 'equal')) lines.push(`${field}:`, show(diff[field]), '');
          }
          for (const photo of diff.photos) lines.push(`photo ${photo.number} caption: ${show(photo.caption)}`, `photo ${photo.number} credit: ${show(photo.credit)}`);
          return lines.join('\n').trimEnd();
        });
        return 0;
      }
      case 'checklist': {
        const items = await call('workflow:checklist', { id: one('story id or slug') });
        print(items, () =>
          items
            .map((i) => `${i.ok ? '✓' : i.level === 'required' ? '✗' : '!'} ${i.label}${i.level === 'recommended' ? ' (recommended)' : ''}${i.problems.map((p) => `\n    ${p.message}`).join('')}`)
            .join('\n'),
        );
        return items.some((i) => !i.ok && i.level === 'required') ? 3 : 0;
      }
      case 'notes': {
        const notes = await call('note:list', { storyId: (await call('story:get', { id: one('story id or slug') })).id });
        print(notes, () =>
          notes.length === 0
            ? 'No notes.'
            : notes.map((n) => `${n.id}  ${n.resolvedAt === null ? 'open    ' : 'resolved'}  ${n.kind.padEnd(14)} ${n.authorName}: ${n.text}`).join('\n'),
        );
        return 0;
      }
      case 'resolve-note': {
        const noteId = one('note id');
        if (values.as === undefined) throw new UsageError('resolve-note needs --as NAME: who resolved it is recorded');
        const resolved = newsroom.workflow.resolveNote(noteId, newsroom.workflow.profileByName(values.as));
        print(resolved, () => `Resolved ${resolved.kind} “${resolved.text}” (by ${resolved.resolvedBy ?? values.as})`);
        return 0;
      }
      case 'profiles': {
        if (rest[0] === 'add') {
          if (rest.length !== 2) throw new UsageError('profiles add needs one NAME (quote it if it has spaces)');
          const roles = (values.role ?? []) as string[];
          if (roles.length === 0 || roles.some((r) => !(ROLES as readonly string[]).includes(r))) {
            throw new UsageError(`profiles add needs --role reporter and/or --role editor`);
          }
          const profile = await call('profile:create', { name: rest[1] as string, roles: roles as Role[], ...(values.byline ? { byline: values.byline } : {}) });
          print(profile, () => `Added ${profile.name} (${profile.roles.join(', ')})`);
          return 0;
        }
        if (rest.length > 0) throw new UsageError(`unknown profiles command "${rest[0]}"; see newsroom --help`);
        const { profiles, currentId } = await call('profile:list', {});
        print(profiles, () =>
          profiles.length === 0 ? 'No profiles yet: newsroom profiles add "Ana Lima" --role reporter' : profiles.map((p) => `${p.id === currentId ? '*' : ' '} ${p.name.padEnd(24)} ${p.roles.join(', ')}`).join('\n'),
        );
        return 0;
      }
      case 'export': {
        if (values.out === undefined) throw new UsageError('export needs --out DIR (the folder to write to)');
        const actor = values.as === undefined ? null : newsroom.workflow.profileByName(values.as);
        if (values['all-approved']) {
          if (rest.length > 0) throw new UsageError('export --all-approved takes no story id');
          const tty = process.stderr.isTTY === true && !values.json;
          const { total, failed } = await newsroom.publishing.exportAllApproved(values.out, actor, (done, all, story, error) => {
            if (tty) {
              const width = 30;
              const filled = Math.round((done / all) * width);
              process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${all}`);
              if (done === all) process.stderr.write('\n');
            } else if (!values.json) {
              io.out(`${error ? 'FAILED' : 'exported'} ${story.slug}${error ? `: ${error.message}` : ''}`);
            }
          });
          const summary = { total, exported: total - failed.length, failed: failed.map((f) => ({ id: f.story.id, slug: f.story.slug, message: f.error.message })) };
          print(summary, () =>
            [`Exported ${summary.exported} of ${total} approved stories to ${values.out}.`, ...summary.failed.map((f) => `Failed: ${f.slug} (${f.id}): ${f.message}`)].join('\n'),
          );
          return failed.length > 0 ? 1 : 0;
        }
        const result = await newsroom.publishing.exportStory({ ref: one('story id or slug'), outDir: values.out, singleFile: values['single-file'], preview: values.preview }, actor);
        const page = result.files.find((f) => f.kind === 'page');
        print(
          { mode: result.mode, published: result.published, files: result.files },
          () => `${result.mode === 'publish' ? 'Exported' : 'Exported a PREVIEW of'} ${result.story.slug} to ${page?.path ?? values.out} (${result.files.length} files)${result.published ? '; marked published' : ''}`,
        );
        return 0;
      }
      case 'import': {
        if (rest.length === 0) throw new UsageError('import needs one or more files, such as newsroom import story.docx');
        const results: unknown[] = [];
        let failed = 0;
        for (const file of rest) {
          try {
            const result = await newsroom.copydesk.importFile(file, null);
            results.push({ file, ok: true, story: { id: result.story.id, slug: result.story.slug, headline: result.story.headline }, report: result.report, notes: result.notes, photos: result.photos });
            if (!values.json) {
              io.out(`Imported ${file} as ${result.story.slug} (${result.story.id}), ${result.story.wordCount} words`);
              for (const removed of result.report.removed) io.out(`  removed: ${removed.text} (${removed.why})`);
              for (const dropped of result.report.dropped) io.out(`  dropped: ${dropped.count} × ${dropped.what}`);
              for (const warning of result.report.warnings) io.out(`  warning: ${warning}`);
            }
          } catch (error) {
            if (!(error instanceof NewsroomError)) throw error;
            failed += 1;
            results.push({ file, ok: false, error: error.message });
            if (!values.json) io.err(`newsroom: ${error.message}`);
          }
        }
        if (values.json) io.out(JSON.stringify(results, null, 2));
        return failed > 0 ? 1 : 0;
      }
      case 'check': {
        const { findings, ignored } = await call('style:check', { id: one('story id or slug') });
        print({ findings, ignored }, () =>
          findings.length === 0
            ? `No house-style findings${ignored > 0 ? ` (${ignored} ignored)` : ''}.`
            : [
                ...findings.map((f) => `${f.rule.padEnd(16)} ${f.field}${f.block === null ? '' : ` ¶${f.block + 1}`} ${JSON.stringify(f.text)}: ${f.message}${f.suggestion === undefined ? '' : ` → ${JSON.stringify(f.suggestion)}`}`),
                `${findings.length} finding${findings.length === 1 ? '' : 's'}${ignored > 0 ? `, ${ignored} ignored` : ''}.`,
              ].join('\n'),
        );
        return findings.length > 0 ? 3 : 0;
      }
      case 'backup': {
        const taken = await newsroom.backups.backup('manual');
        print(taken, () =>
          `Backed up to ${taken.file} (${(taken.bytes / 1024).toFixed(0)} KB, ${taken.photos.copied} new photo${taken.photos.copied === 1 ? '' : 's'} copied)${taken.pruned.length > 0 ? `; removed ${taken.pruned.length} old backup${taken.pruned.length === 1 ? '' : 's'}` : ''}`,
        );
        return 0;
      }
      case 'pack': {
        const ref = one('story id or slug');
        if (values.out === undefined) throw new UsageError('pack needs --out FILE (for example --out story.newsroom)');
        const { bytes } = newsroom.packages.pack(ref);
        await writeFileAtomically(values.out, bytes);
        print({ file: values.out, bytes: bytes.length }, () => `Packed into ${values.out} (${(bytes.length / 1024).toFixed(0)} KB)`);
        return 0;
      }
      case 'unpack': {
        const file = one('package file');
        let bytes: Buffer;
        try {
          bytes = fs.readFileSync(file);
        } catch (error) {
          throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        }
        const arrival = await newsroom.packages.unpack(file.split(/[\\/]/).pop() as string, bytes);
        print(arrival, () => `${arrival.outcome}: ${arrival.message} [${arrival.story.slug}] ${arrival.story.id}`);
        return 0;
      }
      case 'photos': {
        const photos = await call('story:photos', { id: one('story id or slug') });
        print(photos, () =>
          photos.length === 0
            ? 'This story has no photos.'
            : photos
                .map((p) =>
                  [
                    `Photo ${p.number}${p.missing.length > 0 ? `  MISSING: ${p.missing.map((f) => PHOTO_FIELD_LABELS[f]).join(', ')}` : ''}`,
                    `  caption: ${p.caption || '—'}`,
                    `  credit:  ${p.creditLine || '—'}${p.credit.copyright ? `  (${p.credit.copyright})` : ''}`,
                    `  alt:     ${p.alt || '—'}`,
                    ...(p.fromPhoto.length > 0 ? [`  taken from the photo's metadata, to check: ${p.fromPhoto.join(', ')}`] : []),
                  ].join('\n'),
                )
                .join('\n'),
        );
        return 0;
      }
      case 'add-photo': {
        if (rest.length !== 2) throw new UsageError('add-photo needs a story id or slug and a photo file; see newsroom --help');
        const [ref, file] = rest as [string, string];
        const story = await call('story:get', { id: ref });
        const { node, photo } = await newsroom.media.importFile(file);
        const given = { ...node, credit: { ...node.credit } };
        if (values.caption !== undefined) given.caption = values.caption;
        if (values.alt !== undefined) given.alt = values.alt;
        if (values.credit !== undefined) {
          const [names, agency = ''] = values.credit.split('/', 2);
          given.credit.photographers = splitNames(names ?? '');
          given.credit.agency = agency.trim();
        }
        given.fromPhoto = given.fromPhoto.filter((field) =>
          field === 'caption' ? values.caption === undefined : field === 'photographers' || field === 'agency' ? values.credit === undefined : true,
        );
        const body = parseStoryDocument(story.body);
        body.root.children.push(given);
        const saved = await call('story:save', { id: story.id, version: story.version, body: JSON.stringify(body) });
        const photos = await call('story:photos', { id: saved.id });
        const added = photos[photos.length - 1];
        print({ story: saved.id, photo: photo.id, ...added }, () =>
          `Added photo ${added?.number} to ${saved.slug}: ${added?.creditLine || 'no credit yet'}${added && added.missing.length > 0 ? `; still missing: ${added.missing.map((f) => PHOTO_FIELD_LABELS[f]).join(', ')}` : ''}`,
        );
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"; see newsroom --help`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`newsroom: ${error.message}`);
      return 2;
    }
    if (error instanceof NewsroomError) {
      io.err(`newsroom: ${error.message}`);
      return 1;
    }
    io.err(`newsroom: unexpected problem: ${(error as Error).message}`);
    return 1;
  } finally {
    newsroom?.close();
  }
}

async function storeCommand(command: 'backups' | 'verify' | 'restore', rest: string[], dataDir: string, json: boolean, io: CliIo): Promise<number> {
  const print = (value: unknown, text: () => string) => io.out(json ? JSON.stringify(value, null, 2) : text());
  if (command === 'backups') {
    const backups = listBackups(dataDir);
    print(backups, () =>
      backups.length === 0 ? `No backups yet in ${path.join(dataDir, 'backups')}: make one with newsroom backup` : backups.map((b) => `${b.takenAt}  ${b.reason.padEnd(28)} ${(b.bytes / 1024).toFixed(0).padStart(8)} KB  ${b.file}`).join('\n'),
    );
    return 0;
  }
  if (command === 'verify') {
    if (rest.length > 1) throw new UsageError('verify takes at most one backup file');
    const file = rest[0] === undefined ? databasePath(dataDir) : resolveBackupFile(dataDir, rest[0], { allowOutside: true });
    const result = await verifyDatabase(file);
    print(result, () =>
      result.ok
        ? `OK: ${file} passed its integrity check${result.stories === null ? '' : `, ${result.stories} stories`}, ${result.photosChecked} photo checksums match`
        : [`PROBLEMS in ${file}:`, ...result.problems.map((p) => `  ${p}`)].join('\n'),
    );
    return result.ok ? 0 : 1;
  }
  if (rest.length !== 1) throw new UsageError('restore needs one backup file (see newsroom backups)');
  const restored = await restoreFromBackup(dataDir, rest[0] as string, { allowOutside: true });
  print(restored, () =>
    [
      `Restored ${restored.restored.file} (taken ${restored.restored.takenAt}).`,
      restored.setAside ? `The store it replaced is kept at ${restored.setAside}${restored.replacedWasDamaged ? ' (it was damaged)' : ''}.` : '',
      restored.photosRestored > 0 ? `${restored.photosRestored} photos brought back.` : '',
      ...restored.photoProblems.map((p) => `Photo problem: ${p}`),
    ]
      .filter((line) => line !== '')
      .join('\n'),
  );
  return 0;
}

function splitNames(list: string): string[] {
  return list
    .split(/,|\band\b/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
}

function readBodyFile(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --body-file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (file.endsWith('.json')) return text;
  return JSON.stringify(documentFromPlainText(text));
}

function summaryLine(s: StorySummary): string {
  const headline = s.headline === '' ? '(no headline)' : s.headline;
  return `${s.status.padEnd(6)} ${s.updatedAt.slice(0, 16).replace('T', ' ')}  ${String(s.wordCount).padStart(6)} words  ${headline}  [${s.slug}]  ${s.id}`;
}
