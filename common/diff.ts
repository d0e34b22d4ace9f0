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

export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
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

export function hasChanges(parts: readonly DiffPart[]): boolean {
  return parts.some((p) => p.op !== 'equal');
}
