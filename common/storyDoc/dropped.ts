/**
 * The case Yjs gets wrong (issue 16): text typed into a paragraph that the other side deleted is
 * dropped by the merge, because Yjs deletes whatever lands in a deleted type. Nobody chose to
 * delete those words, so they must not be lost silently. `applyKeepingDropped` applies an update
 * and answers the text that vanished that way, on either side:
 *
 * - the incoming side: characters the update inserts that are not in its own delete set but end
 *   up deleted (or collected) here, because their paragraph was deleted here;
 * - this side: characters that were visible here, are deleted by applying the update, yet are not
 *   in the update's delete set: the sender deleted their paragraph without ever seeing them.
 *
 * A deletion anyone made knowingly is always in the deleting update's delete set (Yjs deletes a
 * paragraph's children one by one), so only the unseen ones are reported.
 */
import * as Y from 'yjs';

export interface DroppedText {
  /** Whose words they were: 'incoming' (the update's) or 'local' (this doc's). */
  side: 'incoming' | 'local';
  text: string;
}

interface Run {
  side: DroppedText['side'];
  client: number;
  start: number;
  end: number;
  text: string;
}

function collect(runs: Run[], side: DroppedText['side'], client: number, clock: number, char: string): void {
  const last = runs[runs.length - 1];
  if (last && last.side === side && last.client === client && last.end === clock) {
    last.text += char;
    last.end = clock + 1;
  } else {
    runs.push({ side, client, start: clock, end: clock + 1, text: char });
  }
}

/**
 * In @lexical/yjs's V1 layout a text node is a Y.Map embedded in its paragraph followed by its
 * characters. Characters with no live text node before them (the other side removed the node,
 * say to reformat or split its text, while these were typed into it) are in the doc yet shown by
 * no editor: as good as dropped.
 */
function ownerless(item: Y.Item): boolean {
  for (let left = item.left; left !== null; left = left.left) {
    if (left.deleted) continue;
    const content = left.content;
    if (content instanceof Y.ContentString || content instanceof Y.ContentFormat) continue;
    return !(content instanceof Y.ContentType && content.type instanceof Y.Map);
  }
  return true;
}

function isTextNodeMap(struct: Y.Item): boolean {
  return struct.content instanceof Y.ContentType && struct.content.type instanceof Y.Map && struct.parent instanceof Y.XmlText;
}

/** Applies `update` to `doc` (one transaction, with `origin`); answers the text the merge dropped. */
export function applyKeepingDropped(doc: Y.Doc, update: Uint8Array, origin: unknown = null): DroppedText[] {
  const { structs, ds } = Y.decodeUpdate(update);
  const runs: Run[] = [];
  /** Text nodes this update removed: characters after them may have lost their node. */
  const orphaned: Y.Item[] = [];
  let watching = true;
  // Read before the doc's observers run: the deleted items still hold their text (collected only
  // afterwards), and a bound editor has not yet reacted (@lexical/yjs deletes text left without
  // its node, "dangling text", from its observer).
  const beforeObservers = (transaction: Y.Transaction) => {
    if (!watching) return;
    watching = false;
    const beforeState = transaction.beforeState;
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
      if (struct instanceof Y.Item && isTextNodeMap(struct)) orphaned.push(struct);
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) return;
      const { client, clock } = struct.id;
      const knownBefore = transaction.beforeState.get(client) ?? 0;
      const text = struct.content.str;
      for (let i = 0; i < text.length; i += 1) {
        if (clock + i >= knownBefore) continue;
        if (Y.isDeleted(ds, Y.createID(client, clock + i))) continue;
        collect(runs, 'local', client, clock + i, text[i] as string);
      }
    });
    // This side's characters whose text node the update removed without seeing them.
    for (const removed of orphaned) {
      for (let right = removed.right; right !== null; right = right.right) {
        if (right.deleted) continue;
        if (right.content instanceof Y.ContentFormat) continue;
        if (!(right.content instanceof Y.ContentString)) break;
        if (!ownerless(right)) break;
        const { client, clock } = right.id;
        const knownBefore = beforeState.get(client) ?? 0;
        const text = right.content.str;
        for (let i = 0; i < text.length; i += 1) if (clock + i < knownBefore) collect(runs, 'local', client, clock + i, text[i] as string);
      }
    }
  };
  doc.on('beforeObserverCalls', beforeObservers);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('beforeObserverCalls', beforeObservers);
  }
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) continue;
    const { client, clock } = struct.id;
    // Not integrated yet (it waits for an update it depends on): nothing to say about it now.
    const known = Y.getState(doc.store, client);
    const text = struct.content.str;
    for (let i = 0; i < text.length; i += 1) {
      const id = Y.createID(client, clock + i);
      if (clock + i >= known || Y.isDeleted(ds, id)) continue;
      const here = Y.getItem(doc.store, id);
      if (here instanceof Y.GC || here.deleted || ownerless(here)) collect(runs, 'incoming', client, clock + i, text[i] as string);
    }
  }
  return runs.map(({ side, text }) => ({ side, text: text.replace(/\s+/g, ' ').trim() })).filter((run) => run.text !== '');
}
