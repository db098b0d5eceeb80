import type { ServerResponse } from 'node:http';
import type { DeliveryFault, ReplacingFault } from './faults';
import { notice, type SimReply } from './wire';

// Writing replies to the socket, faithfully or broken in the ways the fault rules ask for.

function bodyOf(reply: SimReply): { bytes: Buffer; type: string } {
  if (reply.bytes) {
    return { bytes: reply.bytes, type: reply.contentType ?? 'application/octet-stream' };
  }
  return {
    bytes: Buffer.from(JSON.stringify(reply.json)),
    type: reply.contentType ?? 'application/json; charset=utf-8',
  };
}

export function send(res: ServerResponse, reply: SimReply, extraHeaders: Record<string, string>) {
  const { bytes, type } = bodyOf(reply);
  res.writeHead(reply.status, {
    ...extraHeaders,
    ...reply.headers,
    'Content-Type': type,
    'Content-Length': String(bytes.length),
  });
  res.end(bytes);
}

/** Sends a normal reply's bytes in one of the broken ways. */
export function sendBroken(
  res: ServerResponse,
  reply: SimReply,
  extraHeaders: Record<string, string>,
  fault: DeliveryFault,
): void {
  const { bytes, type } = bodyOf(reply);
  const half = bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
  if (fault.fault === 'truncated') {
    // A complete HTTP message whose JSON stops halfway.
    send(res, { ...reply, bytes: half, contentType: type }, extraHeaders);
    return;
  }
  res.writeHead(reply.status, {
    ...extraHeaders,
    ...reply.headers,
    'Content-Type': type,
    'Content-Length': String(bytes.length),
  });
  if (fault.fault === 'reset') {
    res.write(half, () => res.socket?.destroy());
    return;
  }
  drip(res, bytes, fault.intervalMs ?? 100, fault.chunkBytes ?? 1);
}

function drip(res: ServerResponse, bytes: Buffer, intervalMs: number, chunkBytes: number): void {
  let offset = 0;
  const timer = setInterval(() => {
    if (res.destroyed || res.writableEnded) return clearInterval(timer);
    const chunk = bytes.subarray(offset, offset + chunkBytes);
    offset += chunk.length;
    if (offset >= bytes.length) {
      clearInterval(timer);
      res.end(chunk);
    } else {
      res.write(chunk);
    }
  }, intervalMs);
  res.on('close', () => clearInterval(timer));
}

const HTML_PAGE =
  '<!doctype html><html><head><title>Bad Gateway</title></head>' +
  '<body><h1>502 Bad Gateway</h1><p>The upstream server did not answer.</p></body></html>';

/** Sends the reply a replacing fault stands for. `stall` sends nothing at all. */
export function sendReplacement(
  res: ServerResponse,
  fault: ReplacingFault,
  extraHeaders: Record<string, string>,
): void {
  switch (fault.fault) {
    case 'stall':
      return;
    case 'status': {
      const status = fault.httpStatus ?? 500;
      if (fault.code === undefined) {
        res.writeHead(status, { ...extraHeaders, 'Content-Type': 'text/plain' });
        res.end(`HTTP ${status}`);
        return;
      }
      const json = { error: notice(fault.code, fault.message) };
      send(res, { status, headers: {}, json }, extraHeaders);
      return;
    }
    case 'status429': {
      const headers: Record<string, string> = { ...extraHeaders, 'X-RATELIMIT-REMAINING': '0' };
      delete headers['X-RATELIMIT-RESET'];
      if (fault.retryAfterSeconds !== undefined) {
        headers['Retry-After'] = String(fault.retryAfterSeconds);
      }
      if (fault.resetSeconds !== undefined) {
        headers['X-RATELIMIT-RESET'] = String(fault.resetSeconds);
      }
      const json = { error: notice(fault.code ?? 'TOO_MANY_REQUESTS') };
      send(res, { status: 429, headers: {}, json }, headers);
      return;
    }
    case 'malformed':
      send(
        res,
        {
          status: 200,
          headers: {},
          bytes: Buffer.from('{"result": {"output": [,}'),
          contentType: 'application/json',
        },
        extraHeaders,
      );
      return;
    case 'html':
      send(
        res,
        {
          status: fault.httpStatus ?? 200,
          headers: {},
          bytes: Buffer.from(HTML_PAGE),
          contentType: 'text/html; charset=utf-8',
        },
        extraHeaders,
      );
      return;
    case 'oversized':
      sendOversized(
        res,
        fault.bytes ?? 10 * 1024 * 1024,
        fault.declareLength === true,
        extraHeaders,
      );
      return;
    case 'redirect':
      res.writeHead(fault.httpStatus ?? 302, { ...extraHeaders, Location: fault.location });
      res.end();
      return;
    case 'errorBody': {
      const value = notice(fault.code, fault.message);
      const placement = fault.placement ?? 'error';
      const json =
        placement === 'bare'
          ? value
          : placement === 'error'
            ? { error: value, result: { output: {}, error: {}, warning: {} } }
            : { result: { output: {}, error: value, warning: {} } };
      send(res, { status: fault.httpStatus ?? 200, headers: {}, json }, extraHeaders);
      return;
    }
  }
}

/** A syntactically valid but huge JSON reply, streamed with backpressure. */
function sendOversized(
  res: ServerResponse,
  size: number,
  declareLength: boolean,
  extraHeaders: Record<string, string>,
): void {
  const open = Buffer.from('{"result":{"output":{"padding":"');
  const close = Buffer.from('"},"error":{},"warning":{}}}');
  const padLength = Math.max(0, size - open.length - close.length);
  const headers: Record<string, string> = { ...extraHeaders, 'Content-Type': 'application/json' };
  if (declareLength) headers['Content-Length'] = String(open.length + padLength + close.length);
  res.writeHead(200, headers);
  res.write(open);
  const block = Buffer.alloc(64 * 1024, 'x');
  let left = padLength;
  const pump = (): void => {
    while (left > 0) {
      if (res.destroyed) return;
      const chunk = block.subarray(0, Math.min(block.length, left));
      left -= chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end(close);
  };
  pump();
}
