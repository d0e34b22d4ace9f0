/**
 * Word-level differences between two texts (Myers' O(ND) algorithm over word tokens, with the
 * common start and end trimmed first), for "what changed since filed".
 */
export type DiffOp = 'equal' | 'insert' | 'delete';
export interface DiffPart {
  op: DiffOp;
  text: string;
}

/** Words with the spaces that follow them, so joining the parts gives the text back exactly. */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}'’]+|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** Where two sequences stop sharing their beginning and their end: only the middle needs diffing. */
function commonEnds(a: readonly string[], b: readonly string[]): { start: number; endA: number; endB: number } {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  return { start, endA, endB };
}

export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  const { start, endA, endB } = commonEnds(a, b);
  const parts: DiffPart[] = [];
  const push = (op: DiffOp, tokens: string[]) => {
    if (tokens.length === 0) return;
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += tokens.join('');
    else parts.push({ op, text: tokens.join('') });
  };
  push('equal', a.slice(0, start));
  for (const [op, tokens] of myers(a.slice(start, endA), b.slice(start, endB))) push(op, tokens);
  push('equal', a.slice(endA));
  return parts;
}

/**
 * Myers' greedy algorithm. Each round d only touches diagonals -d..d, so the trace keeps just
 * that window of V (not the whole array): a 10,000-word story with hundreds of edits would
 * otherwise copy tens of megabytes.
 */
function myers(a: string[], b: string[]): [DiffOp, string[]][] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return [['insert', b]];
  if (m === 0) return [['delete', a]];
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  /** trace[d] holds V[k] for k in -d-1..d+1 before round d, at index k + d + 1. */
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d += 1) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number)) ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  const at = (d: number, k: number) => (trace[d] as Int32Array)[k + d + 1] as number;
  const ops: [DiffOp, string][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d -= 1) {
    const k = x - y;
    const prevK = k === -d || (k !== d && at(d, k - 1) < at(d, k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(d, prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(['equal', a[x - 1] as string]);
      x -= 1;
      y -= 1;
    }
    if (d > 0) {
      if (x === prevX) ops.push(['insert', b[y - 1] as string]);
      else ops.push(['delete', a[x - 1] as string]);
    }
    x = prevX;
    y = prevY;
  }
  ops.reverse();
  const grouped: [DiffOp, string[]][] = [];
  for (const [op, token] of ops) {
    const last = grouped[grouped.length - 1];
    if (last && last[0] === op) last[1].push(token);
    else grouped.push([op, [token]]);
  }
  return grouped;
}

/** One block of the body in a comparison: unchanged, changed word by word, or there on one side only. */
export interface BlockDiff<Kind extends string = string> {
  kind: Kind;
  change: 'equal' | 'changed' | 'insert' | 'delete';
  parts: DiffPart[];
}

/**
 * Differences between two bodies block by block, so a comparison keeps its paragraphs and
 * subheads: blocks are matched whole (Myers over the blocks), and a run of removed blocks facing a
 * run of added ones is paired up, block by block, into changed blocks diffed word by word.
 */
export function diffBlocks<Kind extends string>(before: readonly { kind: Kind; text: string }[], after: readonly { kind: Kind; text: string }[]): BlockDiff<Kind>[] {
  const key = (block: { kind: Kind; text: string }) => `${block.kind}\u0000${block.text}`;
  const out: BlockDiff<Kind>[] = [];
  let i = 0;
  let j = 0;
  let deleted: { kind: Kind; text: string }[] = [];
  let inserted: { kind: Kind; text: string }[] = [];
  const settle = () => {
    const paired = Math.min(deleted.length, inserted.length);
    for (let n = 0; n < paired; n += 1) {
      const a = deleted[n] as { kind: Kind; text: string };
      const b = inserted[n] as { kind: Kind; text: string };
      out.push({ kind: b.kind, change: 'changed', parts: diffWords(a.text, b.text) });
    }
    for (const a of deleted.slice(paired)) out.push({ kind: a.kind, change: 'delete', parts: [{ op: 'delete', text: a.text }] });
    for (const b of inserted.slice(paired)) out.push({ kind: b.kind, change: 'insert', parts: [{ op: 'insert', text: b.text }] });
    deleted = [];
    inserted = [];
  };
  for (const [op, keys] of diffSequence(before.map(key), after.map(key))) {
    for (let n = 0; n < keys.length; n += 1) {
      if (op === 'equal') {
        settle();
        const b = after[j] as { kind: Kind; text: string };
        out.push({ kind: b.kind, change: 'equal', parts: b.text === '' ? [] : [{ op: 'equal', text: b.text }] });
        i += 1;
        j += 1;
      } else if (op === 'delete') {
        deleted.push(before[i] as { kind: Kind; text: string });
        i += 1;
      } else {
        inserted.push(after[j] as { kind: Kind; text: string });
        j += 1;
      }
    }
  }
  settle();
  return out;
}

/** Myers' differences between two sequences of strings (tokens, or whole blocks as keys), grouped into runs. */
export function diffSequence(a: string[], b: string[]): [DiffOp, string[]][] {
  const { start, endA, endB } = commonEnds(a, b);
  const runs: [DiffOp, string[]][] = [];
  const push = (op: DiffOp, items: string[]) => {
    if (items.length === 0) return;
    const last = runs[runs.length - 1];
    if (last && last[0] === op) last[1].push(...items);
    else runs.push([op, [...items]]);
  };
  push('equal', a.slice(0, start));
  if (endA > start || endB > start) for (const [op, items] of myers(a.slice(start, endA), b.slice(start, endB))) push(op, items);
  push('equal', a.slice(endA));
  return runs;
}

export function hasChanges(parts: readonly DiffPart[]): boolean {
  return parts.some((p) => p.op !== 'equal');
}
