/**
 * The desk's people: accounts with a role, passwords hashed with scrypt, sign-in that answers a
 * short-lived signed token (HMAC-SHA256 with the desk's own secret) and a refresh token, and a
 * limit of ten failed sign-ins a minute for one name.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type pg from 'pg';
import { newId } from '../common/ids.js';
import type { Role } from '../common/workflow.js';
import { DeskError } from './errors.js';

export const DESK_ROLES = ['reporter', 'editor', 'admin'] as const;
export type DeskRole = (typeof DESK_ROLES)[number];

export interface DeskUser {
  id: string;
  name: string;
  role: DeskRole;
  disabled: boolean;
  createdAt: string;
}

interface UserRow {
  id: string;
  name: string;
  role: DeskRole;
  password_hash: string;
  disabled_at: Date | null;
  created_at: Date;
}

function rowToUser(row: UserRow): DeskUser {
  return { id: row.id, name: row.name, role: row.role, disabled: row.disabled_at !== null, createdAt: row.created_at.toISOString() };
}

/** The workflow roles of common/workflow.ts a desk role carries: an admin edits as an editor does. */
export function workflowRoles(role: DeskRole): Role[] {
  return role === 'reporter' ? ['reporter'] : ['editor'];
}

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem });
  return crypto.timingSafeEqual(actual, expected);
}

const NAME = /^[\p{L}\p{N}][\p{L}\p{N} .'_-]{0,63}$/u;

export async function addUser(pool: pg.Pool, name: string, role: string, password: string): Promise<DeskUser> {
  const trimmed = name.trim();
  if (!NAME.test(trimmed)) throw new DeskError('bad-request', `"${name}" is not a usable name: use letters, digits, spaces, dots, dashes (up to 64)`);
  if (!(DESK_ROLES as readonly string[]).includes(role)) throw new DeskError('bad-request', `Unknown role "${role}": use reporter, editor or admin`);
  if (password.length < 8) throw new DeskError('bad-request', 'The password is too short: use at least 8 characters');
  const hash = await hashPassword(password);
  try {
    const result = await pool.query<UserRow>('INSERT INTO users (id, name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING *', [newId(), trimmed, role, hash]);
    return rowToUser(result.rows[0] as UserRow);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new DeskError('conflict', `There is already someone called ${trimmed} on this desk: pick another name`);
    throw error;
  }
}

export async function listUsers(pool: pg.Pool): Promise<DeskUser[]> {
  const result = await pool.query<UserRow>('SELECT * FROM users ORDER BY name');
  return result.rows.map(rowToUser);
}

export async function disableUser(pool: pg.Pool, name: string): Promise<DeskUser> {
  const result = await pool.query<UserRow>('UPDATE users SET disabled_at = coalesce(disabled_at, now()) WHERE name = $1 RETURNING *', [name]);
  const row = result.rows[0];
  if (row === undefined) throw new DeskError('not-found', `Nobody called ${name} on this desk: newsroom desk users list shows who is`);
  await pool.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [row.id]);
  await pool.query("UPDATE token_families SET revoked_at = now(), revoked_reason = 'disabled' WHERE user_id = $1 AND revoked_at IS NULL", [row.id]);
  return rowToUser(row);
}

export async function userById(pool: pg.Pool, id: string): Promise<DeskUser | null> {
  const result = await pool.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
  return result.rows[0] === undefined ? null : rowToUser(result.rows[0]);
}

export interface DeskIdentity {
  deskId: string;
  secret: Buffer;
}

/** The desk's id and token secret, made once with the database. */
export async function deskIdentity(pool: pg.Pool): Promise<DeskIdentity> {
  await pool.query('INSERT INTO desk_meta (id, desk_id, token_secret) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING', [newId(), crypto.randomBytes(32)]);
  const row = (await pool.query<{ desk_id: string; token_secret: Buffer }>('SELECT desk_id, token_secret FROM desk_meta WHERE id = 1')).rows[0];
  if (row === undefined) throw new Error('desk_meta has no row');
  return { deskId: row.desk_id, secret: row.token_secret };
}

