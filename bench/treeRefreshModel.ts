// The Tracked Tasks tree's refresh traffic without VS Code: TaskTree hands every store change to
// a RowRefreshFilter and fires what it answers, so this runs the same filter and counts.

import type { Disposable } from '../src/tasks/emitter';
import type { TaskStore } from '../src/tasks/taskStore';
import { RowRefreshFilter } from '../src/views/rowInputs';

export class TreeRefreshModel implements Disposable {
  /** Store change events (one per changed task). */
  changes = 0;
  /** onDidChangeTreeData events TaskTree fires for them. */
  fired = 0;
  /** Of those, whole-list refreshes (adds and removes). */
  wholeList = 0;
  private readonly filter = new RowRefreshFilter();
  private readonly subscription: Disposable;

  constructor(store: TaskStore) {
    // Every row is drawn once when the view opens.
    for (const task of store.all()) this.filter.drew(task);
    this.subscription = store.onDidChange((change) => {
      this.changes++;
      const refresh = this.filter.refreshFor(change);
      if (!refresh) return;
      this.fired++;
      if ('all' in refresh) this.wholeList++;
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
