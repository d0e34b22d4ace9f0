/**
 * The process the crash harness kills. It opens the real store (`openNewsroom`) and saves one
 * story over and over through `stories.save` with its version, as autosave does, and says on
 * stdout what has been acknowledged:
 *
 *   loaded                 modules are loaded; waiting for `go` on stdin
 *   ready <version>        the store is open; the story is at <version>
 *   ack <version> <sha256> a save returned: its transaction committed (synchronous=FULL)
 *   photo <sha256>         a photo import returned: its original and its record are stored
 *                          (with photos on, one right after `ready`, then one every `photoEvery` saves)
 *
 * The `go` gate lets the harness start the next writer while it checks the store after a kill,
 * so Node's start-up time is not paid between kills. stdout is a pipe, and Node writes to pipes
 * synchronously on Linux and macOS (https://nodejs.org/api/process.html#a-note-on-process-io):
 * once `write` returns the line is in the kernel, and SIGKILL cannot lose it.
 *
 * Usage: node writer.mjs <dataDir> [photoEvery]
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { openNewsroom } from '../../main/newsroom.js';
import { NewsroomError } from '../../common/errors.js';
import type { Story } from '../../common/story.js';
import { bodyOfWords } from '../helpers/documents.js';
import { CRASH_STORY_SLUG } from './protocol.js';
import { by } from '../helpers/dataDir.js';
/** Each save is a minute and a second after the last, so revision snapshots (every 5 min) and their pruning happen too. */
const EPOCH = Date.UTC(2026, 0, 1);
const clockFor = (version: number) => new Date(EPOCH + version * 61_000);

/** The body of save `version`: grows from 80 to 3,200 words, then starts small again; every save differs. */
function bodyForVersion(version: number): string {
  return bodyOfWords(80 * (1 + (version % 40)), version);
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function waitForGo(): Promise<void> {
  return new Promise((resolve) => {
    let received = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      received += chunk;
      if (received.includes('go\n')) {
        process.stdin.pause();
        resolve();
      }
    });
  });
}

/** A tiny PNG whose colour, and so whose bytes and id, differ for every `n`. */
async function photoFor(n: number): Promise<Buffer> {
  return sharp({ create: { width: 24, height: 16, channels: 3, background: { r: n & 255, g: (n >> 8) & 255, b: (n >> 16) & 255 } } })
    .png()
    .toBuffer();
}

async function main(): Promise<void> {
  const [dataDir, photoEveryArg] = process.argv.slice(2);
  if (dataDir === undefined) throw new Error('usage: writer <dataDir> [photoEvery]');
  const photoEvery = Number(photoEveryArg ?? 0);
  say('loaded');
  await waitForGo();

  let at = clockFor(0);
  const newsroom = openNewsroom(dataDir, { now: () => at });
  let story: Story;
  try {
    story = newsroom.stories.get(CRASH_STORY_SLUG);
  } catch (error) {
    if (!(error instanceof NewsroomError && error.code === 'not-found')) throw error;
    at = clockFor(1);
    story = newsroom.stories.create({ fields: { headline: 'Crash test' }, slug: CRASH_STORY_SLUG, body: bodyForVersion(1) }, by(null));
    say(`ack ${story.version} ${sha256(story.body)}`);
  }
  say(`ready ${story.version}`);
  // With photos on, one first: the harness times the kill from it, so every writer imports one.
  if (photoEvery > 0) {
    const imported = await newsroom.media.importPhoto(`crash-${story.version}-first.png`, await photoFor(2 * story.version + 1));
    say(`photo ${imported.photo.id}`);
  }

  for (;;) {
    const next = story.version + 1;
    at = clockFor(next);
    story = newsroom.stories.save({ id: story.id, version: story.version, fields: { standfirst: `Save ${next}` }, body: bodyForVersion(next) }, by(null));
    say(`ack ${story.version} ${sha256(story.body)}`);
    if (photoEvery > 0 && story.version % photoEvery === 0) {
      const imported = await newsroom.media.importPhoto(`crash-${story.version}.png`, await photoFor(2 * story.version));
      say(`photo ${imported.photo.id}`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`writer failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
