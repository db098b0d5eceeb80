// Builds the undici Dispatcher every API request goes through, from the proxy settings and the
// environment. No VS Code import: proxySettings.ts reads VS Code's settings and hands them here,
// so the decisions below are testable in plain Node.

import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { undici, type Dispatcher } from '../vertopal/undici';

/** VS Code's own proxy settings (`http.*`), as far as they concern this extension. */
export interface ProxySettings {
  /** `http.proxy`; empty means "not set here, the environment may still name one". */
  readonly proxy: string;
  /** `http.proxyStrictSSL`: verify certificates on connections made through the proxy. */
  readonly strictSSL: boolean;
  /** `http.noProxy`: hosts reached directly, e.g. `localhost`, `.corp.example`, `10.0.0.1:8443`. */
  readonly noProxy: readonly string[];
  /** `http.proxySupport`: `off` turns every proxy off, including those from the environment. */
  readonly support: string;
}

export const DEFAULT_PROXY_SETTINGS: ProxySettings = {
  proxy: '',
  strictSSL: true,
  noProxy: [],
  support: 'override',
};

export type ProxyEnvironment = Readonly<Record<string, string | undefined>>;

export interface DispatcherOptions {
  readonly connectTimeoutMs?: number;
  /** PEM certificates to trust; default: Node's bundled roots plus the system's bundle. */
  readonly ca?: readonly string[];
}

export interface BuiltDispatcher {
  readonly dispatcher: Dispatcher;
  /** One line for the log: where requests go. Never holds proxy credentials. */
  readonly description: string;
  /** Said once to the user when the settings could not be followed as written. */
  readonly problem?: string;
  /** The settings this was built from; equal keys mean the same dispatcher would result. */
  readonly key: string;
}

// Few connections: the API rate-limits per credential, so more parallelism buys nothing, and a
// bounded pool keeps a stalled server from collecting sockets.
const CONNECTIONS = 4;
const KEEP_ALIVE_MS = 30_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * A keep-alive dispatcher that follows the proxy settings: `http.proxy` wins over the
 * environment's HTTPS_PROXY / HTTP_PROXY, and `http.noProxy` adds to NO_PROXY. With no proxy at
 * all it is a plain Agent. Never reads process.env itself: `env` is the environment to follow.
 */
export function createDispatcher(
  settings: ProxySettings,
  env: ProxyEnvironment,
  options: DispatcherOptions = {},
): BuiltDispatcher {
  const resolved = resolveProxy(settings, env);
  const ca = options.ca ?? trustedCertificates(env);
  const timeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const pool = { connections: CONNECTIONS, keepAliveTimeout: KEEP_ALIVE_MS };
  // Direct connections always verify certificates; http.proxyStrictSSL only concerns proxied
  // ones (a TLS-inspecting corporate proxy is the reason people turn it off).
  const direct = { ca: [...ca], timeout };
  const key = JSON.stringify({ resolved, timeout, caCount: ca.length });
  if (!resolved.httpProxy && !resolved.httpsProxy) {
    return {
      dispatcher: new (undici().Agent)({ ...pool, connect: direct }),
      description: 'direct connection (no proxy)',
      problem: resolved.problem,
      key,
    };
  }
  const proxied = { ca: [...ca], rejectUnauthorized: settings.strictSSL, timeout };
  const dispatcher = new (undici().EnvHttpProxyAgent)({
    ...pool,
    connect: direct,
    requestTls: proxied,
    proxyTls: proxied,
    // Empty strings, not undefined: undefined would make undici read process.env after all.
    httpProxy: resolved.httpProxy ?? '',
    httpsProxy: resolved.httpsProxy ?? '',
    noProxy: resolved.noProxy,
  });
  const via = [resolved.httpsProxy, resolved.httpProxy].filter(Boolean).map(String);
  const shown = [...new Set(via.map(withoutCredentials))].join(', ');
  const bypass = resolved.noProxy ? `; not for ${resolved.noProxy}` : '';
  const unverified = settings.strictSSL ? '' : '; certificates NOT verified (http.proxyStrictSSL)';
  return {
    dispatcher,
    description: `proxy ${shown} (from ${resolved.source})${bypass}${unverified}`,
    problem: resolved.problem,
    key,
  };
}

