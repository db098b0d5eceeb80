import type { MementoLike } from '../tasks/mementoPersistence';

/** Remembers the last output format chosen for each input format, across sessions. */
export class OutputChoices {
  constructor(
    private readonly memento: MementoLike,
    private readonly key: string,
  ) {}

  last(inputFormat: string): string | undefined {
    const value = this.all()[inputFormat];
    return typeof value === 'string' ? value : undefined;
  }

  async remember(inputFormat: string, outputFormat: string): Promise<void> {
    await this.memento.update(this.key, { ...this.all(), [inputFormat]: outputFormat });
  }

  private all(): Record<string, unknown> {
    const stored = this.memento.get(this.key);
    return stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  }
}
