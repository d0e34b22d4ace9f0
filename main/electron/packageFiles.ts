/** Story packages handed to the app by the operating system (double click, file association). */
import fs from 'node:fs';
import path from 'node:path';
import type { Newsroom } from '../newsroom.js';
import { PACKAGE_EXTENSION } from '../services/packages.js';

/** The package files named on a command line (Windows and Linux pass a double-clicked file there). */
export function packagePathsIn(argv: readonly string[]): string[] {
  return argv.slice(1).filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(PACKAGE_EXTENSION));
}

export async function openPackageFile(newsroom: Newsroom, file: string) {
  const bytes = await fs.promises.readFile(file);
  return newsroom.packages.unpack(path.basename(file), bytes);
}
