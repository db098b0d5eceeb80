import * as vscode from 'vscode';
import type { CredentialStore } from '../credentials';
import { FREE_CREDENTIALS, credentialProblem } from '../credentials';
import { Commands } from '../ids';
import type { Logger } from '../log';
import type { Credentials } from '../vertopal/types';

/**
 * Set, use-free and clear credentials. Each can be called with arguments and then asks nothing;
 * for example `vertopal.setCredentials` with `{ app, token }`.
 */
export function registerCredentialCommands(
  credentials: CredentialStore,
  log: Logger,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.setCredentials, (given?: Partial<Credentials>) =>
      setCredentials(credentials, log, given),
    ),
    vscode.commands.registerCommand(Commands.useFreeCredential, async () => {
      if (await save(credentials, log, FREE_CREDENTIALS)) {
        void vscode.window.showInformationMessage(
          'Using the free Vertopal credential. It is slower, has a daily limit and suits trying ' +
            'things out; set your own App ID and token for real work.',
        );
      }
    }),
    vscode.commands.registerCommand(Commands.clearCredentials, async () => {
      try {
        await credentials.clear();
        log.info('credentials cleared');
      } catch (error) {
        reportSecretStorageFailure(log, error);
      }
    }),
  ];
}

async function setCredentials(
  credentials: CredentialStore,
  log: Logger,
  given: Partial<Credentials> | undefined,
): Promise<boolean> {
  const app = given?.app ?? (await askApp());
  if (app === undefined) return false;
  const token = given?.token ?? (await askToken());
  if (token === undefined) return false;
  const problem = credentialProblem('app', app) ?? credentialProblem('token', token);
  if (problem) {
    void vscode.window.showErrorMessage(`Credentials not saved: ${problem}`);
    return false;
  }
  return save(credentials, log, { app, token });
}

async function save(
  credentials: CredentialStore,
  log: Logger,
  value: Credentials,
): Promise<boolean> {
  try {
    await credentials.set(value);
    log.info(`credentials saved for App ID ${value.app.trim()}`);
    return true;
  } catch (error) {
    reportSecretStorageFailure(log, error);
    return false;
  }
}

function askApp(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Vertopal Credentials (1/2)',
    prompt: 'App ID from your Vertopal developer dashboard',
    placeHolder: 'App ID',
    ignoreFocusOut: true,
    validateInput: (value) => credentialProblem('app', value),
  });
}

function askToken(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Vertopal Credentials (2/2)',
    prompt: 'Security token of that app; it is kept in VS Code secret storage',
    placeHolder: 'Token',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => credentialProblem('token', value),
  });
}

function reportSecretStorageFailure(log: Logger, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  log.error(`secret storage failed: ${reason}`);
  void vscode.window.showErrorMessage(
    `VS Code could not use its secret storage: ${reason}. Your credentials were not changed.`,
  );
}
