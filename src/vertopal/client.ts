import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { undici, type Agent, type Dispatcher } from './undici';
import type { ApiReply, Credentials, TaskSnapshot } from './types';
import { VertopalError } from './errors';
import { parseBaseUrl } from './origin';
import { Transport, type CallOptions, type Timeouts } from './transport';
import { badResponse, localFailure } from './failures';
import { ShapeError } from './shape';
import { parseTaskSnapshot } from './taskSnapshot';
import {
  parseConvert,
  parseConvertStatus,
  parseDownloadUrl,
  parseUpload,
  type DownloadUrlReply,
  type UploadReply,
} from './replies';
import { parseFormats } from './formats';
import { streamToFile, type DownloadProgress } from './download';
import { headerValue } from './rateLimit';

export interface ClientOptions {
  /** e.g. https://api.vertopal.com; https, or http for loopback only. */
  baseUrl: string;
  /** e.g. 'VertopalTaskMonitor/0.1.0 (vscode)'. */
  userAgent: string;
  /** Injected for proxy support; when absent the client owns one keep-alive Agent. */
  dispatcher?: Dispatcher;
  /** transferMs bounds the wait for an upload's reply and each idle gap of a download. */
  timeouts?: { connectMs?: number; headersMs?: number; bodyMs?: number; transferMs?: number };
  /** Largest JSON reply accepted, in bytes. */
  maxResponseBytes?: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  connectMs: 10_000,
  headersMs: 30_000,
  bodyMs: 30_000,
  transferMs: 300_000,
};
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
// Few connections: the API rate-limits per credential, so more parallelism buys nothing.
const OWNED_AGENT_CONNECTIONS = 4;

type Signal = { signal?: AbortSignal };

/** The Vertopal v1 API. Every method makes exactly one request and never retries. */
export class VertopalClient {
  private readonly transport: Transport;
  private readonly ownedAgent: Agent | undefined;

  constructor(options: ClientOptions) {
    const origin = parseBaseUrl(options.baseUrl);
    const timeouts = { ...DEFAULT_TIMEOUTS, ...definedOnly(options.timeouts ?? {}) };
    this.ownedAgent = options.dispatcher
      ? undefined
      : new (undici().Agent)({
          connections: OWNED_AGENT_CONNECTIONS,
          connect: { timeout: timeouts.connectMs },
          keepAliveTimeout: 30_000,
        });
    this.transport = new Transport({
      origin,
      userAgent: options.userAgent,
      dispatcher: options.dispatcher ?? (this.ownedAgent as Agent),
      timeouts,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    });
  }

  /** Reads the monitored task's state; a failed conversion is a snapshot, not a thrown error. */
  async taskResponse(
    creds: Credentials,
    connector: string,
    opts: Signal = {},
  ): Promise<ApiReply<TaskSnapshot>> {
    // parameters.include must name `entity`, or the reply carries no status at all.
    const data = {
      app: creds.app,
      connector,
      include: ['result'],
      parameters: { include: ['entity', 'result'] },
    };
    const call = { action: 'Checking the task', signal: opts.signal };
    const reply = await this.transport.postJson('task/response', creds, data, call);
    return this.parsed(reply, call, creds, (json) => parseTaskSnapshot(json, connector));
  }

  async convertStatus(
    creds: Credentials,
    connector: string,
    opts: Signal = {},
  ): Promise<ApiReply<{ status: string }>> {
    const call = { action: 'Checking the conversion status', signal: opts.signal };
    const data = { app: creds.app, connector };
    const reply = await this.transport.postJson('convert/status', creds, data, call);
    return this.parsed(reply, call, creds, parseConvertStatus);
  }

