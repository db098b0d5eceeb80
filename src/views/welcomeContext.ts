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
  }

  /** Resolves once the credential key reflects what secret storage holds. */
  syncCredentials(): Promise<void> {
    return this.credentials.get().then(
      (stored) => this.keys.set(ContextKeys.hasCredentials, stored !== undefined),
      () => this.keys.set(ContextKeys.hasCredentials, false),
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
