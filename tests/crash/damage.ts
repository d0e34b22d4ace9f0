/**
 * A store worth losing and the ways a disk loses it, for the backup and recovery tests: a file cut
 * short (a copy interrupted, a full disk), pages overwritten in the middle (a bad sector, a sync
 * tool writing over a live file), and a zeroed header.
 */
import fs from 'node:fs';
import { openNewsroom, type Newsroom } from '../../main/newsroom.js';
import { bodyOfWords } from '../helpers/documents.js';
import { fixturePhoto } from '../helpers/fixtures.js';
import { seededRandom } from './random.js';
import { by } from '../helpers/dataDir.js';

export type Damage = 'truncated to half' | 'garbage over middle pages' | 'zeroed header';

export const DAMAGES: readonly Damage[] = ['truncated to half', 'garbage over middle pages', 'zeroed header'];

/** Damages the file in place and returns its bytes as damaged. */
export function damageFile(file: string, damage: Damage, seed = 1): Buffer {
  const bytes = fs.readFileSync(file);
  let damaged: Buffer;
  if (damage === 'truncated to half') {
    damaged = bytes.subarray(0, Math.floor(bytes.length / 2 / 4096) * 4096);
  } else if (damage === 'zeroed header') {
    damaged = Buffer.from(bytes);
    damaged.fill(0, 0, 100);
  } else {
    damaged = Buffer.from(bytes);
    const random = seededRandom(seed);
    const start = Math.floor(damaged.length / 3 / 4096) * 4096;
    const end = Math.min(damaged.length, start + 8 * 4096);
    for (let i = start; i < end; i += 1) damaged[i] = Math.floor(random() * 256);
  }
  fs.writeFileSync(file, damaged);
  return damaged;
}

export interface SeededNewsroom {
  newsroom: Newsroom;
  storyIds: string[];
  photoIds: string[];
}

/** A newsroom with `stories` stories of a few hundred words (enough pages to damage) and two photos. */
export async function seededNewsroom(dataDir: string, now: () => Date, stories = 40): Promise<SeededNewsroom> {
  const newsroom = openNewsroom(dataDir, { now });
  const storyIds: string[] = [];
  for (let i = 0; i < stories; i += 1) {
    storyIds.push(newsroom.stories.create({ fields: { headline: `Council story ${i}` }, body: bodyOfWords(400, i + 1) }, by(null)).id);
  }
  const photoIds: string[] = [];
  for (const name of ['noexif.jpg', 'iptc-staff-photographer-example.jpg']) {
    photoIds.push((await newsroom.media.importFile(fixturePhoto(name))).photo.id);
  }
  return { newsroom, storyIds, photoIds };
}

/** A clock the test moves by hand. */
export function handClock(start = '2026-03-01T06:00:00.000Z'): { now: () => Date; advanceHours: (h: number) => void; set: (iso: string) => void } {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advanceHours: (h) => {
      t += h * 3600 * 1000;
    },
    set: (iso) => {
      t = Date.parse(iso);
    },
  };
}
