import { FormData, request } from 'undici';
import type { Simulator } from '../../simulator/simulator';

// Talks to the simulator without the real client, so the simulator's tests do not depend on it.

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Record<string, unknown>;
}

export interface RawCall {
  /** Full Authorization header value; omitted when null. */
  authorization?: string | null;
  data?: unknown;
  /** A raw `data` string, to send invalid JSON. */
  dataText?: string;
  file?: { name: string; bytes: Buffer };
  method?: string;
}

export const APP = 'sim-app';
export const TOKEN = 'sim-token';

export async function call(sim: Simulator, path: string, opts: RawCall = {}): Promise<RawReply> {
  const form = new FormData();
  const dataText =
    opts.dataText ?? (opts.data === undefined ? undefined : JSON.stringify(opts.data));
  if (dataText !== undefined) form.append('data', dataText);
  if (opts.file) form.append('file', new Blob([opts.file.bytes]), opts.file.name);
  const headers: Record<string, string> = {};
  const auth = opts.authorization === undefined ? `Bearer ${TOKEN}` : opts.authorization;
  if (auth !== null) headers.authorization = auth;
  const method = opts.method ?? 'POST';
  const res = await request(`${sim.url}/v1/${path}`, {
    method: method as 'POST',
    headers,
    body: method === 'GET' ? undefined : form,
  });
  const text = await res.body.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not every reply is JSON; tests that expect JSON check `json` themselves.
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

/** A JSON request to the simulator's control API. */
export async function control(
  sim: Simulator,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await request(`${sim.url}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.statusCode, json: (await res.body.json()) as Record<string, unknown> };
}

export function errorCode(reply: RawReply): unknown {
  const top = reply.json.error as { code?: unknown } | undefined;
  const inResult = (reply.json.result as { error?: { code?: unknown } } | undefined)?.error;
  return top?.code ?? inResult?.code;
}