  /** Streams the file from disk; `onProgress` reports file bytes handed to the connection. */
  async uploadFile(
    creds: Credentials,
    file: { path: string; name?: string },
    opts: Signal & { onProgress?: (sentBytes: number, totalBytes: number) => void } = {},
  ): Promise<ApiReply<UploadReply>> {
    const action = 'Uploading the file';
    const name = file.name ?? basename(file.path);
    let size: number;
    try {
      const info = await stat(file.path);
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOTFILE' });
      size = info.size;
    } catch (err) {
      throw localFailure({ action, token: creds.token }, 'the file cannot be read', err);
    }
    const call: CallOptions = {
      action,
      signal: opts.signal,
      file: { path: file.path, name, size },
      onUploadProgress: opts.onProgress,
    };
    const reply = await this.transport.postJson('upload/file', creds, { app: creds.app }, call);
    return this.parsed(reply, call, creds, (json) => parseUpload(json, name, size));
  }

  /** Starts an async conversion; the returned connector is the task to monitor. */
  async convertFile(
    creds: Credentials,
    uploadConnector: string,
    output: string,
    opts: Signal & { input?: string } = {},
  ): Promise<ApiReply<{ connector: string; status: string | undefined; raw: unknown }>> {
    const parameters: Record<string, string> = { output };
    if (opts.input !== undefined) parameters.input = opts.input;
    const data = {
      app: creds.app,
      connector: uploadConnector,
      mode: 'async',
      include: ['entity', 'result'],
      parameters,
    };
    const call = { action: 'Starting the conversion', signal: opts.signal };
    const reply = await this.transport.postJson('convert/file', creds, data, call);
    return this.parsed(reply, call, creds, parseConvert);
  }

  async downloadUrl(
    creds: Credentials,
    convertConnector: string,
    opts: Signal = {},
  ): Promise<ApiReply<DownloadUrlReply>> {
    const call = { action: 'Preparing the download', signal: opts.signal };
    const data = { app: creds.app, connector: convertConnector };
    const reply = await this.transport.postJson('download/url', creds, data, call);
    return this.parsed(reply, call, creds, parseDownloadUrl);
  }

  /** Streams the converted file to `destPath`; a failure or cancel leaves no file behind. */
  async downloadFile(
    creds: Credentials,
    downloadConnector: string,
    destPath: string,
    opts: Signal & { onProgress?: DownloadProgress } = {},
  ): Promise<ApiReply<{ bytes: number }>> {
    const call = { action: 'Downloading the file', signal: opts.signal };
    const data = { app: creds.app, connector: downloadConnector };
    const { value, rateLimit } = await this.transport.postForStream(
      'download/url/get',
      creds,
      data,
      call,
      (body, headers) => {
        const length = Number(headerValue(headers, 'content-length') ?? NaN);
        const total = Number.isFinite(length) ? length : undefined;
        return streamToFile(body, destPath, total, opts.onProgress);
      },
    );
    return { value: { bytes: value }, rateLimit };
  }

  async convertFormats(
    creds: Credentials,
    opts: Signal & { sublist: 'inputs' | 'outputs'; format?: string },
  ): Promise<ApiReply<string[]>> {
    const parameters: Record<string, string> = { sublist: opts.sublist };
    if (opts.format !== undefined) parameters.format = opts.format;
    const call = { action: 'Listing the formats', signal: opts.signal };
    const data = { app: creds.app, parameters };
    const reply = await this.transport.postJson('convert/formats', creds, data, call);
    return this.parsed(reply, call, creds, parseFormats);
  }

  /** Closes the owned Agent; an injected dispatcher belongs to the caller and stays open. */
  async dispose(): Promise<void> {
    await this.ownedAgent?.close();
  }

  private parsed<T>(
    reply: { json: unknown; rateLimit: ApiReply<T>['rateLimit']; status: number },
    call: { action: string },
    creds: Credentials,
    parse: (json: unknown) => T,
  ): ApiReply<T> {
    try {
      return { value: parse(reply.json), rateLimit: reply.rateLimit };
    } catch (err) {
      if (!(err instanceof ShapeError)) throw err;
      const ctx = { action: call.action, token: creds.token };
      throw badResponse(ctx, `a reply in an unexpected shape (${err.message})`, reply.status);
    }
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export { VertopalError };
