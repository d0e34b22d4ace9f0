/** Every `newsroom` command, in the order the help lists them. */
import type { Command } from '../command.js';
import { addPhoto, photos } from './photos.js';
import { backup, backups, restore, verify } from './backup.js';
import { check } from './check.js';
import { desk } from './desk.js';
import { checklist } from './checklist.js';
import { diff } from './diff.js';
import { edit } from './edit.js';
import { exportStory } from './export.js';
import { history } from './history.js';
import { importFiles } from './import.js';
import { list } from './list.js';
import { move } from './move.js';
import { newStory } from './new.js';
import { notes, resolveNote } from './notes.js';
import { pack, unpack } from './packages.js';
import { profiles } from './profiles.js';
import { revisions } from './revisions.js';
import { search } from './search.js';
import { show } from './show.js';
import { sync } from './sync.js';

export const COMMANDS: readonly Command[] = [
  list,
  newStory,
  edit,
  show,
  search,
  revisions,
  move,
  history,
  diff,
  checklist,
  notes,
  resolveNote,
  profiles,
  exportStory,
  importFiles,
  check,
  backup,
  backups,
  verify,
  restore,
  pack,
  unpack,
  photos,
  addPhoto,
  desk,
  sync,
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.names.includes(name));
}
