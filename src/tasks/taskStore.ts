// The single source of truth for what is tracked and what was last seen. Everything that
// changes a task goes through here; views listen to its events, and it persists every change.
//
// Every VS Code window runs its own store over the same stored list, and nothing tells a window
// when another one wrote. So a store never writes its whole list: each write re-reads the stored
// list and applies only this window's own changes to it, and `syncFromStorage` pulls the other
// windows' changes in.

import { isDeepStrictEqual } from 'node:util';
import type { Disposable } from './emitter';
import { Emitter } from './emitter';
import type { TaskPersistence } from './persistence';
import type { TaskSource, TrackedTask } from './task';
import { isFinished, newTask, tidy } from './task';
import type { DecodedState } from './taskCodec';
import { decodeState, encodeState } from './taskCodec';

export type TaskChangeKind = 'added' | 'updated' | 'removed';

/** One changed task. For `removed`, `task` is its last value. */
export interface TaskChange {
  readonly kind: TaskChangeKind;
  readonly task: TrackedTask;
}

/** The stored list, or `undefined` when nothing was ever stored or it could not be read. */
type StoredOrNot = DecodedState | undefined;

/** How many recovery notes one warning lists before summing up the rest. */
const MAX_NOTES_SHOWN = 5;

export class TaskStore implements Disposable {
  private tasks = new Map<string, TrackedTask>();
  private readonly changes: Emitter<TaskChange>;
  private writing: Promise<void> | undefined;
  /** What this store wrote last: the stored value, and the tasks it was encoded from. */
  private lastWrite:
    { readonly value: unknown; readonly tasks: readonly TrackedTask[] } | undefined;
  /** This window's changes not written yet, by connector: what the next write applies. */
  private pending = new Map<string, TaskChangeKind>();
  /**
   * Announcements this window claimed: `asked` until the claim is written, then `won`. A claim
   * another window wrote first is deleted from here (see `keepStoredClaim`).
   */
  private readonly claims = new Map<string, 'asked' | 'won'>();
  /** The last recovery warning given, so syncing on every focus does not repeat it. */
  private lastRecoveryWarning: string | undefined;

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
    return this.syncFromStorage();
  }

  /**
   * Takes in what other windows saved: their adds, updates and removals, with one event per task
   * that differs. Nothing is written back, so two windows never echo each other's writes.
   */
  async syncFromStorage(): Promise<void> {
    let stored: DecodedState | undefined;
    do {
      await this.flush(); // our own changes must land first, or we would read older state
      stored = await this.readStored(); // may be synchronous, but waiting here costs nothing
      // A change made while reading is being written now; read again once it has landed.
    } while (this.writing);
    if (!stored) return;
    const { tasks, notes } = stored;
    const warning = notes.length > 0 ? recoverySummary(tasks.length, notes) : undefined;
    if (warning !== undefined && warning !== this.lastRecoveryWarning) this.warn(warning);
    this.lastRecoveryWarning = warning;
    this.replaceAll(tasks);
  }

  /** The same as `syncFromStorage`; kept for existing callers. */
  reloadFromStorage(): Promise<void> {
    return this.syncFromStorage();
  }

  /**
   * Asks to be the one window that announces `connector`'s completion. True in exactly one
   * window: the first to write its claim. That window gets true again if it asks again, so what
   * is done once per completion (the notification, the automatic download) happens in one window.
   *
   * The claim is settled when it is written, in the same step that re-reads the stored list
   * (see `keepStoredClaim`). Across windows this is as atomic as globalState allows: a window
   * that has not yet received another's write can still, rarely, claim too.
   */
  async claimAnnouncement(connector: string): Promise<boolean> {
    if (!this.claims.has(connector)) {
      const task = this.tasks.get(connector);
      if (!task || task.announcedAt !== undefined) return false; // gone, or already claimed
      this.claims.set(connector, 'asked');
      this.update(connector, (t) => ({ ...t, announcedAt: this.now() }));
    }
    await this.flush();
    // A claim that could not be saved still counts: announcing twice beats never announcing.
    return this.claims.has(connector);
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

  /**
   * What is stored now; `undefined` when nothing was ever stored (so no other window has
   * written either), or when it cannot be read (with a warning). Synchronous when
   * the persistence is (globalState is), so a write can read, merge and write in one step,
   * leaving no gap in which another window's write could land and then be overwritten.
   */
  private readStored(): StoredOrNot | Promise<StoredOrNot> {
    const failed = (error: unknown): undefined => {
      this.warn(`Could not read the saved tasks: ${String(error)}`);
      return undefined;
    };
    try {
      const value = this.persistence.read();
      // Still the object this store wrote last: no other window has written since, and the
      // list it holds is already known. Decoding it again would cost a pass over every task.
      if (this.lastWrite && value === this.lastWrite.value) {
        return { tasks: [...this.lastWrite.tasks], notes: [] };
      }
      if (!(value instanceof Promise)) return this.decode(value);
      return value.then((stored) => this.decode(stored), failed);
    } catch (error) {
      return failed(error);
    }
  }

  private decode(value: unknown): StoredOrNot {
    return value === undefined ? undefined : decodeState(value, this.now());
  }

  private replaceAll(next: readonly TrackedTask[]): void {
    const previous = this.tasks;
    this.tasks = new Map();
    for (const stored of next) {
      // Changes of ours not yet saved (their write failed) are newer than storage: kept below.
      if (this.pending.has(stored.connector)) continue;
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
    for (const connector of this.pending.keys()) {
      const mine = previous.get(connector);
      if (mine) this.tasks.set(connector, mine);
    }
    for (const [connector, old] of previous) {
      if (this.tasks.has(connector)) continue;
      this.claims.delete(connector);
      this.changes.fire({ kind: 'removed', task: old });
    }
    for (const [connector, task] of this.tasks) {
      const old = previous.get(connector);
      if (!old) this.changes.fire({ kind: 'added', task });
      else if (!isDeepStrictEqual(old, task)) this.changes.fire({ kind: 'updated', task });
    }
  }

  private changed(kind: TaskChangeKind, task: TrackedTask): void {
    const earlier = this.pending.get(task.connector);
    // Updating a task not saved yet leaves it an add: it must be inserted, not found missing.
    this.pending.set(task.connector, kind === 'updated' && earlier === 'added' ? 'added' : kind);
    if (kind === 'removed') this.claims.delete(task.connector);
    this.changes.fire({ kind, task });
    this.persist();
  }

  /**
   * Writes never overlap: while one is in flight, further changes only join `pending`, and are
   * written together once it finishes, with at most one write queued however fast changes come.
   */
  private persist(): void {
    this.writing ??= this.drain();
  }

  private async drain(): Promise<void> {
    const unsaved = new Map<string, TaskChangeKind>();
    try {
      // Start after the current synchronous burst, so e.g. removing ten tasks writes once.
      await Promise.resolve();
      while (this.pending.size > 0) {
        const read = this.readStored();
        const stored = read instanceof Promise ? await read : read; // see readStored
        const batch = this.pending;
        this.pending = new Map();
        try {
          const list = this.listToWrite(stored, batch);
          const value = encodeState(list);
          this.lastWrite = { value, tasks: list };
          await this.persistence.write(value);
        } catch (error) {
          this.warn(`Could not save the task list: ${String(error)}`);
          for (const [connector, kind] of batch) unsaved.set(connector, kind);
        }
      }
      // Failed changes wait for the next change to be tried again, rather than retry in a loop.
      for (const [connector, kind] of unsaved) {
        if (!this.pending.has(connector)) this.pending.set(connector, kind);
      }
    } finally {
      // Same tick as the last `pending` check: no change can slip in between and go unwritten.
      this.writing = undefined;
    }
  }

  private listToWrite(
    stored: StoredOrNot,
    batch: ReadonlyMap<string, TaskChangeKind>,
  ): readonly TrackedTask[] {
    if (stored) return this.mergeInto(stored.tasks, batch);
    // Nothing stored yet, or unreadable: our own list, claims and all, is the best to write.
    for (const connector of batch.keys()) {
      if (this.claims.has(connector)) this.claims.set(connector, 'won');
    }
    return this.all();
  }

  /**
   * Applies this window's changes in `batch` to the stored list `base` and returns the list to
   * write. Adds go in (or replace a copy another window added meanwhile); updates apply only to
   * a task still stored, and one another window removed is dropped here too; removals delete.
   */
  private mergeInto(
    base: readonly TrackedTask[],
    batch: ReadonlyMap<string, TaskChangeKind>,
  ): TrackedTask[] {
    const merged = new Map(base.map((task) => [task.connector, task]));
    for (const [connector, kind] of batch) {
      const mine = this.tasks.get(connector);
      const theirs = merged.get(connector);
      if (!mine) {
        merged.delete(connector); // removed here (possibly after being added or updated)
      } else if (!theirs && kind === 'updated') {
        this.tasks.delete(connector); // removed in another window: its removal wins
        this.claims.delete(connector);
        this.changes.fire({ kind: 'removed', task: mine });
      } else {
        merged.set(connector, this.keepStoredClaim(mine, theirs));
      }
    }
    return [...merged.values()];
  }

  /**
   * A stored claim always wins: our write of the same task must not erase it (a second window
   * could then claim the completion again), and a claim of ours not yet written has lost to it.
   */
  private keepStoredClaim(mine: TrackedTask, theirs: TrackedTask | undefined): TrackedTask {
    const claimed = theirs?.announcedAt;
    if (this.claims.get(mine.connector) === 'asked') {
      if (claimed === undefined) {
        this.claims.set(mine.connector, 'won');
        return mine;
      }
      this.claims.delete(mine.connector);
    }
    if (claimed === undefined || claimed === mine.announcedAt) return mine;
    const task = { ...mine, announcedAt: claimed };
    this.tasks.set(task.connector, task);
    this.changes.fire({ kind: 'updated', task });
    return task;
  }
}

function recoverySummary(kept: number, notes: readonly string[]): string {
  const shown = notes.slice(0, MAX_NOTES_SHOWN).join('; ');
  const more = notes.length > MAX_NOTES_SHOWN ? `; and ${notes.length - MAX_NOTES_SHOWN} more` : '';
  return `Saved tasks were partly unreadable; restored ${kept}. ${shown}${more}.`;
}
