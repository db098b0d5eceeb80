// A small HTTP proxy on loopback for tests: forwards absolute-URI requests (what a client sends
// for an http:// target) and tunnels CONNECT (https:// targets), and records each one, so a test
// can prove which requests went through it. No VS Code import: unit tests use it too.

import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ProxiedRequest {
  readonly kind: 'forward' | 'connect';
  /** The absolute URL (forward) or host:port (CONNECT) the client asked for. */
  readonly target: string;
  /** Proxy-Authorization as received, when the client sent one. */
  readonly proxyAuthorization?: string;
}

export interface ForwardProxy {
  /** e.g. http://127.0.0.1:40125 */
  readonly url: string;
  readonly requests: ProxiedRequest[];
  close(): Promise<void>;
}

export async function startForwardProxy(host = '127.0.0.1'): Promise<ForwardProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const target = req.url ?? '';
    if (!/^https?:\/\//.test(target)) {
      res.writeHead(400).end('this is a proxy: send an absolute URL');
      return;
    }
    requests.push({ kind: 'forward', target, proxyAuthorization: proxyAuth(req) });
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = httpRequest(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    requests.push({ kind: 'connect', target, proxyAuthorization: proxyAuth(req) });
    const [name, port] = splitHostPort(target);
    const upstream = connect(port, name, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const end = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', end);
    client.on('error', end);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    requests,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function proxyAuth(req: IncomingMessage): string | undefined {
  const value = req.headers['proxy-authorization'];
  return typeof value === 'string' ? value : undefined;
}

function splitHostPort(target: string): [string, number] {
  const at = target.lastIndexOf(':');
  const name = target.slice(0, at).replace(/^\[|\]$/g, '');
  return [name, Number(target.slice(at + 1)) || 443];
}
