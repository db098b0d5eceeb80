import { VertopalError } from './errors';

/** Where requests go: the origin the token may be sent to, and the path prefix below it. */
export interface ApiOrigin {
  /** Scheme, host and port only, e.g. `https://api.vertopal.com`. */
  readonly origin: string;
  /** Path prefix without a trailing slash, usually empty. */
  readonly basePath: string;
}

/**
 * Plain http is accepted only for loopback, because the bearer token travels in a header and
 * anything else would expose it on the network. Local simulators run on loopback.
 */
export function parseBaseUrl(raw: string): ApiOrigin {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new VertopalError('insecure', 'The Vertopal API address is not a valid URL.');
  }
  if (url.username !== '' || url.password !== '') {
    throw new VertopalError(
      'insecure',
      'The Vertopal API address must not contain a user name or password.',
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new VertopalError(
      'insecure',
      'The Vertopal API address must not contain a query or a fragment.',
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new VertopalError(
      'insecure',
      'The Vertopal API address must use https (plain http is allowed only for this computer).',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new VertopalError('insecure', 'The Vertopal API address must be an https URL.');
  }
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}

/** `hostname` as the URL class gives it: IPv6 literals keep their brackets. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  const parts = host.split('.');
  if (parts.length !== 4 || parts[0] !== '127') return false;
  return parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}
