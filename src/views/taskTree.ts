import * as vscode from 'vscode';
import { Commands, TreeItemContext, Views } from '../ids';
import type { TrackedTask } from '../tasks/task';
import type { TaskChange, TaskStore } from '../tasks/taskStore';
import { formatClock } from '../format';
import { taskDescription, taskIcon, taskTitle, taskTooltip } from './taskPresentation';

/**
 * The "Tracked Tasks" view. Elements are connectors, so a change to one task refreshes that one
 * row only, and VS Code keeps selection and focus across refreshes.
 */
export class TaskTree implements vscode.TreeDataProvider<string>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<string>;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: TaskStore,
    private readonly now: () => number = Date.now,
  ) {
    this.view = vscode.window.createTreeView(Views.tasks, {
      treeDataProvider: this,
      canSelectMany: true,
      showCollapseAll: false,
    });
    this.subscriptions = [this.changed, this.view, store.onDidChange((c) => this.onTaskChange(c))];
    this.updateSummary();
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
    item.description = taskDescription(task, this.now());
    item.iconPath = taskIcon(task);
    item.tooltip = taskTooltip(task);
    item.contextValue = `${TreeItemContext.task}.${task.state}`;
    item.command = { command: Commands.openResult, title: 'Open Result', arguments: [connector] };
    item.accessibilityInformation = {
      label: `${taskTitle(task)}, ${taskDescription(task, this.now())}`,
    };
    return item;
  }

  /** Shows and selects one task's row. */
  async reveal(connector: string): Promise<void> {
    if (!this.store.has(connector)) return;
    await this.view.reveal(connector, { select: true, focus: true });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private onTaskChange(change: TaskChange): void {
    // Adding or removing changes the list itself; an update touches one row.
    this.changed.fire(change.kind === 'updated' ? change.task.connector : undefined);
    this.updateSummary();
  }

  /** The badge counts running tasks; the message above the rows says why polling is paused. */
  private updateSummary(): void {
    const tasks = this.store.all();
    const running = tasks.filter(isRunning).length;
    const badge = running
      ? { value: running, tooltip: `${running} running task${running === 1 ? '' : 's'}` }
      : undefined;
    if (badge?.value !== this.view.badge?.value) this.view.badge = badge;

    const limitedUntil = Math.max(
      0,
      ...tasks.map((t) => (t.state === 'rateLimited' && t.trouble?.until) || 0),
    );
    let message: string | undefined;
    if (tasks.some((t) => t.state === 'unauthorized')) {
      message = 'Vertopal refused the credentials. Polling is paused until you set new ones.';
    } else if (limitedUntil) {
      message = `Vertopal asked to slow down. Checks resume at ${formatClock(limitedUntil)}.`;
    }
    if (message !== this.view.message) this.view.message = message;
  }
}

function isRunning(task: TrackedTask): boolean {
  return task.state === 'running';
}
