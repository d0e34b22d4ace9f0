/**
 * Story packages: one file (`<slug>.newsroom`) that carries a story between machines without a
 * server, with its photos (as stored, once each), revisions, notes and audit trail.
 *
 * Layout: the magic line, a 4-byte manifest length, the manifest (JSON: format version, the
 * story's content hashes, and every part's name, size and SHA-256), the parts one after another,
 * and a SHA-256 of everything before it. Nothing in a package is trusted until every check has
 * passed, and no path in it is ever used: photos are stored by their own content hash.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import type { Db } from '../../db/open.js';
import { packageQueries, type RevisionRecord } from '../../db/packages.js';
import { storyQueries } from '../../db/stories.js';
import type { AuditEntry, StoryNote } from '../../db/workflow.js';
import { documentPhotos, parseStoryDocument } from '../../common/document.js';
import { NewsroomError } from '../../common/errors.js';
import { ID_PATTERN, newId } from '../../common/ids.js';
import { PHOTO_ID_PATTERN, type StoredPhoto } from '../../common/photo.js';
import { MAX_HEADLINE_CHARS, MAX_STANDFIRST_CHARS, REVISION_REASONS, STORY_STATUSES, slugSchema, storyFieldsSchema, type Story } from '../../common/story.js';
import { ACTIONS, LOCKED_STATES, MOVES, STATES, type Action, type StoryState } from '../../common/workflow.js';
import { ORIGINS, type JobControl } from '../../common/contract/index.js';
import { writeFileAtomically } from '../files.js';
import type { AuditLog } from './audit.js';
import type { MediaService } from './media.js';
import type { NoteService } from './notes.js';
import type { StoryStore } from './storyStore.js';

export const PACKAGE_FORMAT = 1;
export const PACKAGE_EXTENSION = '.newsroom';
const MAGIC = Buffer.from('NEWSROOM-PACKAGE\n', 'ascii');
const MAX_MANIFEST_BYTES = 1_000_000;

const manifestSchema = z.object({
  format: z.number().int(),
  createdAt: z.string(),
  storyId: z.string().regex(ID_PATTERN),
  slug: z.string(),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The sender's last exchanged version of the story, if any. */
  baseHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  parts: z.array(z.object({ name: z.string().max(200), size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).max(10_000),
});
type Manifest = z.infer<typeof manifestSchema>;

interface StoryPart {
  story: Story;
  revisions: RevisionRecord[];
  notes: StoryNote[];
  audit: AuditEntry[];
  photos: StoredPhoto[];
}

export type Arrival = 'created' | 'updated' | 'older' | 'same' | 'conflict';

