/**
 * Where the desk sign-in is kept. The CLI and the tests keep it in the data dir, in files only
 * the owner may read (mode 0600, in a 0700 folder); the app can give the engine a store backed by
 * Electron's safeStorage instead (issue 17), since the engine never imports electron itself.
 */
import fs from 'node:fs';
import path from 'node:path';

/** What the desk answered at sign-in: the short-lived token and the refresh token for the next one. */
export interface DeskSecrets {
  token: string;
  /** When the token stops working (ISO time). */
  expiresAt: string;
  refreshToken: string;
}

export interface SecretStore {
  read(): DeskSecrets | null;
  write(secrets: DeskSecrets): void;
  clear(): void;
  /** Where the secrets are, said to a person (`desk status`). */
  describe(): string;
}

export function deskFolder(dataDir: string): string {
  return path.join(dataDir, 'desk');
}

/** Writes `value` as JSON readable by the owner only, whole or not at all (a temp file renamed over). */
export function writePrivateJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.chmodSync(path.dirname(file), 0o700);
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeFileSync(fd, `${JSON.stringify(value, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, file);
}

export function readJson<T>(file: string): T | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    // A damaged file is as good as none: the person signs in again.
    return null;
  }
}

/** The secrets in `<data dir>/desk/credentials.json`, mode 0600. */
export function fileSecretStore(dataDir: string): SecretStore {
  const file = path.join(deskFolder(dataDir), 'credentials.json');
  return {
    read: () => {
      const value = readJson<DeskSecrets>(file);
      return value !== null && typeof value.token === 'string' && typeof value.refreshToken === 'string' ? value : null;
    },
    write: (secrets) => writePrivateJson(file, secrets),
    clear: () => fs.rmSync(file, { force: true }),
    describe: () => file,
  };
}

/** Secrets kept in memory only (a test, or a machine that must not store them). */
export function memorySecretStore(): SecretStore {
  let secrets: DeskSecrets | null = null;
  return {
    read: () => secrets,
    write: (value) => {
      secrets = { ...value };
    },
    clear: () => {
      secrets = null;
    },
    describe: () => 'memory',
  };
}
