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

/** Applies `update` to `doc` (one transaction, with `origin`); answers the text the merge dropped. */
export function applyKeepingDropped(doc: Y.Doc, update: Uint8Array, origin: unknown = null): DroppedText[] {
  const { structs, ds } = Y.decodeUpdate(update);
  const runs: Run[] = [];
  let watching = true;
  // Read in afterTransaction: the deleted items still hold their text (collected only afterwards).
  const onAfter = (transaction: Y.Transaction) => {
    if (!watching) return;
    watching = false;
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
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
  };
  doc.on('afterTransaction', onAfter);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('afterTransaction', onAfter);
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
      if (here instanceof Y.GC || here.deleted) collect(runs, 'incoming', client, clock + i, text[i] as string);
    }
  }
  return runs.map(({ side, text }) => ({ side, text: text.replace(/\s+/g, ' ').trim() })).filter((run) => run.text !== '');
}
