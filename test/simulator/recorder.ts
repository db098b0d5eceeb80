import type { IncomingHttpHeaders } from 'node:http';

/** One request as the simulator received it, for tests to assert on what a client sent. */
export interface RecordedRequest {
  readonly seq: number;
  readonly method: string;
  /** The URL path, e.g. `/v1/task/response`. */
  readonly url: string;
  /** The API path below /v1/, e.g. `task/response`; empty when outside /v1/. */
  readonly path: string;
  /** Lower-case header names, including `authorization`, exactly as received. */
  readonly headers: IncomingHttpHeaders;
  /** The `data` form field parsed as JSON; undefined when absent or not JSON. */
  readonly data: unknown;
  /** The `data` form field as text. */
  readonly dataText: string | undefined;
  readonly file: { name: string; size: number } | undefined;
  /** Names of all multipart fields, in order. */
  readonly fields: string[];
  /** Which TCP connection carried it (1 for the first connection the server accepted). */
  readonly connectionId: number;
  /** Simulator clock time when the body was complete. */
  readonly at: number;
}
