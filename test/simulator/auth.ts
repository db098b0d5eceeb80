import { requestError, type SimReply } from './wire';

export interface SimCredential {
  readonly app: string;
  readonly token: string;
}

/** The public free credential, always accepted. */
export const FREE_CREDENTIAL: SimCredential = { app: 'free', token: 'FREE-TOKEN' };

/** Extracts the token or answers 403 with the code the API documents for each problem. */
export function bearerToken(header: string | undefined): string | SimReply {
  if (header === undefined || header === '') {
    return requestError(403, 'MISSING_AUTHORIZATION_HEADER');
  }
  const match = /^Bearer (.+)$/.exec(header);
  if (!match || match[1].trim() === '') return requestError(403, 'INVALID_AUTHORIZATION_HEADER');
  return match[1];
}

/** The App ID travels in the data JSON, so the pair is checked only once that is parsed. */
export function checkCredential(
  accepted: readonly SimCredential[],
  app: unknown,
  token: string,
): SimReply | undefined {
  const ok = accepted.some((c) => c.app === app && c.token === token);
  return ok ? undefined : requestError(403, 'INVALID_CREDENTIAL');
}
