// Control characters (newlines, escapes, NUL) are never wanted in an id, a label or a file name:
// they break one-line views and can smuggle terminal escapes into logs.

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]+/g;

export function hasControlCharacters(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}

/** Replaces each run of control characters with `replacement` (a space by default). */
export function replaceControlCharacters(text: string, replacement = ' '): string {
  return text.replace(CONTROL, replacement);
}
