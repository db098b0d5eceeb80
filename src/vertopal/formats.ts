import { at, isRecord, optionalString, ShapeError } from './shape';

// The shape of convert/formats is not documented, so every plausible one is accepted: a list of
// names, a list of objects naming a format, or an object keyed by format name, possibly wrapped
// in a `formats`, `inputs` or `outputs` field.

const NAME_KEYS = ['name', 'format', 'ext', 'extension', 'id'];
const WRAPPER_KEYS = ['formats', 'inputs', 'outputs', 'list', 'items'];

function nameOf(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  if (!isRecord(item)) return undefined;
  for (const key of NAME_KEYS) {
    const value = optionalString(item[key]);
    if (value) return value;
  }
  return undefined;
}

function namesIn(node: unknown, depth: number): string[] | undefined {
  if (Array.isArray(node)) {
    return node.map(nameOf).filter((n): n is string => n !== undefined && n !== '');
  }
  if (!isRecord(node) || depth > 2) return undefined;
  for (const key of WRAPPER_KEYS) {
    if (key in node) {
      const inner = namesIn(node[key], depth + 1);
      if (inner) return inner;
    }
  }
  // Keyed by format name, e.g. {"pdf": {...}, "html": {...}}.
  return Object.keys(node).filter((k) => !['sublist', 'format'].includes(k));
}

/** A de-duplicated list of format names, in the order the server gave them. */
export function parseFormats(json: unknown): string[] {
  const out = at(json, 'result', 'output');
  const names = namesIn(out, 0);
  if (names === undefined) throw new ShapeError('the reply has no list of formats');
  return [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))];
}
