import * as vscode from 'vscode';
import type { DownloadArguments } from '../commands/downloadCommand';
import { Commands } from '../ids';
import type { TaskChange, TaskStore } from '../tasks/taskStore';

/**
 * With `vertopal.download.automatic` on, saves the result of a conversion the user started from
 * a file as soon as it succeeds, beside that file and never over an existing one. With several
 * windows open, only the window that claims the completion's announcement downloads: one claim
 * covers everything done once per completion, so the notification and the file come together.
 */
export class AutoDownloader implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  private readonly seen = new Set<string>();

  constructor(
    private readonly store: TaskStore,
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
    void this.download(task.connector);
  }

  private async download(connector: string): Promise<void> {
    if (!(await this.store.claimAnnouncement(connector))) return; // another window's to do
    const args: DownloadArguments = { connector, overwrite: false };
    await vscode.commands.executeCommand(Commands.downloadResult, args);
  }
}