export interface ResolvedProxy {
  readonly httpProxy?: string;
  readonly httpsProxy?: string;
  /** Comma-separated, as undici reads it. */
  readonly noProxy: string;
  readonly source: 'http.proxy' | 'environment' | 'none';
  readonly problem?: string;
}

/** Which proxy each kind of request uses, per the settings and then the environment. */
export function resolveProxy(settings: ProxySettings, env: ProxyEnvironment): ResolvedProxy {
  const noProxy = [...settings.noProxy, ...listed(envValue(env, 'no_proxy'))]
    .map((entry) => entry.trim())
    .filter(Boolean)
    .join(',');
  if (settings.support === 'off') return { noProxy, source: 'none' };

  const configured = settings.proxy.trim();
  if (configured) {
    const url = proxyUrl(configured);
    if (url) return { httpProxy: url, httpsProxy: url, noProxy, source: 'http.proxy' };
    // Going direct is the lesser evil: a proxy we cannot parse would fail every request.
    return {
      noProxy,
      source: 'none',
      problem:
        `The proxy in the setting http.proxy is not usable (${withoutCredentials(configured)}); ` +
        'Vertopal requests go direct. Use a URL such as http://proxy.example:8080.',
    };
  }

  const httpProxy = proxyUrl(envValue(env, 'http_proxy') ?? '');
  const httpsProxy = proxyUrl(envValue(env, 'https_proxy') ?? '') ?? httpProxy;
  if (!httpProxy && !httpsProxy) return { noProxy, source: 'none' };
  return { httpProxy, httpsProxy, noProxy, source: 'environment' };
}

/** A proxy URL undici can use, or undefined. `host:port` without a scheme means http. */
export function proxyUrl(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (!url.hostname) return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

/** For log lines and messages: a proxy URL with any user name and password masked. */
export function withoutCredentials(text: string): string {
  try {
    const url = new URL(/:\/\//.test(text) ? text : `http://${text}`);
    // Scheme and host only: user name, password, path and query could all carry a secret.
    return url.host ? `${url.protocol}//${url.host}` : '(not a URL)';
  } catch {
    return '(not a URL)';
  }
}

/** Common places of the operating system's CA bundle; the first that exists is used. */
export const SYSTEM_CA_FILES = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu, Alpine
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL
  '/etc/ssl/ca-bundle.pem', // openSUSE
  '/etc/ssl/cert.pem', // macOS, BSD
];

/**
 * Node's bundled roots plus the certificates the system trusts, so a corporate CA installed in
 * the OS works. Passing `ca` replaces Node's defaults, which is why the bundled roots and
 * NODE_EXTRA_CA_CERTS are added back explicitly.
 */
export function trustedCertificates(
  env: ProxyEnvironment,
  read: (path: string) => string | undefined = readIfPresent,
  candidates: readonly string[] = SYSTEM_CA_FILES,
): string[] {
  const ca = [...rootCertificates];
  const files = [env.SSL_CERT_FILE, ...candidates].filter((f): f is string => !!f);
  for (const file of files) {
    const pem = read(file);
    if (pem && pem.includes('BEGIN CERTIFICATE')) {
      ca.push(pem);
      break;
    }
  }
  const extra = env.NODE_EXTRA_CA_CERTS ? read(env.NODE_EXTRA_CA_CERTS) : undefined;
  if (extra && extra.includes('BEGIN CERTIFICATE')) ca.push(extra);
  return ca;
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // absent or unreadable: Node's own roots still apply
  }
}

/** Lower-case names win, as curl and undici read them. */
function envValue(env: ProxyEnvironment, lower: string): string | undefined {
  const value = env[lower] ?? env[lower.toUpperCase()];
  return value?.trim() ? value : undefined;
}

function listed(value: string | undefined): string[] {
  return value ? value.split(/[,\s]+/) : [];
}
