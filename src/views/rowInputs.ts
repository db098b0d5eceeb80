import type { TrackedTask } from '../tasks/task';
import type { TaskChange } from '../tasks/taskStore';

/**
 * Everything a task's row is drawn from except the clock, as one comparable string. A check that
 * only moved `lastCheckedAt` or replaced the raw response leaves it unchanged, so the row is not
 * redrawn: the tooltip (where those show) is built when hovered, and the running time is kept
 * current by the tree's own timer while the view is visible.
 */
export function rowInputs(task: TrackedTask): string {
  return JSON.stringify([
    task.state,
    task.label,
    task.completedAt,
    task.vcredits,
    task.error?.code,
    task.trouble !== undefined,
    task.trouble?.until,
  ]);
}

/** What a task change means for the tree: redraw the whole list, some rows, or nothing. */
export type RowRefresh = { readonly all: true } | { readonly rows: string[] } | undefined;

/** Remembers what each row was drawn from and tells which changes need a redraw. */
export class RowRefreshFilter {
  private readonly drawn = new Map<string, string>();

  /** Records what a row was just drawn from. */
  drew(task: TrackedTask): void {
    this.drawn.set(task.connector, rowInputs(task));
  }

  refreshFor({ kind, task }: TaskChange): RowRefresh {
    if (kind === 'updated') {
      const inputs = rowInputs(task);
      if (this.drawn.get(task.connector) === inputs) return undefined;
      // Counted as drawn now: a hidden view redraws only when shown, and must not be asked
      // again for every later check until then.
      this.drawn.set(task.connector, inputs);
      return { rows: [task.connector] };
    }
    if (kind === 'removed') this.drawn.delete(task.connector);
    return { all: true }; // adding or removing changes the list itself
  }
}