export interface TokenClaims {
  /** The user's id. */
  sub: string;
  name: string;
  role: DeskRole;
  desk: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** The sign-in (refresh-token family) this token came from: revoking it ends the token too. */
  fam?: string;
}

export function signToken(identity: DeskIdentity, claims: TokenClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const mac = crypto.createHmac('sha256', identity.secret).update(body).digest('base64url');
  return `${body}.${mac}`;
}

/** The claims of a token this desk signed and that has not expired; anything else is refused with the reason. */
export function verifyToken(identity: DeskIdentity, token: string, now = Date.now()): TokenClaims {
  const [body, mac, extra] = token.split('.');
  if (body === undefined || mac === undefined || extra !== undefined) throw new DeskError('unauthorized', 'That is not a desk token: sign in again');
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    throw new DeskError('unauthorized', 'That is not a desk token: sign in again');
  }
  const expected = crypto.createHmac('sha256', identity.secret).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    if (typeof claims?.desk === 'string' && claims.desk !== identity.deskId) {
      throw new DeskError('wrong-desk', 'That token is for another desk: connect to this desk and sign in here');
    }
    throw new DeskError('unauthorized', 'The token is not signed by this desk: sign in again');
  }
  if (claims.desk !== identity.deskId) throw new DeskError('wrong-desk', 'That token is for another desk: connect to this desk and sign in here');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now) throw new DeskError('token-expired', 'Your desk token has expired: refresh it or sign in again');
  if (typeof claims.sub !== 'string' || !(DESK_ROLES as readonly string[]).includes(claims.role)) throw new DeskError('unauthorized', 'That is not a desk token: sign in again');
  return claims;
}

/**
 * The person behind a token as the database knows them now: a valid signature is not enough once
 * the account is disabled or its sign-in revoked, and the role is the one the desk holds today
 * (an editor made a reporter this morning is a reporter, whatever their token says).
 */
export async function currentClaims(pool: pg.Pool, identity: DeskIdentity, token: string, now = Date.now()): Promise<TokenClaims> {
  const claims = verifyToken(identity, token, now);
  const row = (
    await pool.query<{ name: string; role: DeskRole; disabled_at: Date | null; family_revoked: Date | null }>(
      'SELECT u.name, u.role, u.disabled_at, f.revoked_at AS family_revoked FROM users u LEFT JOIN token_families f ON f.id = $2 WHERE u.id = $1',
      [claims.sub, claims.fam ?? null],
    )
  ).rows[0];
  if (row === undefined) throw new DeskError('unauthorized', 'Your desk account no longer exists: ask the desk admin');
  if (row.disabled_at !== null) throw new DeskError('forbidden', 'Your desk account is disabled: ask the desk admin');
  if (row.family_revoked !== null) throw new DeskError('unauthorized', 'This sign-in was ended on the desk (a refresh token was used twice, or the admin signed you out): sign in again');
  return { ...claims, name: row.name, role: row.role };
}

export interface SignInResult {
  token: string;
  expiresAt: string;
  refreshToken: string;
  user: DeskUser;
  deskId: string;
}

export interface AccountPolicy {
  tokenSeconds: number;
  refreshSeconds: number;
  /** Failed sign-ins one name may have in a minute before the next is answered 429. */
  failuresPerMinute: number;
}

export const DEFAULT_POLICY: AccountPolicy = { tokenSeconds: 15 * 60, refreshSeconds: 30 * 24 * 3600, failuresPerMinute: 10 };

export class SignIns {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly identity: DeskIdentity,
    private readonly policy: AccountPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  async signIn(name: string, password: string): Promise<SignInResult> {
    const key = name.trim().toLowerCase();
    const recent = (this.failures.get(key) ?? []).filter((at) => at > this.now() - 60_000);
    this.failures.set(key, recent);
    this.forgetOldFailures();
    if (recent.length >= this.policy.failuresPerMinute) {
      const retryAfter = Math.max(1, Math.ceil(((recent[0] as number) + 60_000 - this.now()) / 1000));
      throw new DeskError('rate-limited', `Too many failed sign-ins for ${name.trim()}: try again in ${retryAfter} s`, { retryAfter });
    }
    const row = (await this.pool.query<UserRow>('SELECT * FROM users WHERE name = $1', [name.trim()])).rows[0];
    const ok = row !== undefined && (await verifyPassword(password, row.password_hash));
    if (!ok || row === undefined) {
      recent.push(this.now());
      throw new DeskError('unauthorized', 'Wrong name or password: check both, or ask the desk admin to reset your account');
    }
    if (row.disabled_at !== null) throw new DeskError('forbidden', 'Your desk account is disabled: ask the desk admin');
    this.failures.delete(key);
    return this.issue(rowToUser(row));
  }

