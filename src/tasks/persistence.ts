// Where the task list is kept between sessions. The extension backs this with
// `context.globalState`; tests and the benchmark use `MemoryPersistence`.

export interface TaskPersistence {
  /** The stored value, or `undefined` when nothing was stored yet. May be anything: validate it. */
  read(): unknown | Promise<unknown>;
  write(value: unknown): Promise<void>;
}

/**
 * Keeps the value in memory the way globalState does: `read` returns the object last written
 * (the store relies on that to skip re-reading its own write), and every write is serialized to
 * JSON, as VS Code does to save it, so its cost and its failures on unserializable values show.
 */
export class MemoryPersistence implements TaskPersistence {
  private value: unknown;
  /** How many writes completed; lets tests see that a change was (or was not) persisted. */
  writes = 0;
  /** The JSON of the last write, as it would be saved. */
  json: string | undefined;

  constructor(initial?: unknown) {
    this.json = initial === undefined ? undefined : JSON.stringify(initial);
    this.value = this.json === undefined ? undefined : JSON.parse(this.json);
  }

  read(): unknown {
    return this.value;
  }

  async write(value: unknown): Promise<void> {
    this.json = JSON.stringify(value);
    this.value = value;
    this.writes++;
  }
}
