/**
 * Where the newsroom's data lives. The app uses Electron's `userData`; the CLI computes the same
 * folder without Electron; `NEWSROOM_DATA_DIR` (and the CLI's `--data-dir`) override both.
 */
import os from 'node:os';
import path from 'node:path';

/** Must match `productName` in electron-builder.yml and app/package.json: Electron names userData after it. */
export const PRODUCT_NAME = 'Newsroom';

/** Electron's `appData` for this platform (https://www.electronjs.org/docs/latest/api/app#appgetpathname). */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME ?? os.homedir();
  if (platform === 'win32') return env.APPDATA ?? path.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : path.join(home, '.config');
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return path.join(appDataDir(env, platform), PRODUCT_NAME);
}

/** The flag wins, then the environment variable, then the platform default. */
export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  fallback: string = defaultDataDir(env),
): string {
  if (flag !== undefined && flag !== '') return path.resolve(flag);
  const fromEnv = env.NEWSROOM_DATA_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  return fallback;
}
