import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { Credentials, RateLimitInfo } from './types';
import type { ApiOrigin } from './origin';
import { multipartBody, type FilePart } from './multipart';
import { findRequestError } from './notices';
import { headerValue, readRateLimit, type ReplyHeaders } from './rateLimit';
import {
  badResponse,
  cancelled,
  failureFromException,
  failureFromNotice,
  failureFromStatus,
  localFailure,
  redirectFailure,
  timedOut,
  type FailureContext,
  type TimeoutPhase,
} from './failures';
import { VertopalError } from './errors';
import { LocalFileError } from './download';

export interface Timeouts {
  readonly connectMs: number;
  readonly headersMs: number;
  readonly bodyMs: number;
  /** Replaces headersMs for uploads and bodyMs (as an idle limit) for downloads. */
  readonly transferMs: number;
}

export interface TransportConfig {
  readonly origin: ApiOrigin;
  readonly userAgent: string;
  readonly dispatcher: Dispatcher;
  readonly timeouts: Timeouts;
  readonly maxResponseBytes: number;
}

export interface CallOptions {
  /** Opens error messages, e.g. "Checking the task". */
  readonly action: string;
  readonly signal?: AbortSignal;
  readonly file?: FilePart;
  readonly onUploadProgress?: (sent: number, total: number) => void;
}

export interface JsonReply {
  readonly status: number;
  readonly json: unknown;
  readonly rateLimit: RateLimitInfo;
}

export type BodyConsumer<T> = (body: Readable, headers: ReplyHeaders) => Promise<T>;

// What a 3xx or an unwanted body may cost before the connection is given up instead.
const DRAIN_LIMIT_BYTES = 64 * 1024;

// Visible ASCII only: anything else would corrupt the header or be rejected by undici with a
// message we do not control.
const TOKEN_PATTERN = /^[\x21-\x7e]+$/;

/**
 * One deadline per phase, enforced here rather than only by the dispatcher so that limits hold
 * for injected dispatchers too. Aborting the internal controller tears down the request.
 */
class Deadline {
  readonly controller = new AbortController();
  fired: { phase: TimeoutPhase; ms: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly unlink: () => void;

  constructor(private readonly callerSignal: AbortSignal | undefined) {
    const onAbort = (): void => this.controller.abort();
    callerSignal?.addEventListener('abort', onAbort, { once: true });
    this.unlink = () => callerSignal?.removeEventListener('abort', onAbort);
  }

  get callerAborted(): boolean {
    return this.callerSignal?.aborted === true;
  }

  arm(phase: TimeoutPhase, ms: number): void {
    this.disarm();
    this.timer = setTimeout(() => {
      this.fired = { phase, ms };
      this.controller.abort();
    }, ms);
  }

  disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  finish(): void {
    this.disarm();
    this.unlink();
  }
}

/** Sends one API request and hands back its JSON or its byte stream; never retries. */
export class Transport {
  constructor(private readonly config: TransportConfig) {}

  /** A JSON reply; any error the API reports for this request is thrown as a VertopalError. */
  async postJson(
    path: string,
    creds: Credentials,
    data: object,
    opts: CallOptions,
  ): Promise<JsonReply> {
    const ctx: FailureContext = { action: opts.action, token: creds.token };
    const deadline = new Deadline(opts.signal);
    try {
      const res = await this.send(path, creds, data, opts, deadline, ctx);
      const json = await this.readJson(res, deadline, ctx);
      return this.checked(res, json, ctx);
    } catch (err) {
      throw this.classify(err, deadline, ctx);
    } finally {
      deadline.finish();
      await settle();
    }
  }

  /**
   * A byte stream for download/url/get. A JSON reply there means an error (e.g. DOWNLOAD_EXPIRED),
   * which is thrown; otherwise `consume` reads the body under the caller's signal.
   */
  async postForStream<T>(
    path: string,
    creds: Credentials,
    data: object,
    opts: CallOptions,
    consume: BodyConsumer<T>,
  ): Promise<{ value: T; rateLimit: RateLimitInfo }> {
    const ctx: FailureContext = { action: opts.action, token: creds.token };
    const deadline = new Deadline(opts.signal);
    try {
      const res = await this.send(path, creds, data, opts, deadline, ctx);
      const type = headerValue(res.headers, 'content-type') ?? '';
      if (res.statusCode < 200 || res.statusCode >= 300 || /json/i.test(type)) {
        const json = await this.readJson(res, deadline, ctx);
        this.checked(res, json, ctx);
        throw badResponse(ctx, 'JSON where the file was expected', res.statusCode);
      }
      const value = await consume(res.body, res.headers);
      return { value, rateLimit: readRateLimit(res.headers) };
    } catch (err) {
      throw this.classify(err, deadline, ctx);
    } finally {
      deadline.finish();
      await settle();
    }
  }

