import * as vscode from 'vscode';
import { Views } from '../ids';
import { formatClock } from '../format';
import type { TaskStore } from '../tasks/taskStore';

/**
 * One status bar item: how many tasks run, or why polling is paused. Hidden when nothing is
 * running and nothing is wrong, so a quiet workspace shows nothing. A click opens the view.
 */
export class TaskStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: TaskStore) {
    this.item = vscode.window.createStatusBarItem(
      'vertopal.status',
      vscode.StatusBarAlignment.Left,
    );
    this.item.name = 'Vertopal Tasks';
    this.item.command = `${Views.tasks}.focus`;
    this.subscription = store.onDidChange(() => this.update());
    this.update();
  }

  /** The text shown, for tests and the log. */
  get text(): string | undefined {
    return this.item.text || undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }

  private update(): void {
    const tasks = this.store.all();
    const running = tasks.filter((t) => t.state === 'running').length;
    const limited = tasks.filter((t) => t.state === 'rateLimited');
    const rejected = tasks.some((t) => t.state === 'unauthorized');
    const until = Math.max(0, ...limited.map((t) => t.trouble?.until ?? 0));

    if (rejected) {
      this.show('$(key) Vertopal: credentials rejected', 'Polling is paused. Set new credentials.');
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else if (limited.length) {
      const when = until ? ` until ${formatClock(until)}` : '';
      this.show(`$(watch) Vertopal: paused${when}`, `Vertopal asked us to slow down${when}.`);
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else if (running) {
      this.show(`$(sync~spin) Vertopal: ${running} running`, 'Show tracked Vertopal tasks');
      this.item.backgroundColor = undefined;
    } else {
      this.item.text = '';
      this.item.hide();
    }
  }

  private show(text: string, tooltip: string): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.show();
  }
}
