// The parts of undici this extension uses, loaded from undici's own modules on first use. Its
// package index also loads fetch, WebSocket, caches and mocks, about 200 KB of code that never
// runs here; and loading even these parts takes long enough to matter, so it waits until the
// first request instead of slowing down activation. undici's index attaches the request API to
// every dispatcher; so does this.
/* eslint-disable @typescript-eslint/no-require-imports -- undici's modules ship no typings */
import type * as Undici from 'undici';

export type Dispatcher = Undici.Dispatcher;
export type Agent = Undici.Agent;

interface UndiciParts {
  readonly Agent: typeof Undici.Agent;
  readonly EnvHttpProxyAgent: typeof Undici.EnvHttpProxyAgent;
}

let parts: UndiciParts | undefined;

export function undici(): UndiciParts {
  if (!parts) {
    const dispatcherBase = require('undici/lib/dispatcher/dispatcher') as { prototype: object };
    Object.assign(dispatcherBase.prototype, require('undici/lib/api'));
    parts = {
      Agent: require('undici/lib/dispatcher/agent'),
      EnvHttpProxyAgent: require('undici/lib/dispatcher/env-http-proxy-agent'),
    };
  }
  return parts;
}
