/**
 * The input shapes that froze the app (issue 11), through the real import and paste code at the
 * size limits: HTML import (parse5), Markdown with nested brackets and long paragraphs, and the
 * paste cleaner's renaming pass. Each shape is timed at n and 4n: a linear parser takes about 4×
 * as long at 4n, a quadratic one 16×. Goals: any file up to the 10 MB limit in under 2 s, a 1 MB
 * paste renamed in under 200 ms. Run alone with `node --import tsx bench/parsers.ts`.
 */
import { performance } from 'node:perf_hooks';
import { NewsroomError } from '../common/errors.js';
import { importStoryBytes } from '../main/services/import/index.js';
import { DEFAULT_IMPORT_LIMITS } from '../main/services/import/types.js';
import { holdInlineCode } from '../renderer/editor/plugins/PasteSanitizer/cleanPastedHtml.js';

export interface ParserFigure {
  shape: string;
  /** Input size at n, in bytes, and the time it took. */
  bytes: number;
  ms: number;
  /** The same shape at 4n. */
  bytes4: number;
  ms4: number;
  /** ms4 / ms: about 4 when linear, 16 when quadratic. */
  growth: number;
  goalMs: number;
}

interface Shape {
  shape: string;
  /** Input of about `bytes` bytes. */
  make: (bytes: number) => string;
  run: (input: string) => Promise<unknown> | unknown;
  /** The size judged against the goal (4n): the import limit, or a 1 MB paste. */
  limit: number;
  goalMs: number;
}

const encoder = new TextEncoder();
/** Imports, or is refused (a story over the body limit): either answer counts, as long as it comes. */
const importAs = (name: string) => (input: string) =>
  importStoryBytes(name, encoder.encode(input)).catch((error: unknown) => {
    if (!(error instanceof NewsroomError)) throw error;
  });
const LIMIT = DEFAULT_IMPORT_LIMITS.textBytes - 1024;
const repeatTo = (unit: string, bytes: number) => unit.repeat(Math.floor(bytes / unit.length));

const SHAPES: Shape[] = [
  { shape: 'HTML import: `<a <a <a …`', make: (b) => `<p>Lead</p>${repeatTo('<a ', b)}`, run: importAs('a.html'), limit: LIMIT, goalMs: 2000 },
  { shape: 'HTML import: nested <div>', make: (b) => `${repeatTo('<div>', b / 2)}words${repeatTo('</div>', b / 2)}`, run: importAs('div.html'), limit: LIMIT, goalMs: 2000 },
  { shape: 'HTML import: nested <b><i>', make: (b) => `${repeatTo('<b><i>', b)}words`, run: importAs('bi.html'), limit: LIMIT, goalMs: 2000 },
  { shape: 'Markdown import: nested [ ]', make: (b) => `${repeatTo('[', b / 2)}x${repeatTo(']', b / 2)}`, run: importAs('brackets.md'), limit: LIMIT, goalMs: 2000 },
  { shape: 'Markdown import: one paragraph of short lines', make: (b) => repeatTo('ab\n', b), run: importAs('lines.md'), limit: LIMIT, goalMs: 2000 },
  { shape: 'Markdown import: `<a <a` (an HTML block)', make: (b) => repeatTo('<a ', b), run: importAs('html-block.md'), limit: LIMIT, goalMs: 2000 },
  { shape: 'paste renaming: `<a <a <a …`', make: (b) => repeatTo('<a ', b), run: holdInlineCode, limit: 1024 * 1024, goalMs: 200 },
  { shape: 'paste renaming: styled tags', make: (b) => repeatTo('<p style="font-weight:700" onclick="x()">w</p>', b), run: holdInlineCode, limit: 1024 * 1024, goalMs: 200 },
];

async function timed(run: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export async function benchParsers(): Promise<ParserFigure[]> {
  const figures: ParserFigure[] = [];
  for (const { shape, make, run, limit, goalMs } of SHAPES) {
    const small = make(limit / 4);
    const large = make(limit);
    await run(make(10_000)); // warm up
    const ms = await timed(() => run(small));
    const ms4 = await timed(() => run(large));
    figures.push({ shape, bytes: small.length, ms, bytes4: large.length, ms4, growth: ms4 / ms, goalMs });
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of await benchParsers()) {
    console.log(`${f.shape.padEnd(48)} ${(f.bytes / 1e6).toFixed(2)} MB ${f.ms.toFixed(0).padStart(6)} ms · ${(f.bytes4 / 1e6).toFixed(2)} MB ${f.ms4.toFixed(0).padStart(6)} ms · ×${f.growth.toFixed(1)} (goal ≤ ${f.goalMs} ms)`);
  }
}
