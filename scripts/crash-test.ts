/**
 * `npm run crash-test`: the long crash run. Kills a writer saving through the real store N times
 * and checks the store after each kill; see tests/crash/harness.ts.
 *
 *   node --import tsx scripts/crash-test.ts [--kills 1000] [--seed N] [--photo-every K]
 *                                           [--max-delay MS] [--data-dir DIR]
 *
 * Exits 1 if any kill left the store damaged or behind an acknowledged save.
 */
import { parseArgs } from 'node:util';
import { runCrashHarness } from '../tests/crash/harness.js';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '1000' },
    seed: { type: 'string' },
    'photo-every': { type: 'string', default: '0' },
    'max-delay': { type: 'string', default: '150' },
    'data-dir': { type: 'string' },
  },
});

function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`crash-test: --${name} must be a whole number, not "${value}"`);
    process.exit(2);
  }
  return n;
}

const result = await runCrashHarness({
  kills: count('kills', values.kills) ?? 1000,
  seed: count('seed', values.seed),
  photoEvery: count('photo-every', values['photo-every']),
  maxDelayMs: count('max-delay', values['max-delay']),
  dataDir: values['data-dir'],
});

console.log('');
console.log(`kills survived        ${result.survived} of ${result.kills}`);
console.log(`acknowledged saves    ${result.acknowledgedSaves}`);
console.log(`acknowledged photos   ${result.acknowledgedPhotos}`);
console.log(`integrity failures    ${result.integrityFailures}`);
console.log(`lost acks             ${result.lostAcks}`);
console.log(`writer errors         ${result.writerErrors}`);
console.log(`store ahead of ack    ${result.committedBeforeAck} (killed after a commit, before its ack: allowed)`);
console.log(`wall time             ${(result.ms / 1000).toFixed(1)} s (${(result.checkMs / 1000).toFixed(1)} s of it reopening and checking the store)`);
console.log(`seed                  ${result.seed}`);
if (result.failures.length > 0) {
  console.log('');
  for (const failure of result.failures) console.log(`FAIL ${failure}`);
  console.log(`The data dir is kept for inspection: ${result.dataDir}`);
  process.exit(1);
}
