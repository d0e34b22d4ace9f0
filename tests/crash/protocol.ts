/** What the crash harness and its writer share: the story they fight over and the lines the writer prints. */
export const CRASH_STORY_SLUG = 'crash-test';

export type WriterLine =
  | { kind: 'loaded' }
  | { kind: 'ready'; version: number }
  | { kind: 'ack'; version: number; sha256: string }
  | { kind: 'photo'; id: string };

export function parseWriterLine(line: string): WriterLine | null {
  const [kind, a, b] = line.trim().split(' ');
  if (kind === 'loaded') return { kind };
  if (kind === 'ready' && a !== undefined) return { kind, version: Number(a) };
  if (kind === 'ack' && a !== undefined && b !== undefined) return { kind, version: Number(a), sha256: b };
  if (kind === 'photo' && a !== undefined) return { kind, id: a };
  return null;
}
