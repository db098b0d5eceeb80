import * as vscode from 'vscode';
import type { MonitorSettings } from './settings';
import { affectsSettings, readSettings } from './settings';

/** The current settings, re-read whenever the user changes one of ours. */
export class LiveSettings implements vscode.Disposable {
  private value: MonitorSettings = readSettings();
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((event) => {
    if (affectsSettings(event)) this.value = readSettings();
  });

  get current(): MonitorSettings {
    return this.value;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
