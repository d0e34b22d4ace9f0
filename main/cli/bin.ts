// Entry of the bundled `newsroom` command (dist/cli.mjs): wires runCli to the real process.
import { runCli } from './index.js';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(line.endsWith('\n') ? line : `${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
