// The reply model shared by the endpoint handlers, the fault code and the HTTP layer.

/** What an endpoint answers before faults and delivery are applied. */
export interface SimReply {
  status: number;
  headers: Record<string, string>;
  /** A JSON body; exactly one of json or bytes is set. */
  json?: unknown;
  bytes?: Buffer;
  contentType?: string;
}

// Wording of the simulator's own; the real API's texts are not reproduced.
const MESSAGES: Record<string, string> = {
  POST_METHOD_ALLOWED: 'Requests must use POST.',
  NOT_FOUND: 'No such API endpoint.',
  MISSING_AUTHORIZATION_HEADER: 'The Authorization header is missing.',
  INVALID_AUTHORIZATION_HEADER: 'The Authorization header must read "Bearer <token>".',
  INVALID_CREDENTIAL: 'The App ID and token do not match.',
  TOO_MANY_REQUESTS: 'Too many requests; slow down.',
  FREE_APP_LIMITED: 'The free app reached its daily limit; try again in the next 3 hours.',
  MISSING_REQUIRED_FIELD: 'The form field "data" is required.',
  WRONG_TYPE_FIELD: 'The form field "data" must hold a JSON object.',
  MISSING_REQUIRED_DATA_KEY: 'A required data key is missing.',
  NO_CONNECTOR_DEPENDENT_TASK: 'No task exists for this connector.',
  NOT_READY_DEPENDENT_TASK: 'The task this one depends on has not completed yet.',
  EMPTY_FILE: 'The uploaded file is empty.',
  LIMIT_UPLOAD_SIZE: 'The uploaded file is too large.',
  NOT_VALID_EXTENSION: 'This file extension is not supported.',
  MISSING_REQUIRED_PARAMETER: 'A required parameter is missing.',
  INVALID_OUTPUT_FORMAT: 'The output format is not known.',
  INVALID_FORMAT: 'The format is not known.',
  NO_CONVERTER_INPUT_TO_OUTPUT: 'There is no converter between these formats.',
  FAILED_CONVERT: 'The conversion did not succeed.',
  DOWNLOAD_EXPIRED: 'The download link has expired.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on the server.',
};

export function notice(code: string, message?: string): { code: string; message: string } {
  return { code, message: message ?? MESSAGES[code] ?? code };
}

/** The body shape for a failed request: the error both top-level and in `result`. */
export function errorJson(code: string, message?: string): unknown {
  return { error: notice(code, message), result: { output: {}, error: {}, warning: {} } };
}

/** A task-level error: HTTP 200 with the code in `result.error`, as the API does. */
export function taskError(code: string, message?: string): SimReply {
  return {
    status: 200,
    headers: {},
    json: { result: { output: {}, error: notice(code, message), warning: {} } },
  };
}

export function requestError(status: number, code: string, message?: string): SimReply {
  return { status, headers: {}, json: errorJson(code, message) };
}

export function jsonReply(json: unknown, status = 200): SimReply {
  return { status, headers: {}, json };
}
