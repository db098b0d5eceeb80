import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FREE_CREDENTIAL, bearerToken, checkCredential, type SimCredential } from './auth';
import { SimClock } from './clock';
import { defaultOutcomeRule, type OutcomeRule } from './conversion';
import { handleControl, isControlPath } from './control';
import { send, sendBroken, sendReplacement } from './delivery';
import { ENDPOINTS, type EndpointConfig, type UploadedFile } from './endpoints';
import { FaultBook, isDelivery, isReplacing, isShape } from './faults';
import { parseMultipart } from './multipartParse';
import { SeededRandom } from './random';
import { RateLimiter, type RateLimitRule } from './rateLimiter';
import type { RecordedRequest } from './recorder';
import { applyShapeFaults } from './shapeFaults';
import { TaskStore, type ConvertTask, type CreateTaskOptions } from './taskStore';
import { requestError, taskError, type SimReply } from './wire';

export interface SimulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Loopback address only: 127.0.0.1 (default), ::1 or another 127.x address. */
  host?: string;
  /** Seed for ids and outcome draws. Default 1. */
  seed?: number;
  /** The clock; default Date.now. setNow/advance freeze it for deterministic tests. */
  now?: () => number;
  /** Accepted credentials besides the free one. Default: app `test-app`, token `test-token`. */
  credentials?: SimCredential[];
  rateLimit?: RateLimitRule;
  /** Stricter limit for the free app. */
  freeRateLimit?: RateLimitRule;
  /** How long a conversion runs (default 2000 ms) and how long after completion the result
   *  stays unwritten (default 0). */
  conversionMs?: number;
  resultDelayMs?: number;
  /** Lifetime of a download link (default 10 minutes). */
  downloadTtlMs?: number;
  maxUploadBytes?: number;
  /** Decides each conversion's outcome; default: names containing "fail" fail, others draw
   *  against failureRate (default 0) with the seeded generator. */
  outcomeRule?: OutcomeRule;
  failureRate?: number;
}

export const DEFAULT_CREDENTIAL: SimCredential = { app: 'test-app', token: 'test-token' };

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;
// Bodies beyond this are drained, not kept; the upload size check still sees their length.
const BODY_SLACK_BYTES = 1024 * 1024;

export class Simulator {
  readonly requests: RecordedRequest[] = [];
  readonly faults = new FaultBook();
  readonly credentials: readonly SimCredential[];
  private connections = 0;
  private readonly waiters: Array<(request: RecordedRequest) => void> = [];

  private readonly clock: SimClock;
  private readonly store: TaskStore;
  private readonly limiter: RateLimiter;
  private readonly config: EndpointConfig;
  private readonly sockets = new Set<Socket>();
  private readonly connectionIds = new WeakMap<Socket, number>();
  private readonly server: Server;
  private baseUrl = '';

  constructor(private readonly options: SimulatorOptions = {}) {
    this.clock = new SimClock(options.now);
    const random = new SeededRandom(options.seed ?? 1);
    this.store = new TaskStore(random);
    this.credentials = [...(options.credentials ?? [DEFAULT_CREDENTIAL]), FREE_CREDENTIAL];
    const normal = options.rateLimit ?? { windowMs: 60_000, limit: 1000 };
    const free = options.freeRateLimit ?? { windowMs: 60_000, limit: 30 };
    this.limiter = new RateLimiter((app) => (app === FREE_CREDENTIAL.app ? free : normal));
    this.config = {
      maxUploadBytes: options.maxUploadBytes ?? 10 * 1024 * 1024,
      conversionMs: options.conversionMs ?? 2000,
      resultDelayMs: options.resultDelayMs ?? 0,
      downloadTtlMs: options.downloadTtlMs ?? 10 * 60_000,
      outcomeRule: options.outcomeRule ?? defaultOutcomeRule(random, options.failureRate ?? 0),
      baseUrl: () => this.baseUrl,
    };
    this.server = createServer((req, res) => this.onRequest(req, res));
    this.server.on('connection', (socket: Socket) => {
      this.connections += 1;
      this.connectionIds.set(socket, this.connections);
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** TCP connections accepted since start (not cleared by reset). */
  get connectionCount(): number {
    return this.connections;
  }

  /** Resolves when the next API request has been read; lets tests act mid-request. */
  nextRequest(): Promise<RecordedRequest> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** e.g. http://127.0.0.1:40123 */
  get url(): string {
    return this.baseUrl;
  }

  async listen(): Promise<void> {
    const host = this.options.host ?? '127.0.0.1';
    if (!LOOPBACK.test(host)) {
      throw new Error(`the simulator listens on loopback only, not ${host}`);
    }
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, host, () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  }

  /** Stops listening and drops every connection, including stalled ones. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  now(): number {
    return this.clock.now();
  }

  setNow(ms: number): void {
    this.clock.setNow(ms);
  }

  advance(ms: number): number {
    return this.clock.advance(ms);
  }

  /** Registers a convert task directly, so monitor tests need not upload anything. */
  createTask(options: CreateTaskOptions = {}): ConvertTask {
    return this.store.createConvert(options, this.clock.now());
  }

  /** Forgets tasks, requests, faults and rate-limit windows; keeps the clock and counters. */
  reset(): void {
    this.store.clear();
    this.requests.length = 0;
    this.faults.clear();
    this.limiter.reset();
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = this.config.maxUploadBytes + BODY_SLACK_BYTES;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= keep) chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      try {
        if (isControlPath(req.url ?? '')) handleControl(this, req, res, body);
        else this.answer(req, res, body, size > keep ? size : undefined);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        send(res, requestError(500, 'INTERNAL_SERVER_ERROR', message), {});
      }
    });
  }

