import type { ApiNotice } from './types';
import { at, isRecord, optionalString } from './shape';

/**
 * Where in a reply an error or warning was found. The first three belong to the request that
 * was just made; `monitored` is the monitored task's own result inside a task/response reply.
 */
export type NoticePlace = 'top' | 'bare' | 'result' | 'monitored';

export interface FoundNotice {
  readonly notice: ApiNotice;
  readonly place: NoticePlace;
}

function asNotice(value: unknown): ApiNotice | undefined {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!isRecord(candidate)) return undefined;
  const code = optionalString(candidate.code)?.trim();
  if (code === undefined || code === '') return undefined;
  return { code, message: optionalString(candidate.message) ?? '' };
}

function firstNotice(places: Array<[NoticePlace, unknown]>): FoundNotice | undefined {
  for (const [place, value] of places) {
    const notice = asNotice(value);
    if (notice) return { notice, place };
  }
  return undefined;
}

/** The first error at any of the four places the API puts one, in the documented order. */
export function findError(json: unknown): FoundNotice | undefined {
  return firstNotice([
    ['top', at(json, 'error')],
    ['bare', json],
    ['result', at(json, 'result', 'error')],
    ['monitored', at(json, 'result', 'output', 'result', 'error')],
  ]);
}

/** The first warning, in the order the API documents its places. */
export function findWarning(json: unknown): FoundNotice | undefined {
  return firstNotice([
    ['top', at(json, 'warning')],
    ['result', at(json, 'result', 'warning')],
    ['result', at(json, 'result', 'output', 'warning')],
    ['monitored', at(json, 'result', 'output', 'result', 'warning')],
  ]);
}

/** An error that fails the request itself (as opposed to the monitored task's failure). */
export function findRequestError(json: unknown): FoundNotice | undefined {
  const found = findError(json);
  return found && found.place !== 'monitored' ? found : undefined;
}
