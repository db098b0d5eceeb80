import * as vscode from 'vscode';
import { RESULT_SCHEME } from '../ids';
import type { TaskStore } from '../tasks/taskStore';
import { connectorOfResultUri, resultUri } from './resultUri';

/**
 * Serves the latest task/response of a tracked task as a read-only JSON document. Content
 * providers give read-only documents with no save prompt; an open document is refreshed in place
 * whenever its task changes.
 */
export class ResultDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: TaskStore) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, this),
      store.onDidChange((change) => this.refreshOpen(change.task.connector)),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const connector = connectorOfResultUri(uri);
    const task = connector ? this.store.get(connector) : undefined;
    if (!task) {
      return pretty({ connector, note: 'This task is no longer tracked.' });
    }
    if (task.lastResponse === undefined) {
      return pretty({ connector, state: task.state, note: 'No response from Vertopal yet.' });
    }
    return pretty(task.lastResponse);
  }

  /** Opens (or focuses) the result document of one task. */
  async open(connector: string): Promise<vscode.TextEditor> {
    const task = this.store.get(connector);
    const document = await vscode.workspace.openTextDocument(resultUri(connector, task?.label));
    return vscode.window.showTextDocument(document, { preview: true });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private refreshOpen(changed: string): void {
    for (const document of vscode.workspace.textDocuments) {
      const connector = connectorOfResultUri(document.uri);
      if (connector === changed) this.changed.fire(document.uri);
    }
  }
}

function pretty(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
