// Small readers for untrusted JSON. The API is served by PHP-style code that may encode an empty
// object as `[]`, so "empty" checks accept both.

export type JsonRecord = Record<string, unknown>;

/** Thrown by reply parsers when a required field is missing; the client reports badResponse. */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object, or `{}` when the value is an empty array, null or missing. */
export function recordOrEmpty(value: unknown): JsonRecord {
  return isRecord(value) ? value : {};
}

/** Whether a value carries anything: not null/undefined, not `{}`, not `[]`, not `''`. */
export function hasContent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return true;
}

/** Follows a path of object keys; anything that is not an object on the way gives undefined. */
export function at(root: unknown, ...keys: string[]): unknown {
  let node: unknown = root;
  for (const key of keys) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return node;
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Numbers may arrive as numeric strings; anything else is treated as absent. */
export function optionalNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

export function requiredString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new ShapeError(`the reply has no ${what}`);
  }
  return value;
}
