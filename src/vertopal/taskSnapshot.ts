import type { TaskSnapshot } from './types';
import { findError, findWarning } from './notices';
import { at, hasContent, isRecord, optionalNumber, optionalString, ShapeError } from './shape';

/**
 * Reads one task/response reply. Request-level errors have already been thrown by the transport;
 * what remains is the monitored task's state, where a failed conversion is a normal outcome.
 */
export function parseTaskSnapshot(json: unknown, askedConnector: string): TaskSnapshot {
  if (!isRecord(json)) throw new ShapeError('the reply is not a JSON object');
  if (!isRecord(json.result) && !(Array.isArray(json.result) && json.result.length === 0)) {
    throw new ShapeError('the reply has no result');
  }
  const entity = at(json, 'result', 'output', 'entity');
  const monitored = at(json, 'result', 'output', 'result');
  const error = findError(json)?.notice;
  // "Written" means the monitored task's result holds an output or an error, not just `{}`.
  const resultReady =
    isRecord(monitored) && (hasContent(monitored.output) || hasContent(monitored.error));
  let outcome = resultReady ? optionalString(at(monitored, 'output', 'status')) : undefined;
  if (outcome === undefined && resultReady && error !== undefined) outcome = 'failed';
  return {
    connector: optionalString(at(entity, 'id')) || askedConnector,
    status: optionalString(at(entity, 'status')),
    outcome,
    resultReady,
    vcredits: optionalNumber(at(entity, 'vcredits')),
    error,
    warning: findWarning(json)?.notice,
    raw: json,
  };
}
