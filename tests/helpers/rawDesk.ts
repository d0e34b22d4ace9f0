/**
 * A raw Hocuspocus client over `ws` for the desk's security tests: it speaks the wire format
 * directly (a document name, a message type, its payload), so a test can send what no real
 * provider would (a write on a read-only connection, random bytes, a message of any type) and
 * wait for the server's answer to it.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

/** Hocuspocus message types (MessageType in @hocuspocus/server). */
export const MESSAGE = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3, SyncReply: 4, Stateless: 5, BroadcastStateless: 6, Close: 7, SyncStatus: 8 } as const;
/** y-protocols sync steps. */
export const SYNC = { Step1: 0, Step2: 1, Update: 2 } as const;

export interface ServerMessage {
  document: string;
  type: number;
  /** For Auth: 1 permission denied (reason), 2 authenticated (scope). */
  authType?: number;
  text?: string;
  /** For SyncStatus: 1 when the update was applied. */
  saved?: boolean;
  /** For Sync step 2 or update: the Yjs update. */
  update?: Uint8Array;
}

function parse(data: Buffer): ServerMessage {
  const decoder = decoding.createDecoder(new Uint8Array(data));
  const document = decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  const message: ServerMessage = { document, type };
  try {
    if (type === MESSAGE.Auth) {
      message.authType = decoding.readVarUint(decoder);
      message.text = decoding.readVarString(decoder);
    } else if (type === MESSAGE.SyncStatus) {
      message.saved = decoding.readVarUint(decoder) === 1;
    } else if (type === MESSAGE.Close) {
      message.text = decoding.readVarString(decoder);
    } else if (type === MESSAGE.Sync || type === MESSAGE.SyncReply) {
      const step = decoding.readVarUint(decoder);
      if (step !== SYNC.Step1) message.update = decoding.readVarUint8Array(decoder);
    }
  } catch {
    // A message this client does not read further.
  }
  return message;
}

export function frame(document: string, type: number, write: (encoder: encoding.Encoder) => void = () => undefined): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, document);
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const authMessage = (document: string, token: string) =>
  frame(document, MESSAGE.Auth, (e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, token);
  });

export const updateMessage = (document: string, update: Uint8Array, step: number = SYNC.Update) =>
  frame(document, MESSAGE.Sync, (e) => {
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, update);
  });

/** Sync step 1 with an empty state vector: the server answers with the whole doc, so it works as a ping. */
export const pingMessage = (document: string) =>
  frame(document, MESSAGE.Sync, (e) => {
    encoding.writeVarUint(e, SYNC.Step1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
  });

export interface RawSocket {
  socket: WebSocket;
  /** Every message the server sent, in order. */
  received: ServerMessage[];
  /** Set once the socket closed: its code and reason. */
  closed: { code: number; reason: string } | null;
  send(bytes: Uint8Array): void;
  /** Waits (bounded) for the first message from now on that `match` accepts, or for the socket to close (null). */
  next(match: (message: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage | null>;
  /** Authenticates on `document`: the scope ('read-write' / 'readonly') or the refusal's reason. */
  authenticate(document: string, token: string): Promise<{ ok: true; scope: string } | { ok: false; reason: string }>;
  close(): Promise<void>;
}

export async function rawSocket(wsUrl: string): Promise<RawSocket> {
  const socket = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const received: ServerMessage[] = [];
  const waiters = new Set<() => void>();
  const raw: RawSocket = {
    socket,
    received,
    closed: null,
    send(bytes) {
      if (socket.readyState === WebSocket.OPEN) socket.send(bytes);
    },
    next(match, timeoutMs = 10_000) {
      const from = received.length;
      return new Promise((resolve, reject) => {
        let seen = from;
        const check = () => {
          for (; seen < received.length; seen += 1) {
            const message = received[seen] as ServerMessage;
            if (match(message)) return done(message);
          }
          if (raw.closed !== null) done(null);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no answer from the desk within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = (message: ServerMessage | null) => {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(message);
        };
        waiters.add(check);
        check();
      });
    },
    async authenticate(document, token) {
      const answer = raw.next((m) => m.document === document && m.type === MESSAGE.Auth);
      raw.send(authMessage(document, token));
      const message = await answer;
      if (message === null) return { ok: false, reason: `closed: ${raw.closed?.reason ?? ''}` };
      return message.authType === 2 ? { ok: true, scope: message.text ?? '' } : { ok: false, reason: message.text ?? '' };
    },
    async close() {
      if (raw.closed !== null) return;
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.close();
      await closed;
    },
  };
  socket.on('message', (data: Buffer) => {
    try {
      received.push(parse(data));
    } catch {
      received.push({ document: '', type: -1 });
    }
    for (const waiter of [...waiters]) waiter();
  });
  socket.on('close', (code: number, reason: Buffer) => {
    raw.closed = { code, reason: reason.toString() };
    for (const waiter of [...waiters]) waiter();
  });
  socket.on('error', () => undefined);
  return raw;
}