export interface UnpackResult {
  outcome: Arrival;
  story: Story;
  /** What happened, for the person who opened the package. */
  message: string;
  photos: number;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** What a story says, for telling versions apart: its text, fields and review state. */
export function contentHash(story: Pick<Story, 'headline' | 'standfirst' | 'byline' | 'dateline' | 'desk' | 'language' | 'body' | 'status' | 'corrections'>): string {
  // The body in its normal form, so two machines agree whatever wrote the JSON.
  const body = JSON.stringify(parseStoryDocument(story.body));
  return sha256(
    JSON.stringify([story.headline, story.standfirst, story.byline, story.dateline.place, story.dateline.date, story.desk, story.language, body, story.status, story.corrections]),
  );
}

function refuse(name: string, problem: string): NewsroomError {
  return new NewsroomError('invalid-argument', `${name} was not opened: ${problem}. Nothing was changed; ask the sender to pack the story again.`);
}

/** Reads and checks the container; throws before anything is trusted. */
export function readPackage(name: string, bytes: Uint8Array): { manifest: Manifest; parts: Map<string, Buffer> } {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length < MAGIC.length || !data.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw refuse(name, 'it is not a Newsroom story package');
  }
  if (data.length < MAGIC.length + 4 + 32) throw refuse(name, 'the package is truncated (it ends before its table of contents)');
  const manifestLength = data.readUInt32BE(MAGIC.length);
  const manifestStart = MAGIC.length + 4;
  if (manifestLength > MAX_MANIFEST_BYTES) {
    throw refuse(name, `its table of contents is ${(manifestLength / 1_000_000).toFixed(1)} MB, over the ${MAX_MANIFEST_BYTES / 1_000_000} MB a package may hold (too many parts or revisions): pack the story with fewer revisions`);
  }
  if (manifestStart + manifestLength + 32 > data.length) {
    throw refuse(name, 'the package is truncated (its table of contents is cut off)');
  }
  let manifest: Manifest;
  try {
    const raw: unknown = JSON.parse(data.subarray(manifestStart, manifestStart + manifestLength).toString('utf8'));
    const format = (raw as { format?: unknown })?.format;
    if (typeof format === 'number' && format !== PACKAGE_FORMAT) {
      throw refuse(name, `it was made by a different version of Newsroom (package format ${format}; this app reads format ${PACKAGE_FORMAT}): update Newsroom`);
    }
    manifest = manifestSchema.parse(raw);
  } catch (error) {
    if (error instanceof NewsroomError) throw error;
    throw refuse(name, 'its table of contents is damaged');
  }
  const expectedLength = manifestStart + manifestLength + manifest.parts.reduce((sum, p) => sum + p.size, 0) + 32;
  if (data.length < expectedLength) throw refuse(name, `the package is truncated (${data.length} of ${expectedLength} bytes)`);
  if (data.length > expectedLength) throw refuse(name, 'the package has extra bytes after its end (it was altered)');
  const body = data.subarray(0, data.length - 32);
  if (sha256(body) !== data.subarray(data.length - 32).toString('hex')) {
    throw refuse(name, 'its checksum does not match (the file was altered or damaged on the way)');
  }
  const parts = new Map<string, Buffer>();
  let offset = manifestStart + manifestLength;
  for (const part of manifest.parts) {
    const content = data.subarray(offset, offset + part.size);
    offset += part.size;
    if (sha256(content) !== part.sha256) throw refuse(name, `the checksum of its part "${part.name}" does not match (it was altered)`);
    if (parts.has(part.name)) throw refuse(name, `it holds the part "${part.name}" twice`);
    parts.set(part.name, content);
  }
  return { manifest, parts };
}

