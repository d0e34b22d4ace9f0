/**
 * The desk server: one port (http or https) for the HTTP API and the story documents'
 * WebSockets, over the desk's PostgreSQL. `startDesk` starts it all; `close` stores every open
 * document, stops the database it started, and logs the stop.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { deskIdentity, DEFAULT_POLICY, SignIns, type AccountPolicy, type DeskIdentity } from './accounts.js';
import { openDeskDatabase, type DeskDatabase } from './database.js';
import { storyDocuments, type StoryDocuments } from './documents.js';
import { DeskError } from './errors.js';
import { apiHandler } from './http.js';
import { DEFAULT_VOLUME, MAX_UPDATE_BYTES, RATE_LIMITED_CLOSE, volumeMeter, type UpdateVolume } from './limits.js';
import { consoleLog, type DeskLog } from './log.js';
import { joinThroughRedis, type ScaleOut } from './scaleOut.js';

export { MAX_UPDATE_BYTES } from './limits.js';

export interface DeskOptions {
  dataDir: string;
  port?: number;
  host?: string;
  databaseUrl?: string | undefined;
  tlsCert?: string | undefined;
  tlsKey?: string | undefined;
  /** Joins the desk's other processes (same PostgreSQL) through this Redis: redis://HOST:PORT. */
  redisUrl?: string | undefined;
  log?: DeskLog;
  policy?: Partial<AccountPolicy>;
  /** What one WebSocket connection may send per second (server/limits.ts). */
  volume?: Partial<UpdateVolume>;
  version?: string;
}

export interface RunningDesk {
  url: string;
  wsUrl: string;
  port: number;
  deskId: string;
  database: DeskDatabase;
  identity: DeskIdentity;
  documents: StoryDocuments;
  close(): Promise<void>;
}

export async function startDesk(options: DeskOptions): Promise<RunningDesk> {
  const log = options.log ?? consoleLog;
  if ((options.tlsCert === undefined) !== (options.tlsKey === undefined)) {
    throw new DeskError('bad-request', 'TLS needs both --tls-cert FILE and --tls-key FILE');
  }
  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (options.tlsCert !== undefined && options.tlsKey !== undefined) {
    try {
      tls = { cert: fs.readFileSync(options.tlsCert), key: fs.readFileSync(options.tlsKey) };
    } catch (error) {
      throw new DeskError('bad-request', `Cannot read the TLS files: ${(error as Error).message}. Check --tls-cert and --tls-key`);
    }
  }
  const database = await openDeskDatabase({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, log });
  let scaleOut: ScaleOut | undefined;
  try {
    const identity = await deskIdentity(database.pool);
    const signIns = new SignIns(database.pool, identity, { ...DEFAULT_POLICY, ...options.policy });
    // A move on another process makes this process's connections to that story ask again.
    const moved: { recheck?: (storyId: string) => void } = {};
    if (options.redisUrl !== undefined) scaleOut = await joinThroughRedis(options.redisUrl, identity.deskId, (storyId) => moved.recheck?.(storyId), log);
    const documents = storyDocuments(database.pool, identity, log, scaleOut === undefined ? {} : { extensions: [scaleOut.extension], announceMove: (id) => scaleOut?.announceMove(id) });
    moved.recheck = (storyId) => documents.recheck(storyId, 'here');
    const version = options.version ?? '0.1.0';
    const handler = apiHandler({ pool: database.pool, identity, signIns, documents, log, version });
    const server = tls === undefined ? http.createServer(handler) : https.createServer(tls, handler);
    const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_UPDATE_BYTES });
    const volume: UpdateVolume = { ...DEFAULT_VOLUME, ...options.volume };
    server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      sockets.handleUpgrade(request, socket, head, (ws) => {
        const connection = documents.hocuspocus.handleConnection(ws as never, request as never);
        const meter = volumeMeter(volume);
        let overVolume = false;
        ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
          if (overVolume) return;
          const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
          if (!meter.take(bytes.byteLength)) {
            // Nothing more from this connection is handled; its provider reconnects and re-sends what was not acknowledged.
            overVolume = true;
            log(`desk: refused a connection sending over ${volume.messagesPerSecond} messages or ${volume.bytesPerSecond} bytes a second: closed it (${RATE_LIMITED_CLOSE})`);
            ws.close(RATE_LIMITED_CLOSE, 'rate-limited: too many updates at once on one connection; slow down');
            return;
          }
          connection.handleMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        });
        ws.on('close', (code: number, reason: Buffer) => connection.handleClose({ code, reason: reason.toString() } as never));
        ws.on('error', (error: Error & { code?: string }) => {
          if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') log(`desk: refused a document message over ${MAX_UPDATE_BYTES} bytes: that connection was closed (1009)`);
          else log(`desk: refused a malformed WebSocket frame: ${error.message}`);
        });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(new DeskError('unavailable', error.code === 'EADDRINUSE' ? `Port ${options.port ?? 7300} is in use: stop what uses it or choose another with --port` : error.message)),
      );
      server.listen(options.port ?? 7300, options.host ?? '127.0.0.1', () => resolve());
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `${tls === undefined ? 'http' : 'https'}://${host}:${address.port}`;
    log(`desk: started on ${url} (desk ${identity.deskId}, ${database.kind} PostgreSQL: ${database.where}, schema ${database.schema}${scaleOut === undefined ? '' : ', joined to the other processes through Redis'})`);
    let closing: Promise<void> | undefined;
    return {
      url,
      wsUrl: url.replace(/^http/, 'ws'),
      port: address.port,
      deskId: identity.deskId,
      database,
      identity,
      documents,
      close() {
        closing ??= (async () => {
          const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
          await documents.flush().catch((error) => log(`desk: could not store every document on stop: ${(error as Error).message}`));
          for (const client of sockets.clients) client.terminate();
          server.closeAllConnections?.();
          await stopped;
          await documents.unloaded();
          sockets.close();
          if (scaleOut !== undefined) {
            await scaleOut.extension.onDestroy().catch(() => undefined);
            await scaleOut.close();
          }
          await database.close();
          log(`desk: stopped on ${url}`);
        })();
        return closing;
      },
    };
  } catch (error) {
    await scaleOut?.extension.onDestroy().catch(() => undefined);
    await scaleOut?.close();
    await database.close();
    throw error;
  }
}
