import * as vscode from 'vscode';
import { formatClock } from '../format';
import { Commands, TreeItemContext, Views } from '../ids';
import type { TrackedTask } from '../tasks/task';
import type { TaskChange, TaskStore } from '../tasks/taskStore';
import { RowRefreshFilter } from './rowInputs';
import { taskDescription, taskIcon, taskTitle, taskTooltip } from './taskPresentation';

/** How often the running time on running rows moves on while the view is visible. */
const CLOCK_TICK_MS = 5_000;

/**
 * The "Tracked Tasks" view. Elements are connectors, so a change to one task redraws that one
 * row only, and only when something the row shows changed; VS Code keeps selection and focus.
 */
export class TaskTree implements vscode.TreeDataProvider<string>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<string>;
  private readonly rows = new RowRefreshFilter();
  private readonly subscriptions: vscode.Disposable[];
  private clockTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly store: TaskStore,
    private readonly now: () => number = Date.now,
  ) {
    this.view = vscode.window.createTreeView(Views.tasks, {
      treeDataProvider: this,
      canSelectMany: true,
      showCollapseAll: false,
    });
    this.subscriptions = [
      this.changed,
      this.view,
      store.onDidChange((c) => this.onTaskChange(c)),
      this.view.onDidChangeVisibility(() => this.updateClock()),
    ];
    this.updateSummary();
    this.updateClock();
  }

  getChildren(element?: string): string[] {
    return element ? [] : this.store.all().map((task) => task.connector);
  }

  getParent(): undefined {
    return undefined; // a flat list; needed for reveal()
  }

  getTreeItem(connector: string): vscode.TreeItem {
    const task = this.store.get(connector);
    const item = new vscode.TreeItem(task ? taskTitle(task) : connector);
    item.id = connector;
    if (!task) return item;
    this.rows.drew(task);
    const description = taskDescription(task, this.now());
    item.description = description;
    item.iconPath = taskIcon(task);
    item.contextValue = `${TreeItemContext.task}.${task.state}`;
    item.command = { command: Commands.openResult, title: 'Open Result', arguments: [connector] };
    item.accessibilityInformation = { label: `${taskTitle(task)}, ${description}` };
    return item;
  }

  /** The tooltip is built on hover, so it always shows the latest check time. */
  resolveTreeItem(item: vscode.TreeItem, connector: string): vscode.TreeItem {
    const task = this.store.get(connector);
    if (task) item.tooltip = taskTooltip(task);
    return item;
  }

  /** Shows and selects one task's row. */
  async reveal(connector: string): Promise<void> {
    if (!this.store.has(connector)) return;
    await this.view.reveal(connector, { select: true, focus: true });
  }

  dispose(): void {
    this.stopClock();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private onTaskChange(change: TaskChange): void {
    const refresh = this.rows.refreshFor(change);
    if (refresh) this.changed.fire('all' in refresh ? undefined : refresh.rows);
    this.updateSummary();
    this.updateClock();
  }

  /** The badge counts running tasks; the message above the rows says why polling is paused. */
  private updateSummary(): void {
    const tasks = this.store.all();
    const running = tasks.filter(isRunning).length;
    const badge = running
      ? { value: running, tooltip: `${running} running task${running === 1 ? '' : 's'}` }
      : undefined;
    if (badge?.value !== this.view.badge?.value) this.view.badge = badge;

    const until = (t: TrackedTask) => (t.state === 'rateLimited' && t.trouble?.until) || 0;
    const limitedUntil = Math.max(0, ...tasks.map(until));
    let message: string | undefined;
    if (tasks.some((t) => t.state === 'unauthorized')) {
      message = 'Vertopal refused the credentials. Polling is paused until you set new ones.';
    } else if (limitedUntil) {
      message = `Vertopal asked to slow down. Checks resume at ${formatClock(limitedUntil)}.`;
    }
    if (message !== this.view.message) this.view.message = message;
  }

  /** Runs the running-time timer only while someone can see it move. */
  private updateClock(): void {
    const needed = this.view.visible && this.store.all().some(isRunning);
    if (needed && !this.clockTimer) {
      this.clockTimer = setInterval(() => {
        const running = this.store.all().filter(isRunning);
        if (running.length) this.changed.fire(running.map((t) => t.connector));
      }, CLOCK_TICK_MS);
    } else if (!needed) {
      this.stopClock();
    }
  }

  private stopClock(): void {
    if (this.clockTimer) clearInterval(this.clockTimer);
    this.clockTimer = undefined;
  }
}

function isRunning(task: TrackedTask): boolean {
  return task.state === 'running';
}
