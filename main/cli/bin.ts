// Entry of the bundled `newsroom` command (dist/cli.mjs): wires runCli to the real process.
import type { JobProgress } from '../engine/protocol.js';
import { runCli } from './index.js';

/** A progress bar on the terminal, redrawn in place: `[######........] 3/10 Exporting council-budget`. */
function progressBar(progress: JobProgress): void {
  const width = 24;
  const filled = progress.total === 0 ? 0 : Math.round((progress.done / progress.total) * width);
  const count = progress.total === 0 ? '' : ` ${progress.done}/${progress.total}`;
  process.stderr.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${count} ${progress.what}`.slice(0, (process.stderr.columns ?? 80) + 8));
  if (progress.total > 0 && progress.done === progress.total) process.stderr.write('\r\x1b[2K');
}

// The first Ctrl+C cancels the command's long work (what it did is whole); a second one stops at once.
const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(130);
  interrupt.abort();
});

// A service manager stops `newsroom desk serve` with SIGTERM: the same orderly stop as Ctrl+C.
process.on('SIGTERM', () => interrupt.abort());

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(line.endsWith('\n') ? line : `${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  ...(process.stderr.isTTY && !process.argv.includes('--json') ? { progress: progressBar } : {}),
  signal: interrupt.signal,
  readStdin,
});
process.removeAllListeners('SIGINT');