  /**
   * Trades a refresh token for a new token and a new refresh token of the same sign-in (rotation).
   * A refresh token is good once: presented again, it was copied, so the whole sign-in is revoked,
   * the thief's and the owner's tokens alike, and the person signs in again.
   */
  async refresh(refreshToken: string): Promise<SignInResult> {
    const hash = crypto.createHash('sha256').update(refreshToken).digest('hex');
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const found = await client.query<{ user_id: string; family_id: string | null; used_at: Date | null; revoked_at: Date | null; expired: boolean }>(
        'SELECT user_id, family_id, used_at, revoked_at, expires_at <= now() AS expired FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE',
        [hash],
      );
      const row = found.rows[0];
      if (row === undefined || row.expired || (row.revoked_at !== null && row.used_at === null)) {
        await client.query('ROLLBACK');
        throw new DeskError('unauthorized', 'That refresh token is not valid any more: sign in again');
      }
      if (row.used_at !== null) {
        // A replay: revoke the family, and say so.
        if (row.family_id !== null) {
          await client.query("UPDATE token_families SET revoked_at = coalesce(revoked_at, now()), revoked_reason = coalesce(revoked_reason, 'refresh token replayed') WHERE id = $1", [row.family_id]);
          await client.query('UPDATE refresh_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE family_id = $1', [row.family_id]);
        }
        await client.query('COMMIT');
        throw new DeskError(
          'unauthorized',
          'That refresh token was used already, so it may have been copied: every session of that sign-in is now signed out. Sign in again',
          { rule: 'refresh-replayed' },
        );
      }
      await client.query('UPDATE refresh_tokens SET used_at = now(), revoked_at = now() WHERE token_hash = $1', [hash]);
      const userRow = (await client.query<UserRow>('SELECT * FROM users WHERE id = $1', [row.user_id])).rows[0];
      const user = userRow === undefined ? null : rowToUser(userRow);
      if (user === null || user.disabled) {
        await client.query('ROLLBACK');
        throw new DeskError('forbidden', 'Your desk account is disabled: ask the desk admin');
      }
      // A token from before families existed starts one now.
      const issued = await this.issue(user, row.family_id ?? undefined, client);
      await client.query('COMMIT');
      return issued;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The failures map only keeps names with a failure in the last minute, so random names cannot grow it without end. */
  private forgetOldFailures(): void {
    if (this.failures.size < 10_000) return;
    const since = this.now() - 60_000;
    for (const [name, times] of this.failures) if (!times.some((at) => at > since)) this.failures.delete(name);
  }

  private async issue(user: DeskUser, family?: string, db: pg.Pool | pg.PoolClient = this.pool): Promise<SignInResult> {
    let fam = family;
    if (fam === undefined) {
      fam = newId();
      await db.query('INSERT INTO token_families (id, user_id) VALUES ($1, $2)', [fam, user.id]);
    }
    const exp = Math.floor(this.now() / 1000) + this.policy.tokenSeconds;
    const token = signToken(this.identity, { sub: user.id, name: user.name, role: user.role, desk: this.identity.deskId, exp, fam });
    const refreshToken = crypto.randomBytes(32).toString('base64url');
    await db.query(`INSERT INTO refresh_tokens (token_hash, user_id, expires_at, family_id) VALUES ($1, $2, now() + make_interval(secs => $3), $4)`, [
      crypto.createHash('sha256').update(refreshToken).digest('hex'),
      user.id,
      this.policy.refreshSeconds,
      fam,
    ]);
    return { token, expiresAt: new Date(exp * 1000).toISOString(), refreshToken, user, deskId: this.identity.deskId };
  }
}
