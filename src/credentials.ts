import * as vscode from 'vscode';
import { SecretKeys } from './ids';
import { hasControlCharacters } from './text';
import type { Credentials } from './vertopal/types';

/** The public credential Vertopal offers for trying the API: slower and with a daily limit. */
export const FREE_CREDENTIALS: Credentials = { app: 'free', token: 'FREE-TOKEN' };

/**
 * App ID and token in VS Code's SecretStorage, stored together as one secret so that another
 * window never sees a new App ID paired with an old token.
 */
export class CredentialStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Credentials | undefined>();
  /** Fires after the credentials changed, here or in another window. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private cached: Promise<Credentials | undefined> | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange(async (event) => {
      if (event.key !== SecretKeys.credentials) return;
      this.cached = undefined;
      this.changed.fire(await this.get().catch(() => undefined));
    });
  }

  /** The stored credentials; throws when SecretStorage itself fails, so callers can say so. */
  get(): Promise<Credentials | undefined> {
    this.cached ??= this.read().catch((error: unknown) => {
      this.cached = undefined;
      throw error;
    });
    return this.cached;
  }

  async set(credentials: Credentials): Promise<void> {
    const clean = { app: credentials.app.trim(), token: credentials.token.trim() };
    await this.secrets.store(SecretKeys.credentials, JSON.stringify(clean));
    this.cached = Promise.resolve(clean);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SecretKeys.credentials);
    this.cached = Promise.resolve(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async read(): Promise<Credentials | undefined> {
    const stored = await this.secrets.get(SecretKeys.credentials);
    if (!stored) return undefined;
    try {
      const value = JSON.parse(stored) as Partial<Credentials>;
      if (typeof value.app === 'string' && typeof value.token === 'string') {
        return { app: value.app, token: value.token };
      }
    } catch {
      // fall through: an unreadable secret is treated as none, and the user is asked again
    }
    return undefined;
  }
}

/** Why an App ID or token cannot be right, or undefined when it looks fine. */
export function credentialProblem(kind: 'app' | 'token', value: string): string | undefined {
  const text = value.trim();
  if (!text) return kind === 'app' ? 'Enter the App ID.' : 'Enter the token.';
  if (/\s/.test(text)) return `The ${kind === 'app' ? 'App ID' : 'token'} cannot contain spaces.`;
  if (hasControlCharacters(text)) return 'Control characters are not allowed.';
  if (text.length > 4096) return 'That is too long to be a Vertopal credential.';
  return undefined;
}
