import {
  at,
  isRecord,
  optionalNumber,
  optionalString,
  requiredString,
  ShapeError,
  type JsonRecord,
} from './shape';

// Readers for the `result.output` of every endpoint except task/response. Only the fields a
// caller relies on are required; everything else is optional and extra fields are ignored.

function output(json: unknown): JsonRecord {
  const value = at(json, 'result', 'output');
  if (!isRecord(value)) throw new ShapeError('the reply has no result output');
  return value;
}

export interface UploadReply {
  connector: string;
  name: string;
  size: number;
  expiresAt?: string;
}

export function parseUpload(json: unknown, localName: string, localSize: number): UploadReply {
  const out = output(json);
  const reply: UploadReply = {
    connector: requiredString(out.connector, 'upload connector'),
    name: optionalString(out.name) ?? localName,
    size: optionalNumber(out.size) ?? localSize,
  };
  const expiresAt = optionalString(out.expires_at);
  if (expiresAt !== undefined) reply.expiresAt = expiresAt;
  return reply;
}

export function parseConvertStatus(json: unknown): { status: string } {
  return { status: requiredString(output(json).status, 'conversion status') };
}

/** In async mode the task to monitor is the top-level entity; `result.output` is often empty. */
export function parseConvert(json: unknown): {
  connector: string;
  status: string | undefined;
  raw: unknown;
} {
  const entity = at(json, 'entity');
  const connector =
    optionalString(at(entity, 'id')) ?? optionalString(at(json, 'result', 'output', 'connector'));
  return {
    connector: requiredString(connector, 'task id (entity.id)'),
    status: optionalString(at(entity, 'status')),
    raw: json,
  };
}

export interface DownloadUrlReply {
  connector: string;
  name: string;
  size?: number;
  expiresAt?: string;
  url?: string;
}

export function parseDownloadUrl(json: unknown): DownloadUrlReply {
  const out = output(json);
  const reply: DownloadUrlReply = {
    connector: requiredString(out.connector, 'download connector'),
    name: optionalString(out.name) ?? '',
  };
  const size = optionalNumber(out.size);
  if (size !== undefined) reply.size = size;
  const expiresAt = optionalString(out.expires_at);
  if (expiresAt !== undefined) reply.expiresAt = expiresAt;
  const url = optionalString(out.url);
  if (url !== undefined) reply.url = url;
  return reply;
}
