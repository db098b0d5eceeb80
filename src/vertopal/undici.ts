// The parts of undici this extension uses, loaded from undici's own modules. Its package index
// also loads fetch, WebSocket, caches and mocks, which would add about 200 KB to the bundle for
// code that never runs here. The index attaches the request API to every dispatcher; so do we.
/* eslint-disable @typescript-eslint/no-require-imports -- undici's modules ship no typings */
import type * as Undici from 'undici';

const dispatcherBase = require('undici/lib/dispatcher/dispatcher') as { prototype: object };
Object.assign(dispatcherBase.prototype, require('undici/lib/api'));

export const Agent = require('undici/lib/dispatcher/agent') as typeof Undici.Agent;
export const EnvHttpProxyAgent =
  require('undici/lib/dispatcher/env-http-proxy-agent') as typeof Undici.EnvHttpProxyAgent;
export type Dispatcher = Undici.Dispatcher;
export type Agent = Undici.Agent;
