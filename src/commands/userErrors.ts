import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { Logger } from '../log';
import { VertopalError } from '../vertopal/errors';

/**
 * Shows a failed API call to the user as one sentence with the action that helps: credential
 * trouble leads to Set Credentials, everything else to the log.
 */
export function explainApiFailure(what: string, error: unknown, log: Logger): void {
  const message = error instanceof Error ? error.message : String(error);
  log.warn(`${what}: ${message}`);
  const credential = error instanceof VertopalError && error.kind === 'credential';
  const action = credential ? 'Set Credentials' : 'Show Log';
  void vscode.window.showErrorMessage(`${what}: ${message}`, action).then((choice) => {
    if (choice === 'Set Credentials') void vscode.commands.executeCommand(Commands.setCredentials);
    if (choice === 'Show Log') void vscode.commands.executeCommand(Commands.showLog);
  });
}

/** Runs `work` with an AbortSignal that fires when any of the cancellation tokens does. */
export async function withAbortSignal<T>(
  tokens: (vscode.CancellationToken | undefined)[],
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const listeners: vscode.Disposable[] = [];
  for (const token of tokens) {
    if (!token) continue;
    if (token.isCancellationRequested) controller.abort();
    listeners.push(token.onCancellationRequested(() => controller.abort()));
  }
  try {
    return await work(controller.signal);
  } finally {
    for (const listener of listeners) listener.dispose();
  }
}
