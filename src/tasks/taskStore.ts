// The single source of truth for what is tracked and what was last seen. Everything that
// changes a task goes through here; views listen to its events, and it persists every change.

import { isDeepStrictEqual } from 'node:util';
import type { Disposable } from './emitter';
import { Emitter } from './emitter';
import type { TaskPersistence } from './persistence';
import type { TaskSource, TrackedTask } from './task';
import { isFinished, newTask, tidy } from './task';
import { decodeState, encodeState } from './taskCodec';

export type TaskChangeKind = 'added' | 'updated' | 'removed';

/** One changed task. For `removed`, `task` is its last value. */
export interface TaskChange {
  readonly kind: TaskChangeKind;
  readonly task: TrackedTask;
}

/** How many recovery notes one warning lists before summing up the rest. */
const MAX_NOTES_SHOWN = 5;

export class TaskStore implements Disposable {
  private tasks = new Map<string, TrackedTask>();
  private readonly changes: Emitter<TaskChange>;
  private writing: Promise<void> | undefined;
  private dirty = false;

  /** Fires once per changed task, and never for an update that changed nothing. */
  readonly onDidChange: (listener: (change: TaskChange) => void) => Disposable;

  constructor(
    private readonly persistence: TaskPersistence,
    private readonly warn: (message: string) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {
    this.changes = new Emitter((error) => this.warn(`A task listener failed: ${String(error)}`));
    this.onDidChange = this.changes.event;
  }

  /** Restores the saved tasks at startup. Never throws; recovery problems go to `warn`. */
  load(): Promise<void> {
    return this.reloadFromStorage();
  }

  /**
   * Replaces the in-memory list with the stored one, e.g. after another window saved its list.
   * Deliberately simple: the stored list wins whole (last writer wins), with events for what
   * differs. Nothing is written back, so two windows never echo each other's writes.
   */
  async reloadFromStorage(): Promise<void> {
    await this.flush(); // our own pending write must land first, or we would read older state
    let stored: unknown;
    try {
      stored = await this.persistence.read();
    } catch (error) {
      this.warn(`Could not read the saved tasks: ${String(error)}`);
      return;
    }
    const { tasks, notes } = decodeState(stored, this.now());
    if (notes.length > 0) this.warn(recoverySummary(tasks.length, notes));
    this.replaceAll(tasks);
  }

  all(): readonly TrackedTask[] {
    return [...this.tasks.values()];
  }

  get(connector: string): TrackedTask | undefined {
    return this.tasks.get(connector);
  }

  has(connector: string): boolean {
    return this.tasks.has(connector);
  }

  /** Starts tracking `connector`; a connector already tracked is returned as it is. */
  add(
    connector: string,
    label?: string,
    source?: TaskSource,
  ): { task: TrackedTask; added: boolean } {
    if (connector === '') throw new RangeError('A task needs a connector.');
    const existing = this.tasks.get(connector);
    if (existing) return { task: existing, added: false };
    const task = newTask(connector, this.now(), label, source);
    this.tasks.set(connector, task);
    this.changed('added', task);
    return { task, added: true };
  }

  /** Stops tracking the given connectors; returns the tasks that were removed. */
  remove(connectors: readonly string[]): TrackedTask[] {
    const removed: TrackedTask[] = [];
    for (const connector of new Set(connectors)) {
      const task = this.tasks.get(connector);
      if (!task) continue;
      this.tasks.delete(connector);
      removed.push(task);
      this.changed('removed', task);
    }
    return removed;
  }

  /**
   * Replaces a task with `update(task)`. The connector cannot change. Returns the task as it is
   * afterwards, or `undefined` when it is not tracked.
   */
  update(connector: string, update: (task: TrackedTask) => TrackedTask): TrackedTask | undefined {
    const current = this.tasks.get(connector);
    if (!current) return undefined;
    const next = tidy({ ...update(current), connector });
    if (isDeepStrictEqual(current, next)) return current;
    this.tasks.set(connector, next);
    this.changed('updated', next);
    return next;
  }

  /** Removes every succeeded or failed task; returns them. */
  clearFinished(): TrackedTask[] {
    return this.remove(
      this.all()
        .filter(isFinished)
        .map((task) => task.connector),
    );
  }

  /** Resolves once every change made so far has been written (or its failure reported). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  dispose(): void {
    this.changes.dispose();
  }

  private replaceAll(next: readonly TrackedTask[]): void {
    const previous = this.tasks;
    this.tasks = new Map();
    for (const stored of next) {
      const old = previous.get(stored.connector);
      // A reply too large to store is still in memory: keep it if the check is the same one.
      const keepResponse =
        old?.lastResponse !== undefined &&
        stored.lastResponse === undefined &&
        old.lastCheckedAt === stored.lastCheckedAt;
      this.tasks.set(
        stored.connector,
        keepResponse ? { ...stored, lastResponse: old.lastResponse } : stored,
      );
    }
    for (const [connector, old] of previous) {
      if (!this.tasks.has(connector)) this.changes.fire({ kind: 'removed', task: old });
    }
    for (const [connector, task] of this.tasks) {
      const old = previous.get(connector);
      if (!old) this.changes.fire({ kind: 'added', task });
      else if (!isDeepStrictEqual(old, task)) this.changes.fire({ kind: 'updated', task });
    }
  }

  private changed(kind: TaskChangeKind, task: TrackedTask): void {
    this.changes.fire({ kind, task });
    this.persist();
  }

  /**
   * Writes never overlap: while one is in flight, further changes only mark the list dirty, and
   * the latest list is written once it finishes. So the last state always wins, with at most
   * one write queued however fast changes come.
   */
  private persist(): void {
    this.dirty = true;
    this.writing ??= this.drain();
  }

  private async drain(): Promise<void> {
    try {
      // Start after the current synchronous burst, so e.g. removing ten tasks writes once.
      await Promise.resolve();
      while (this.dirty) {
        this.dirty = false;
        try {
          await this.persistence.write(encodeState(this.all()));
        } catch (error) {
          this.warn(`Could not save the task list: ${String(error)}`);
        }
      }
    } finally {
      // Same tick as the last `dirty` check: no change can slip in between and go unwritten.
      this.writing = undefined;
    }
  }
}

function recoverySummary(kept: number, notes: readonly string[]): string {
  const shown = notes.slice(0, MAX_NOTES_SHOWN).join('; ');
  const more = notes.length > MAX_NOTES_SHOWN ? `; and ${notes.length - MAX_NOTES_SHOWN} more` : '';
  return `Saved tasks were partly unreadable; restored ${kept}. ${shown}${more}.`;
}
