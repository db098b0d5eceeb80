// The Tracked Tasks tree's refresh traffic, modelled without VS Code: TaskTree fires one
// onDidChangeTreeData per store change (the connector for an update, undefined — the whole list —
// for an add or remove). This listens to the store the same way and counts those events, and
// how many of the updates changed what the row shows.

import type { Disposable } from '../src/tasks/emitter';
import type { TrackedTask } from '../src/tasks/task';
import type { TaskStore } from '../src/tasks/taskStore';

export class TreeRefreshModel implements Disposable {
  /** onDidChangeTreeData events TaskTree would fire. */
  fired = 0;
  /** Of those, whole-list refreshes (adds and removes). */
  wholeList = 0;
  /** Row refreshes whose row really looks different afterwards. */
  visibleChanges = 0;
  private readonly shown = new Map<string, string>();
  private readonly subscription: Disposable;

  constructor(store: TaskStore) {
    for (const task of store.all()) this.shown.set(task.connector, rowLook(task));
    this.subscription = store.onDidChange(({ kind, task }) => {
      this.fired++;
      if (kind !== 'updated') {
        this.wholeList++;
        if (kind === 'removed') this.shown.delete(task.connector);
        else this.shown.set(task.connector, rowLook(task));
        return;
      }
      const look = rowLook(task);
      if (this.shown.get(task.connector) !== look) this.visibleChanges++;
      this.shown.set(task.connector, look);
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/**
 * What a row shows, apart from the clock: the icon follows the state, and the description
 * (taskPresentation.ts) is built from these fields plus "now". The running time that "now" adds
 * changes by itself, whether or not a check happened, so it is left out; so is the tooltip's
 * "last checked" line, which is resolved on hover.
 */
function rowLook(task: TrackedTask): string {
  return JSON.stringify([
    task.state,
    task.label,
    task.completedAt,
    task.vcredits,
    task.error?.code,
    task.trouble?.until,
  ]);
}