  private async send(
    path: string,
    creds: Credentials,
    data: object,
    opts: CallOptions,
    deadline: Deadline,
    ctx: FailureContext,
  ): Promise<Dispatcher.ResponseData> {
    if (deadline.callerAborted) throw cancelled(ctx);
    if (!TOKEN_PATTERN.test(creds.token)) {
      throw new VertopalError(
        'credential',
        `${ctx.action} failed: the token is empty or contains spaces or other invalid characters.`,
      );
    }
    const { timeouts, origin } = this.config;
    const progress = opts.onUploadProgress;
    const body = multipartBody(
      JSON.stringify(data),
      opts.file,
      progress &&
        ((sent, total) => {
          try {
            progress(sent, total);
          } catch {
            // A broken progress display must not break the upload.
          }
        }),
    );
    const firstByteMs = opts.file ? timeouts.transferMs : timeouts.headersMs;
    deadline.arm('headers', timeouts.connectMs + firstByteMs);
    const res = await this.config.dispatcher.request({
      origin: origin.origin,
      path: `${origin.basePath}/v1/${path}`,
      method: 'POST',
      headers: {
        authorization: `Bearer ${creds.token}`,
        'user-agent': this.config.userAgent,
        'content-type': body.contentType,
        'content-length': String(body.length),
        accept: 'application/json, */*;q=0.5',
      },
      body: body.stream,
      signal: deadline.controller.signal,
      headersTimeout: timeouts.connectMs + firstByteMs,
      bodyTimeout: path === 'download/url/get' ? timeouts.transferMs : timeouts.bodyMs,
    });
    deadline.disarm();
    if (res.statusCode >= 300 && res.statusCode < 400) {
      await drain(res.body);
      throw redirectFailure(ctx, res.statusCode, res.headers);
    }
    return res;
  }

  /** Reads at most maxResponseBytes, within bodyMs overall, and parses it as JSON. */
  private async readJson(
    res: Dispatcher.ResponseData,
    deadline: Deadline,
    ctx: FailureContext,
  ): Promise<unknown> {
    const { maxResponseBytes, timeouts } = this.config;
    const status = res.statusCode;
    const declared = Number(headerValue(res.headers, 'content-length') ?? NaN);
    try {
      if (declared > maxResponseBytes) {
        res.body.destroy();
        throw badResponse(ctx, `a reply larger than the ${maxResponseBytes}-byte limit`, status);
      }
      deadline.arm('body', timeouts.bodyMs);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > maxResponseBytes) {
          res.body.destroy();
          throw badResponse(ctx, `a reply larger than the ${maxResponseBytes}-byte limit`, status);
        }
        chunks.push(chunk as Buffer);
      }
      deadline.disarm();
      return parseJson(
        Buffer.concat(chunks),
        headerValue(res.headers, 'content-type'),
        ctx,
        status,
      );
    } catch (err) {
      // For an error status, the status itself says enough when the body is unusable.
      if (status >= 400 && !deadline.callerAborted && !isTransportFailure(err)) {
        throw failureFromStatus(ctx, status, res.headers);
      }
      throw err;
    }
  }

  private checked(res: Dispatcher.ResponseData, json: unknown, ctx: FailureContext): JsonReply {
    const found = findRequestError(json);
    if (found) throw failureFromNotice(ctx, found.notice, res.statusCode, res.headers);
    if (res.statusCode < 200 || res.statusCode >= 300) {
      throw failureFromStatus(ctx, res.statusCode, res.headers);
    }
    return { status: res.statusCode, json, rateLimit: readRateLimit(res.headers) };
  }

  private classify(err: unknown, deadline: Deadline, ctx: FailureContext): VertopalError {
    if (deadline.callerAborted) return cancelled(ctx);
    if (deadline.fired) return timedOut(ctx, deadline.fired.phase, deadline.fired.ms);
    if (err instanceof LocalFileError) return localFailure(ctx, err.what, err.cause);
    return failureFromException(ctx, err);
  }
}

/**
 * undici marks a connection idle only after the tick in which the body ended. Yielding once lets
 * that happen, so a caller's next request reuses the keep-alive connection instead of opening
 * another one.
 */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function isTransportFailure(err: unknown): boolean {
  return err instanceof VertopalError
    ? err.kind === 'timeout' || err.kind === 'network'
    : !(err instanceof SyntaxError);
}

async function drain(body: Readable & { dump?: (o: { limit: number }) => Promise<void> }) {
  try {
    if (body.dump) await body.dump({ limit: DRAIN_LIMIT_BYTES });
    else body.destroy();
  } catch {
    // Only the connection's reuse is at stake here.
  }
}

function parseJson(
  bytes: Buffer,
  contentType: string | undefined,
  ctx: FailureContext,
  status: number,
): unknown {
  if (contentType !== undefined && /html/i.test(contentType)) {
    throw badResponse(ctx, 'an HTML page instead of a JSON reply', status);
  }
  if (bytes.length === 0) throw badResponse(ctx, 'an empty reply', status);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw badResponse(ctx, 'a reply that is not valid JSON (it may have been cut short)', status);
  }
}
