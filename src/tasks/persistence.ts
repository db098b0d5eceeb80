// Where the task list is kept between sessions. The extension backs this with
// `context.globalState`; tests and the benchmark use `MemoryPersistence`.

export interface TaskPersistence {
  /** The stored value, or `undefined` when nothing was stored yet. May be anything: validate it. */
  read(): unknown | Promise<unknown>;
  write(value: unknown): Promise<void>;
}

/** Keeps the value in memory, as a JSON copy so callers can't share mutable state with it. */
export class MemoryPersistence implements TaskPersistence {
  private json: string | undefined;
  /** How many writes completed; lets tests see that a change was (or was not) persisted. */
  writes = 0;

  constructor(initial?: unknown) {
    this.json = initial === undefined ? undefined : JSON.stringify(initial);
  }

  read(): unknown {
    return this.json === undefined ? undefined : JSON.parse(this.json);
  }

  async write(value: unknown): Promise<void> {
    this.json = JSON.stringify(value);
    this.writes++;
  }
}
