import type { TaskPersistence } from './persistence';

/** The part of VS Code's Memento (`context.globalState`) that persistence needs. */
export interface MementoLike {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** Keeps the tracked tasks under one key of globalState, shared by every window. */
export class MementoPersistence implements TaskPersistence {
  constructor(
    private readonly memento: MementoLike,
    private readonly key: string,
  ) {}

  read(): unknown {
    return this.memento.get(this.key);
  }

  async write(value: unknown): Promise<void> {
    await this.memento.update(this.key, value);
  }
}
