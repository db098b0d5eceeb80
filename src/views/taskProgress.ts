import * as vscode from 'vscode';
import { isFinished } from '../tasks/task';
import type { TaskStore } from '../tasks/taskStore';
import { taskTitle } from './taskPresentation';

/**
 * Window progress (the spinner in the status bar) while a task the user just asked to monitor is
 * still running. Ends when it finishes, stops being followed, or is removed.
 */
export function showTaskProgress(store: TaskStore, connector: string): void {
  const task = store.get(connector);
  if (!task || isFinished(task)) return;
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Vertopal: ${taskTitle(task)}` },
    () =>
      new Promise<void>((resolve) => {
        const subscription = store.onDidChange(({ kind, task: changed }) => {
          if (changed.connector !== connector) return;
          if (kind === 'removed' || changed.state !== 'running') {
            subscription.dispose();
            resolve();
          }
        });
      }),
  );
}
