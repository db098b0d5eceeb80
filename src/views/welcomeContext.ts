import type * as vscode from 'vscode';
import type { CredentialStore } from '../credentials';
import { ContextKeys } from '../ids';
import type { TaskStore } from '../tasks/taskStore';
import { ContextKeySetter } from './contextKeys';

/**
 * Keeps the context keys behind the view's welcome content and title buttons in step with the
 * tasks and the stored credentials.
 */
export class WelcomeContext implements vscode.Disposable {
  readonly keys = new ContextKeySetter();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: TaskStore,
    private readonly credentials: CredentialStore,
  ) {
    this.subscriptions = [
      store.onDidChange(() => this.syncTasks()),
      credentials.onDidChange(() => void this.syncCredentials()),
    ];
    this.syncTasks();
    // A round trip to secret storage: activation does not wait for it.
    void this.syncCredentials();
  }

  private syncCredentials(): Promise<void> {
    return this.credentials.get().then(
      (stored) => this.keys.set(ContextKeys.credentialsMissing, stored === undefined),
      () => this.keys.set(ContextKeys.credentialsMissing, true),
    );
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private syncTasks(): void {
    const tasks = this.store.all();
    this.keys.set(ContextKeys.hasTasks, tasks.length > 0);
    this.keys.set(
      ContextKeys.credentialRejected,
      tasks.some((t) => t.state === 'unauthorized'),
    );
  }
}