export function writePackageBytes(manifest: Omit<Manifest, 'parts'>, parts: { name: string; content: Buffer }[]): Buffer {
  const full: Manifest = { ...manifest, parts: parts.map((p) => ({ name: p.name, size: p.content.length, sha256: sha256(p.content) })) };
  const manifestBytes = Buffer.from(JSON.stringify(full), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(manifestBytes.length);
  const body = Buffer.concat([MAGIC, length, manifestBytes, ...parts.map((p) => p.content)]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/** Every field that arrives is checked (issue 11): ids, dates, states, lengths; nothing is stored as sent unless it is one of ours. */
const id = z.string().regex(ID_PATTERN, 'not a Newsroom id');
/** A date and time as Newsroom writes them (ISO 8601, UTC or with an offset). */
const instant = z
  .string()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), 'not a date and time');
const MAX_BODY_CHARS = 20_000_000;
const revisionSchema = z.object({
  id,
  story_id: id,
  story_version: z.number().int().min(0),
  reason: z.enum(REVISION_REASONS),
  headline: z.string().max(MAX_HEADLINE_CHARS),
  standfirst: z.string().max(MAX_STANDFIRST_CHARS),
  byline: z.string().max(10_000),
  dateline_place: z.string().max(200),
  dateline_date: z.string().max(40),
  desk: z.string().max(200),
  language: z.string().max(40),
  body: z.string().max(MAX_BODY_CHARS),
  word_count: z.number().int().min(0),
  created_at: instant,
});
const auditSchema = z.object({
  id,
  storyId: id,
  at: instant,
  profileId: id.nullable(),
  profileName: z.string().max(200),
  action: z.string().regex(/^[a-z][a-z-]{0,39}$/, 'not a workflow action'),
  fromState: z.enum(STATES).nullable(),
  toState: z.enum(STATES).nullable(),
  note: z.string().max(10_000),
  revisionId: id.nullable(),
  // Packages made before origins were recorded carry none.
  origin: z.enum(ORIGINS).nullable().default(null),
  // Entries that reached the sender in an earlier package keep the name of that package.
  viaPackage: z.string().max(255).nullable().default(null),
});
const noteSchema = z.object({
  id,
  storyId: id,
  authorId: id.nullable(),
  authorName: z.string().max(200),
  kind: z.enum(['note', 'change-request', 'correction', 'footnote', 'comment']),
  text: z.string().max(10_000),
  anchor: z.object({ quote: z.string().max(10_000), block: z.number().int().min(0).optional() }).nullable(),
  createdAt: instant,
  resolvedAt: instant.nullable(),
  resolvedBy: z.string().max(200).nullable(),
});
const storyPartSchema = z.object({
  story: z.object({
    ...storyFieldsSchema.shape,
    id,
    slug: slugSchema,
    body: z.string().max(MAX_BODY_CHARS),
    status: z.enum(STORY_STATUSES),
    createdAt: instant,
    createdBy: id.nullable(),
    corrections: z.array(z.object({ at: instant, note: z.string().max(10_000) })).max(1000),
  }),
  revisions: z.array(revisionSchema).max(10_000),
  notes: z.array(noteSchema).max(10_000),
  audit: z.array(auditSchema).max(100_000),
  photos: z.array(z.object({ id: z.string().regex(PHOTO_ID_PATTERN), originalName: z.string().max(255) })).max(1000),
});

/** Every move in the trail must be one the state machine allows: a package cannot skip the desk. */
function checkMoves(name: string, audit: AuditEntry[], finalState: StoryState): void {
  const moves = audit.filter((e) => (ACTIONS as readonly string[]).includes(e.action)).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  for (const entry of moves) {
    const move = MOVES[entry.action as Action];
    const from = entry.fromState as StoryState;
    const validTo = move.to === 'previous' ? true : entry.toState === move.to;
    if (!move.from.includes(from) || !validTo) {
      throw refuse(name, `its history records a move the workflow does not allow ("${entry.action}" from ${entry.fromState} to ${entry.toState} by ${entry.profileName})`);
    }
  }
  const last = moves[moves.length - 1];
  // A story approved elsewhere arrives as filed (a package never approves), and may travel on so.
  const heldBack = last !== undefined && finalState === 'filed' && LOCKED_STATES.includes(last.toState as StoryState);
  if (last && last.toState !== finalState && !heldBack) {
    throw refuse(name, `the story's state (${finalState}) does not follow from its recorded moves (last: ${last.action} to ${last.toState})`);
  }
}

export interface PackageServiceDeps {
  stories: StoryStore;
  media: Pick<MediaService, 'get' | 'importPhoto' | 'originalFile' | 'has' | 'discardArrived'>;
  audit: Pick<AuditLog, 'history' | 'append'>;
  notes: Pick<NoteService, 'list' | 'append'>;
  now?: () => Date;
}

export function createPackageService(db: Db, deps: PackageServiceDeps) {
  const { stories, media, audit: trail, notes } = deps;
  const pq = packageQueries(db);
  const sq = storyQueries(db);
  const clock = deps.now ?? (() => new Date());

  function photoIdsOf(bodies: string[]): string[] {
    const ids = new Set<string>();
    for (const body of bodies) for (const p of documentPhotos(parseStoryDocument(body))) if (p.photoId !== '') ids.add(p.photoId);
    return [...ids].sort();
  }

  /** Packs a story; the packed version becomes the one both sides share. */
  function pack(ref: string): { fileName: string; bytes: Buffer } {
    const packed = packParts(ref);
    packed.shared();
    return { fileName: packed.fileName, bytes: packed.bytes };
  }

  /**
   * The package's bytes, photo by photo (reporting to `job`, stopping between photos when it is
   * cancelled); nothing is recorded until `shared()` says the package was written.
   */
  function packParts(ref: string, job?: JobControl): { fileName: string; bytes: Buffer; steps: number; shared: () => void } {
    const story = stories.get(ref);
    const revisions = pq.revisions(story.id);
    const photoIds = photoIdsOf([story.body, ...revisions.map((r) => r.body)]);
    const photos = photoIds.map((id) => media.get(id));
    const part: StoryPart = { story, revisions, notes: notes.list(story.id), audit: trail.history(story.id), photos };
    const hash = contentHash(story);
    const sync = pq.sync(story.id);
    const contents: { name: string; content: Buffer }[] = [];
    for (const [index, photo] of photos.entries()) {
      if (job?.signal.aborted) throw new NewsroomError('cancelled', 'Packing cancelled: no package was written and the story is unchanged');
      job?.report('Packing photos', index, photos.length + 1);
      contents.push({ name: `photo-${photo.id}`, content: readOriginal(photo.id) });
    }
    const bytes = writePackageBytes(
      { format: PACKAGE_FORMAT, createdAt: clock().toISOString(), storyId: story.id, slug: story.slug, contentHash: hash, baseHash: sync?.syncedHash ?? null },
      [{ name: 'story.json', content: Buffer.from(JSON.stringify(part), 'utf8') }, ...contents],
    );
    return { fileName: `${story.slug}${PACKAGE_EXTENSION}`, bytes, steps: photos.length + 1, shared: () => pq.setSync(story.id, hash, sync?.conflictRevisionId ?? null) };
  }

  function readOriginal(id: string): Buffer {
    return fs.readFileSync(media.originalFile(id));
  }

  let lastArrival: UnpackResult | null = null;

  async function unpack(name: string, bytes: Uint8Array, job?: JobControl): Promise<UnpackResult> {
    lastArrival = await unpackChecked(name, bytes, job);
    return lastArrival;
  }

  async function unpackChecked(name: string, bytes: Uint8Array, job?: JobControl): Promise<UnpackResult> {
    // Cancellable while the package is being checked, before anything is written; after that the
    // photos and the story go in as one piece of work.
    const stopIfCancelled = () => {
      if (job?.signal.aborted) throw new NewsroomError('cancelled', `Opening ${name.slice(0, 200)} cancelled: nothing from the package was written`);
    };
    job?.report('Checking the package', 0, 0);
    const { manifest, parts } = readPackage(name, bytes);
    stopIfCancelled();
    const storyBytes = parts.get('story.json');
    if (!storyBytes) throw refuse(name, 'it holds no story');
    let parsed: z.infer<typeof storyPartSchema>;
    try {
      parsed = storyPartSchema.parse(JSON.parse(storyBytes.toString('utf8')));
    } catch (error) {
      const issue = error instanceof z.ZodError ? error.issues[0] : undefined;
      const where = issue ? ` (${issue.path.join('.')}: ${issue.message})` : '';
      throw refuse(name, `its story is not one Newsroom can read${where}`);
    }
    const incoming = parsed.story;
    if (incoming.id !== manifest.storyId) throw refuse(name, 'its table of contents names a different story');
    try {
      incoming.body = JSON.stringify(parseStoryDocument(incoming.body));
      for (const r of parsed.revisions) {
        if (r.story_id !== incoming.id) throw new Error('revision of another story');
        r.body = JSON.stringify(parseStoryDocument(r.body));
      }
    } catch (error) {
      throw refuse(name, `its story text is not valid (${(error as Error).message})`);
    }
    const incomingHash = contentHash({ ...incoming, corrections: incoming.corrections });
    if (incomingHash !== manifest.contentHash) throw refuse(name, 'its story does not match its table of contents (it was altered)');
    const audit: AuditEntry[] = parsed.audit.filter((e) => e.storyId === incoming.id).map((e) => ({ ...e, viaPackage: e.viaPackage ?? name }));
    checkMoves(name, audit, incoming.status);
    // A package never decides approval here (issue 11): local profiles are names, not credentials,
    // so the sender's "approved" or "published" is their claim, and the story arrives as filed.
    const claimed = incoming.status;
    const arriving: StoryState = LOCKED_STATES.includes(claimed) ? 'filed' : claimed;
    const arrivingHash = contentHash({ ...incoming, status: arriving });
    const photoIds = photoIdsOf([incoming.body, ...parsed.revisions.map((r) => r.body)]);
    // Photos: stored by their own content hash, checked against the id the package claims.
    for (const [index, id] of photoIds.entries()) {
      stopIfCancelled();
      job?.report('Checking photos', index, photoIds.length * 2 + 1);
      const content = parts.get(`photo-${id}`);
      if (!content) throw refuse(name, `it is missing photo ${id.slice(0, 12)}…`);
      if (sha256(content) !== id) throw refuse(name, `photo ${id.slice(0, 12)}… does not match its checksum`);
    }
    // All or nothing: photos this machine did not have are taken back if anything after them fails.
    const arrivedPhotos: string[] = [];
    try {
      stopIfCancelled();
      for (const [index, id] of photoIds.entries()) {
        job?.report('Storing photos', photoIds.length + index, photoIds.length * 2 + 1);
        const meta = parsed.photos.find((p) => p.id === id);
        const isNew = !media.has(id);
        // The checksums vouch for the bytes: display copies are made when the photo is first shown.
        await media.importPhoto(meta?.originalName ?? `${id.slice(0, 12)}.jpg`, parts.get(`photo-${id}`) as Buffer, { renditions: 'later' });
        if (isNew) arrivedPhotos.push(id);
      }
      job?.report('Storing the story', photoIds.length * 2, photoIds.length * 2 + 1);
      const arrived = arrive(name, manifest, parsed, audit, { claimed, arriving, incomingHash, arrivingHash });
      job?.report('Done', photoIds.length * 2 + 1, photoIds.length * 2 + 1);
      return arrived;
    } catch (error) {
      for (const id of arrivedPhotos) media.discardArrived(id);
      throw error;
    }
  }

  /** What this machine itself records about an arrival: the sender's claims it did not take. */
  function arrivalEntry(name: string, storyId: string, from: StoryState | null, to: StoryState, note: string): AuditEntry {
    const at = clock();
    return { id: newId(at.getTime()), storyId, at: at.toISOString(), profileId: null, profileName: 'Story package', action: 'arrive', fromState: from, toState: to, note, revisionId: null, origin: null, viaPackage: name };
  }

  const claimNote = (name: string, claimed: StoryState, arriving: StoryState) =>
    `${name} says the story is ${claimed} on the sender’s machine; it arrived here as ${arriving}, for an editor on this machine to decide.`;

  const arrive = db.transaction(
    (
      name: string,
      manifest: Manifest,
      parsed: z.infer<typeof storyPartSchema>,
      audit: AuditEntry[],
      hashes: { claimed: StoryState; arriving: StoryState; incomingHash: string; arrivingHash: string },
    ): UnpackResult => {
      const incoming = parsed.story;
      const { claimed, arriving, incomingHash, arrivingHash } = hashes;
      const heldBack = claimed !== arriving;
      const local = sq.getRow(incoming.id);
      const merge = () => {
        for (const r of parsed.revisions) pq.insertRevision(r);
        for (const n of parsed.notes) if (n.storyId === incoming.id) notes.append(n);
        for (const e of audit) trail.append(e);
      };
      const photos = parsed.photos.length;
      if (!local) {
        const takenSlug = sq.getRowBySlug(incoming.slug) !== undefined;
        const created = stories.create({
          id: incoming.id,
          fields: incoming,
          body: incoming.body,
          ...(takenSlug ? {} : { slug: incoming.slug }),
          createdBy: incoming.createdBy,
          status: arriving,
        });
        if (incoming.corrections.length > 0) {
          sq.setState({ id: created.id, expectedVersion: created.version, to: arriving, stateBeforeSpike: null, corrections: JSON.stringify(incoming.corrections), now: clock().toISOString() });
        }
        merge();
        if (heldBack) trail.append(arrivalEntry(name, created.id, null, arriving, claimNote(name, claimed, arriving)));
        const story = stories.get(created.id);
        pq.setSync(created.id, contentHash(story), null);
        const held = heldBack ? ` It says ${claimed} on the sender’s machine; here it is ${arriving}, for an editor on this machine to decide.` : '';
        return { outcome: 'created', story, message: `New story from the package: “${incoming.headline || incoming.slug}”.${held}`, photos };
      }
      const current = stories.get(local.id);
      const localHash = contentHash(current);
      const base = local.synced_hash;
      merge();
      // The same text in another state (say, the filed copy of what this machine approved since) is
      // the same story here: this machine's state stands.
      const sameText = contentHash({ ...incoming, status: current.status }) === localHash;
      if (localHash === incomingHash || localHash === arrivingHash || (sameText && LOCKED_STATES.includes(current.status))) {
        pq.setSync(local.id, localHash, null);
        return { outcome: 'same', story: stories.get(local.id), message: 'This machine already has this version of the story; notes and history were merged.', photos };
      }
      if (incomingHash === base || arrivingHash === base) {
        return {
          outcome: 'older',
          story: current,
          message: 'The package is older than this machine’s copy (only this machine changed the story since): nothing changed.',
          photos,
        };
      }
      const locked = LOCKED_STATES.includes(current.status);
      if (!locked && (localHash === base || manifest.baseHash === localHash)) {
        // Only the sender changed it: move the story forward, text and state (at most filed).
        const saved = sq.update(
          {
            id: local.id,
            expectedVersion: current.version,
            slug: current.slug,
            headline: incoming.headline,
            standfirst: incoming.standfirst,
            byline: incoming.byline,
            datelinePlace: incoming.dateline.place,
            datelineDate: incoming.dateline.date,
            desk: incoming.desk,
            language: incoming.language,
            body: incoming.body,
            wordCount: stories.wordCountOf(incoming.body),
            now: clock().toISOString(),
          },
          stories.searchTextOf(incoming, incoming.body),
        ) as Story;
        sq.setState({
          id: local.id,
          expectedVersion: saved.version,
          to: arriving,
          stateBeforeSpike: local.state_before_spike,
          corrections: JSON.stringify(incoming.corrections),
          now: clock().toISOString(),
        }) as Story;
        stories.snapshot(local.id, 'incoming');
        if (heldBack) trail.append(arrivalEntry(name, local.id, current.status, arriving, claimNote(name, claimed, arriving)));
        const story = stories.get(local.id);
        pq.setSync(local.id, contentHash(story), null);
        const held = heldBack ? ` (the package says ${claimed}; an editor on this machine decides that)` : '';
        return { outcome: 'updated', story, message: `The story moved forward to the package’s version (${arriving})${held}.`, photos };
      }
      // Both sides changed it, or this machine approved it: keep theirs as a revision beside ours,
      // and let a person choose (for an approved story, once an editor has reopened it).
      const now = clock();
      const revisionId = newId(now.getTime());
      pq.insertRevision({
        id: revisionId,
        story_id: local.id,
        story_version: current.version,
        reason: 'incoming',
        headline: incoming.headline,
        standfirst: incoming.standfirst,
        byline: JSON.stringify(incoming.byline),
        dateline_place: incoming.dateline.place,
        dateline_date: incoming.dateline.date,
        desk: incoming.desk,
        language: incoming.language,
        body: incoming.body,
        word_count: stories.wordCountOf(incoming.body),
        created_at: now.toISOString(),
      });
      pq.setSync(local.id, base, revisionId);
      if (locked) {
        trail.append({
          ...arrivalEntry(name, local.id, current.status, current.status, `${name} brought other text for this ${current.status} story; it is kept beside the ${current.status} text, which does not change until an editor reopens the story.`),
          revisionId,
        });
        return {
          outcome: 'conflict',
          story: stories.get(local.id),
          message: `This story is ${current.status} on this machine, so its text did not change. The package’s version is kept as a revision beside it: an editor can reopen the story to compare and choose.`,
          photos,
        };
      }
      return {
        outcome: 'conflict',
        story: stories.get(local.id),
        message: 'Both this machine and the sender changed the story. Their version is kept as a revision beside yours: compare them and choose.',
        photos,
      };
    },
  );

  /** A person chose after a conflict: keep this machine's text, or take the incoming one (ours stays as a revision). */
  const resolve = db.transaction((input: { storyId: string; version: number; keep: 'local' | 'incoming' }): Story => {
    const story = stories.get(input.storyId);
    if (story.conflictRevisionId === null) throw new NewsroomError('invalid-argument', 'This story has no conflict to resolve');
    let result = story;
    if (input.keep === 'incoming' && LOCKED_STATES.includes(story.status)) {
      throw new NewsroomError('forbidden', `This story is ${story.status}: its text changes only after an editor reopens it. Reopen it, then take the package’s version`);
    }
    if (input.keep === 'incoming') {
      result = stories.restoreRevision({ storyId: story.id, revisionId: story.conflictRevisionId, version: input.version });
    } else if (story.version !== input.version) {
      throw new NewsroomError('conflict', 'This story was changed elsewhere: reload it and choose again');
    }
    pq.setSync(story.id, contentHash(result), null);
    return stories.get(story.id);
  });

  return {
    pack,
    /** Packs a story and writes the package to `file` (whole or not at all). */
    async exportTo(ref: string, file: string, job?: JobControl): Promise<{ path: string; bytes: number }> {
      const packed = packParts(ref, job);
      if (job?.signal.aborted) throw new NewsroomError('cancelled', 'Packing cancelled: no package was written and the story is unchanged');
      job?.report('Writing the package', packed.steps - 1, packed.steps);
      await writeFileAtomically(file, packed.bytes);
      // Written whole: only now is the packed version the one both sides share.
      packed.shared();
      job?.report('Done', packed.steps, packed.steps);
      return { path: file, bytes: packed.bytes.length };
    },
    /** The file name a package of this story is offered under. */
    fileNameFor(ref: string): string {
      return `${stories.get(ref).slug}${PACKAGE_EXTENSION}`;
    },
    unpack,
    resolve,
    /** The package opened most recently (by the system, a drop or the CLI), with the story as it is now. */
    lastArrival(): UnpackResult | null {
      return lastArrival === null ? null : { ...lastArrival, story: stories.get(lastArrival.story.id) };
    },
  };
}

export type PackageService = ReturnType<typeof createPackageService>;
