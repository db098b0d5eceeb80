import * as vscode from 'vscode';
import type { DownloadArguments } from '../commands/downloadCommand';
import { Commands } from '../ids';
import type { TaskChange, TaskStore } from '../tasks/taskStore';

/**
 * With `vertopal.download.automatic` on, saves the result of a conversion the user started from
 * a file as soon as it succeeds, beside that file and never over an existing one.
 */
export class AutoDownloader implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  private readonly seen = new Set<string>();

  constructor(
    store: TaskStore,
    private readonly enabled: () => boolean,
  ) {
    // Tasks that succeeded before this window opened were handled (or not) back then.
    for (const task of store.all()) if (task.state === 'succeeded') this.seen.add(task.connector);
    this.subscription = store.onDidChange((change) => this.onChange(change));
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private onChange({ kind, task }: TaskChange): void {
    if (kind === 'removed' || task.state !== 'succeeded') {
      this.seen.delete(task.connector);
      return;
    }
    if (this.seen.has(task.connector)) return;
    this.seen.add(task.connector);
    if (kind !== 'updated' || !task.source || !this.enabled()) return;
    const args: DownloadArguments = { connector: task.connector, overwrite: false };
    void vscode.commands.executeCommand(Commands.downloadResult, args);
  }
}
