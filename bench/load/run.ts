/**
 * `npm run load -- --editors 500 --stories 200 --seconds 60 [--nodes 2]`: the desk under a
 * newsroom's load (bench/load/load.ts), written to bench/results/load-latest.json and printed.
 * `--idle 3000` instead connects that many clients that do nothing, to measure what one process holds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runLoad } from './load.js';

const { values } = parseArgs({
  options: {
    editors: { type: 'string', default: '50' },
    stories: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    nodes: { type: 'string', default: '1' },
    idle: { type: 'string' },
    out: { type: 'string', default: path.resolve(import.meta.dirname, '../results/load-latest.json') },
  },
});

const count = (name: string, value: string | undefined, min: number): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    console.error(`load: --${name} ${value} is not a whole number of at least ${min}`);
    process.exit(2);
  }
  return n;
};

const result = await runLoad({
  editors: count('editors', values.editors, 1),
  stories: count('stories', values.stories, 1),
  seconds: count('seconds', values.seconds, 1),
  nodes: count('nodes', values.nodes, 1),
  ...(values.idle === undefined ? {} : { idle: count('idle', values.idle, 1) }),
  log: (line) => console.error(line),
});
const at = new Date().toISOString();
fs.mkdirSync(path.dirname(values.out), { recursive: true });
const { texts: _texts, ...figures } = result;
fs.writeFileSync(values.out, `${JSON.stringify({ at, ...figures }, null, 2)}\n`);
const { editors, stories, nodes, fanout, lost, converged, serverRssMb, serverCpu, databaseConnections } = result;
console.log(JSON.stringify({ editors, ...(result.idle ? { idle: result.idle } : {}), stories, nodes, fanout, lost, converged, serverRssMb, serverCpu, databaseConnections }, null, 2));
console.error(`load: written to ${values.out}`);
if (lost > 0 || !converged) process.exitCode = 1;
