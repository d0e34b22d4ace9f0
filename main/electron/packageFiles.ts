/** Story packages handed to the app by the operating system (double click, file association). */
import fs from 'node:fs';
import path from 'node:path';
import { NewsroomError } from '../../common/errors.js';
import type { EngineHost } from '../engine/host.js';
import { PACKAGE_EXTENSION } from '../services/packages.js';

/** The package files named on a command line (Windows and Linux pass a double-clicked file there). */
export function packagePathsIn(argv: readonly string[]): string[] {
  return argv.slice(1).filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(PACKAGE_EXTENSION));
}

/** Opens a package file through the engine, as the window's drop does (the same channel). */
export async function openPackageFile(engine: EngineHost, file: string) {
  const bytes = await fs.promises.readFile(file);
  const result = await engine.invoke({ origin: 'window' }, 'package:open', { name: path.basename(file), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  if (!result.ok) throw new NewsroomError(result.error.code, result.error.message, result.error.details);
  return result.value;
}
