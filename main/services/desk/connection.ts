/**
 * The connection to one desk: its address and who is signed in (`desk/connection.json`), the
 * tokens in a SecretStore, and a token that is always fresh when asked for (refreshed shortly
 * before it expires, one refresh at a time, since the desk honours each refresh token once).
 * Used by `newsroom desk connect|status|disconnect` without the engine, and by the engine's sync.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NewsroomError } from '../../../common/errors.js';
import { APP_VERSION } from '../../version.js';
import { deskApi, newerRelease, normalDeskUrl, DeskRefusal, type DeskAccount, type DeskApi, type DeskSignIn } from './api.js';
import { deskFolder, fileSecretStore, readJson, writePrivateJson, type SecretStore } from './secrets.js';

export interface DeskConnectionInfo {
  url: string;
  deskId: string;
  deskVersion: string;
  user: DeskAccount;
  connectedAt: string;
  /** The last time `newsroom sync` (or the engine) had everything in step, or null. */
  lastSyncAt: string | null;
  /** How the last sync ended: null when it had everything in step, else why not. */
  lastProblem: string | null;
}

/** Refresh a token this long before it expires, so a request never arrives with a dead one. */
const REFRESH_MARGIN_MS = 30_000;

const EXPIRED = 'Your desk sign-in has expired: run newsroom desk connect again (your work stays on this machine)';

export interface DeskConnectionOptions {
  secrets?: SecretStore;
  now?: () => Date;
  appVersion?: string;
}

export function createDeskConnection(dataDir: string, options: DeskConnectionOptions = {}) {
  const secrets = options.secrets ?? fileSecretStore(dataDir);
  const clock = options.now ?? (() => new Date());
  const appVersion = options.appVersion ?? APP_VERSION;
  const file = path.join(deskFolder(dataDir), 'connection.json');
  let refreshing: Promise<string> | null = null;

  const info = (): DeskConnectionInfo | null => readJson<DeskConnectionInfo>(file);
  const save = (value: DeskConnectionInfo) => writePrivateJson(file, value);

  function requireInfo(): DeskConnectionInfo {
    const current = info();
    if (current === null) throw new NewsroomError('not-found', 'No desk is connected: newsroom desk connect URL --user NAME');
    return current;
  }

  async function checkedHealth(api: DeskApi) {
    const health = await api.health();
    if (newerRelease(health.version, appVersion)) {
      throw new NewsroomError('desk-unavailable', `The desk at ${api.url} runs Newsroom ${health.version}, newer than this app (${appVersion}): update Newsroom to connect`);
    }
    return health;
  }

  function keep(answer: DeskSignIn): string {
    secrets.write({ token: answer.token, expiresAt: answer.expiresAt, refreshToken: answer.refreshToken });
    return answer.token;
  }

  async function refreshNow(current: DeskConnectionInfo): Promise<string> {
    const held = secrets.read();
    if (held === null) throw new NewsroomError('desk-unauthorized', EXPIRED);
    try {
      const answer = await deskApi(current.url).refresh(held.refreshToken);
      if (answer.deskId !== current.deskId) throw new NewsroomError('desk-unauthorized', 'The desk at that address is another desk now: run newsroom desk connect again');
      return keep(answer);
    } catch (error) {
      if (error instanceof DeskRefusal && (error.status === 401 || error.status === 403)) {
        throw new NewsroomError('desk-unauthorized', error.status === 403 ? `${error.message} (your work stays on this machine)` : EXPIRED);
      }
      throw error;
    }
  }

  return {
    file,
    secrets,
    info,
    /** Signs in and keeps the connection; refuses a desk newer than this app. */
    async connect(address: string, name: string, password: string): Promise<DeskConnectionInfo> {
      const api = deskApi(normalDeskUrl(address));
      const health = await checkedHealth(api);
      let answer: DeskSignIn;
      try {
        answer = await api.signIn(name, password);
      } catch (error) {
        if (error instanceof DeskRefusal && error.deskCode === 'unauthorized') throw new NewsroomError('desk-unauthorized', error.message);
        throw error;
      }
      const previous = info();
      const connection: DeskConnectionInfo = {
        url: api.url,
        deskId: answer.deskId,
        deskVersion: health.version,
        user: { id: answer.user.id, name: answer.user.name, role: answer.user.role },
        connectedAt: clock().toISOString(),
        lastSyncAt: previous?.deskId === answer.deskId && previous.user.id === answer.user.id ? previous.lastSyncAt : null,
        lastProblem: null,
      };
      keep(answer);
      save(connection);
      return connection;
    },
    /** Forgets the desk and the sign-in; what was synced stays on this machine. */
    disconnect(): DeskConnectionInfo | null {
      const current = info();
      secrets.clear();
      fs.rmSync(file, { force: true });
      return current;
    },
    /** A token good for at least the next half minute, refreshed when needed. */
    async token(): Promise<string> {
      const current = requireInfo();
      const held = secrets.read();
      if (held === null) throw new NewsroomError('desk-unauthorized', EXPIRED);
      if (Date.parse(held.expiresAt) - clock().getTime() > REFRESH_MARGIN_MS) return held.token;
      refreshing ??= refreshNow(current).finally(() => {
        refreshing = null;
      });
      return refreshing;
    },
    /** Refreshes even though the token looks good (the desk said it expired: its clock rules). */
    async renew(): Promise<string> {
      refreshing ??= refreshNow(requireInfo()).finally(() => {
        refreshing = null;
      });
      return refreshing;
    },
    api(): DeskApi {
      return deskApi(requireInfo().url);
    },
    checkedHealth: () => checkedHealth(deskApi(requireInfo().url)),
    recordSync(at: Date, problem: string | null): void {
      const current = info();
      if (current === null) return;
      save({ ...current, lastSyncAt: problem === null ? at.toISOString() : current.lastSyncAt, lastProblem: problem });
    },
  };
}

export type DeskConnection = ReturnType<typeof createDeskConnection>;
