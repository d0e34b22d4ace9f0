import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, channelErrors, contract } from '../../common/contract/index.js';
import { ERROR_CODES } from '../../common/errors.js';
import { invokeChannel } from '../../main/handlers.js';
import { tempNewsroom, by } from '../helpers/dataDir.js';
import { doc } from '../helpers/documents.js';
import { FUZZ_RUNS } from './runs.js';

type Newsroom = ReturnType<typeof tempNewsroom>;
let newsroom: Newsroom;
let storyId = '';

beforeAll(() => {
  newsroom = tempNewsroom({
    platform: { chooseImageFiles: async () => [], chooseSavePath: async () => null },
  });
  storyId = newsroom.stories.create({ fields: { headline: 'Fuzz target' }, body: doc('Some text to fuzz.') }, by(null)).id;
});
afterAll(() => newsroom.cleanup());

/** Changes this connection has made to the database so far. */
const changes = () => newsroom.db.prepare('SELECT total_changes() AS n').get() as { n: number };

/** Arbitrary values, and arbitrary objects that look like the channel's own argument, with known ids. */
const argument = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }),
  fc.dictionary(
    fc.constantFrom('id', 'storyId', 'version', 'fields', 'body', 'query', 'limit', 'offset', 'sort', 'action', 'note', 'name', 'bytes', 'confirm', 'text', 'from', 'to', 'keep', 'roles'),
    fc.oneof(fc.constant(storyId), fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.object(), fc.uint8Array({ maxLength: 64 })),
  ),
);

describe('every IPC channel with arbitrary arguments', () => {
  it.each(CHANNELS)('%s answers with a value or a typed error, never a crash; an error writes nothing', async (channel) => {
    await fc.assert(
      fc.asyncProperty(argument, async (arg) => {
        const before = changes().n;
        const result = await invokeChannel(newsroom.door, { origin: 'test' }, channel, arg);
        if (result.ok) {
          // The argument was valid for the channel: then it parsed with the channel's own schema.
          expect(contract[channel].arg.safeParse(arg).success).toBe(true);
          return;
        }
        expect(ERROR_CODES).toContain(result.error.code);
        // Only the errors the channel declares in the contract.
        expect(channelErrors(channel)).toContain(result.error.code);
        expect(result.error.code).not.toBe('internal');
        expect(typeof result.error.message).toBe('string');
        expect(result.error.message.length).toBeGreaterThan(10);
        expect(changes().n).toBe(before);
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect((newsroom.db.prepare('PRAGMA quick_check').get() as { quick_check: string }).quick_check).toBe('ok');
  });
});
