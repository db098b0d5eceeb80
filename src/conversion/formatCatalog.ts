// The output formats Vertopal offers for each input format, asked once per input format and
// kept for the session: the list changes rarely, and every question spends rate limit.

export type ListOutputs = (inputFormat: string, signal?: AbortSignal) => Promise<string[]>;

export class FormatCatalog {
  private readonly cache = new Map<string, Promise<string[]>>();

  constructor(private readonly listOutputs: ListOutputs) {}

  /** Output formats for `inputFormat` (lower case, without the dot), sorted. */
  outputsFor(inputFormat: string, signal?: AbortSignal): Promise<string[]> {
    const key = inputFormat.toLowerCase();
    let outputs = this.cache.get(key);
    if (!outputs) {
      outputs = this.listOutputs(key, signal).then((list) =>
        [...new Set(list.map((f) => f.toLowerCase()))].sort(),
      );
      this.cache.set(key, outputs);
      // A failed answer is not an answer: the next question asks the server again.
      outputs.catch(() => this.cache.delete(key));
    }
    return outputs;
  }
}

/** The input format of a file name: its extension in lower case, or '' when it has none. */
export function inputFormatOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}
