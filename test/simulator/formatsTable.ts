/** The conversions the simulator offers: input format → output formats. */
export const CONVERSIONS: Readonly<Record<string, readonly string[]>> = {
  md: ['pdf', 'html', 'docx', 'txt'],
  docx: ['pdf', 'md', 'txt'],
  txt: ['pdf', 'md', 'html'],
  html: ['pdf', 'md', 'txt'],
  png: ['jpg', 'webp'],
  jpg: ['png', 'webp'],
};

export function inputFormats(): string[] {
  return Object.keys(CONVERSIONS);
}

export function outputFormats(): string[] {
  return [...new Set(Object.values(CONVERSIONS).flat())];
}

export function canConvert(input: string, output: string): boolean {
  return Object.hasOwn(CONVERSIONS, input) && CONVERSIONS[input].includes(output);
}

/** Formats that `format` converts to (outputs) or that convert to `format` (inputs). */
export function formatsFor(sublist: 'inputs' | 'outputs', format?: string): string[] | undefined {
  if (format === undefined) return sublist === 'inputs' ? inputFormats() : outputFormats();
  if (sublist === 'outputs') {
    return Object.hasOwn(CONVERSIONS, format) ? [...CONVERSIONS[format]] : undefined;
  }
  const inputs = inputFormats().filter((input) => CONVERSIONS[input].includes(format));
  return inputs.length > 0 ? inputs : undefined;
}
