import * as vscode from 'vscode';
import type { Logger } from '../log';
import type { NotificationLevel } from '../settings';
import type { TrackedTask } from '../tasks/task';
import { isFinished } from '../tasks/task';
import type { TaskChange, TaskStore } from '../tasks/taskStore';
import { taskTitle } from './taskPresentation';

export interface NotificationActions {
  openResult(connector: string): unknown;
  downloadResult(connector: string): unknown;
  copyConnector(connector: string): unknown;
}

/**
 * Tells the user when a tracked task finishes, once, as the `vertopal.notifications` setting
 * allows. Tasks that were already finished when the window opened are not announced again, and
 * with several windows open only the one that claims the completion in the store announces it.
 */
export class CompletionNotifier implements vscode.Disposable {
  private readonly finished = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: TaskStore,
    private readonly level: () => NotificationLevel,
    private readonly actions: NotificationActions,
    private readonly log: Logger,
  ) {
    for (const task of store.all()) if (isFinished(task)) this.finished.add(task.connector);
    this.subscription = store.onDidChange((change) => this.onChange(change));
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private onChange({ kind, task }: TaskChange): void {
    if (kind === 'removed' || !isFinished(task)) {
      this.finished.delete(task.connector);
      return;
    }
    if (this.finished.has(task.connector)) return;
    this.finished.add(task.connector);
    if (kind === 'added') return; // restored from storage or another window: not news
    if (task.state !== 'succeeded' && task.state !== 'failed') return;
    void this.announce(task);
  }

  private async announce(task: TrackedTask): Promise<void> {
    // Claimed whatever the level says, so the auto-downloader in this window can act on it too.
    if (!(await this.store.claimAnnouncement(task.connector))) {
      this.log.debug(`"${taskTitle(task)}" ${task.state}; another window announces it`);
      return;
    }
    const level = this.level();
    const failed = task.state === 'failed';
    const title = taskTitle(task);
    if (level === 'none' || (level === 'failuresOnly' && !failed)) {
      this.log.debug(`"${title}" ${task.state}; not notifying (vertopal.notifications: ${level})`);
      return;
    }
    this.log.info(`"${title}" ${task.state}; notifying`);
    const open = 'Open Result';
    const save = 'Download Result';
    const copy = 'Copy Connector';
    const choice = failed
      ? await vscode.window.showErrorMessage(
          `Vertopal task "${title}" failed${task.error ? `: ${task.error.message}` : '.'}`,
          open,
          copy,
        )
      : await vscode.window.showInformationMessage(
          `Vertopal task "${title}" succeeded.`,
          save,
          open,
          copy,
        );
    if (choice === open) await this.actions.openResult(task.connector);
    if (choice === save) await this.actions.downloadResult(task.connector);
    if (choice === copy) await this.actions.copyConnector(task.connector);
  }
}
