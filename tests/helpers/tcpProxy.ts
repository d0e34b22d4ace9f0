/**
 * A TCP proxy on 127.0.0.1 that a test controls, standing for a reporter's network: `cut()`
 * makes it a black hole (connections stay open, nothing passes either way, as when a train
 * enters a tunnel), `restore()` drops what was held, as the connection would eventually time out,
 * and lets new connections through again.
 */
import net from 'node:net';

export interface TcpProxy {
  port: number;
  url(scheme: 'ws' | 'http'): string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host?: string; port: number }): Promise<TcpProxy> {
  let cut = false;
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: target.host ?? '127.0.0.1', port: target.port });
    const pair = { client, upstream };
    pairs.add(pair);
    const forget = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (data) => {
      if (!cut) upstream.write(data);
    });
    upstream.on('data', (data) => {
      if (!cut) client.write(data);
    });
    client.on('close', forget);
    upstream.on('close', forget);
    client.on('error', forget);
    upstream.on('error', forget);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    url: (scheme) => `${scheme}://127.0.0.1:${address.port}`,
    cut() {
      cut = true;
    },
    restore() {
      for (const { client, upstream } of [...pairs]) {
        client.destroy();
        upstream.destroy();
      }
      cut = false;
    },
    async close() {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