  private answer(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    oversizeLength: number | undefined,
  ): void {
    const url = (req.url ?? '').split('?')[0];
    const path = url.startsWith('/v1/') ? url.slice(4) : '';
    const parts = parseMultipart(body, req.headers['content-type']) ?? [];
    const dataPart = parts.find((p) => p.name === 'data');
    const filePart = parts.find((p) => p.name === 'file');
    const dataText = dataPart?.body.toString('utf8');
    const data = parseObject(dataText);
    const connectionId = req.socket ? (this.connectionIds.get(req.socket) ?? 0) : 0;
    const fileSize = oversizeLength ?? filePart?.body.length;
    this.record({
      seq: this.requests.length + 1,
      method: req.method ?? '',
      url,
      path,
      headers: { ...req.headers },
      data,
      dataText,
      file: filePart ? { name: filePart.filename ?? '', size: fileSize ?? 0 } : undefined,
      fields: parts.map((p) => p.name),
      connectionId,
      at: this.clock.now(),
    });

    if (req.method !== 'POST') return send(res, requestError(405, 'POST_METHOD_ALLOWED'), {});
    const endpoint = Object.hasOwn(ENDPOINTS, path) ? ENDPOINTS[path] : undefined;
    if (!endpoint) return send(res, requestError(404, 'NOT_FOUND'), {});

    const app = typeof data?.app === 'string' ? data.app : 'anonymous';
    const { headers: limitHeaders, refusal } = this.limiter.hit(app, this.clock.now());
    if (refusal) return send(res, refusal, limitHeaders);

    const faults = this.faults.take(path, data?.connector);
    const replacing = faults.find((f) => isReplacing(f.rule));
    if (replacing && isReplacing(replacing.rule)) {
      return sendReplacement(res, replacing.rule, limitHeaders);
    }

    let reply = this.authorize(req, data, dataText);
    if (!reply) {
      const file: UploadedFile | undefined = filePart && {
        name: filePart.filename ?? '',
        bytes: oversizeLength === undefined ? filePart.body : Buffer.alloc(0),
        tooLarge: oversizeLength !== undefined,
        size: fileSize ?? 0,
      };
      const ctx = { data: data ?? {}, file, now: this.clock.now(), store: this.store };
      reply = endpoint({ ...ctx, config: this.config });
      const shape = faults.filter((f) => isShape(f.rule));
      if (reply.json !== undefined && shape.length > 0) {
        reply = { ...reply, json: applyShapeFaults(reply.json, shape) };
      }
    }
    const delivery = faults.find((f) => isDelivery(f.rule));
    if (delivery && isDelivery(delivery.rule)) {
      return sendBroken(res, reply, limitHeaders, delivery.rule);
    }
    send(res, reply, limitHeaders);
  }

  private record(request: RecordedRequest): void {
    this.requests.push(request);
    for (const resolve of this.waiters.splice(0)) resolve(request);
  }

  /** The auth checks, in the order the API documents them; undefined when all pass. */
  private authorize(
    req: IncomingMessage,
    data: Record<string, unknown> | undefined,
    dataText: string | undefined,
  ): SimReply | undefined {
    const token = bearerToken(req.headers.authorization);
    if (typeof token !== 'string') return token;
    if (dataText === undefined) return taskError('MISSING_REQUIRED_FIELD');
    if (!data) return taskError('WRONG_TYPE_FIELD');
    if (typeof data.app !== 'string') {
      return taskError('MISSING_REQUIRED_DATA_KEY', 'The data key "app" is required.');
    }
    return checkCredential(this.credentials, data.app, token);
  }
}

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Starts a simulator on loopback; close it when done. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = new Simulator(options);
  await sim.listen();
  return sim;
}
