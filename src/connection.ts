import type * as vscode from 'vscode';
import type { CredentialStore } from './credentials';
import type { Logger } from './log';
import { VertopalClient } from './vertopal/client';
import { VertopalError } from './vertopal/errors';
import type { ApiReply, Credentials, TaskSnapshot } from './vertopal/types';

/**
 * Joins the settings, the stored credentials and the API client: the one object the scheduler
 * and the commands call the API through. A change of base URL replaces the client, so no request
 * ever goes to an address the user no longer has configured.
 */
export class ApiConnection implements vscode.Disposable {
  private client: VertopalClient | undefined;
  private clientProblem: VertopalError | undefined;
  private clientUrl: string | undefined;

  constructor(
    private readonly credentials: CredentialStore,
    private readonly baseUrl: () => string,
    private readonly userAgent: string,
    private readonly log: Logger,
  ) {}

  /** The latest task/response of `connector` with the current credentials. */
  async taskResponse(connector: string, signal: AbortSignal): Promise<ApiReply<TaskSnapshot>> {
    const [client, credentials] = await Promise.all([
      this.currentClient(),
      this.requireCredentials(),
    ]);
    return client.taskResponse(credentials, connector, { signal });
  }

  /** Runs `call` with a client for the configured base URL and the stored credentials. */
  async use<T>(call: (client: VertopalClient, credentials: Credentials) => Promise<T>): Promise<T> {
    const [client, credentials] = await Promise.all([
      this.currentClient(),
      this.requireCredentials(),
    ]);
    return call(client, credentials);
  }

  dispose(): void {
    void this.client?.dispose();
    this.client = undefined;
  }

  private async requireCredentials(): Promise<Credentials> {
    let credentials: Credentials | undefined;
    try {
      credentials = await this.credentials.get();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new VertopalError('credential', `VS Code's secret storage failed: ${reason}`);
    }
    if (!credentials) {
      throw new VertopalError('credential', 'No Vertopal credentials are set.');
    }
    return credentials;
  }

  private async currentClient(): Promise<VertopalClient> {
    const url = this.baseUrl();
    if (url !== this.clientUrl) {
      const previous = this.client;
      this.client = undefined;
      this.clientProblem = undefined;
      this.clientUrl = url;
      void previous?.dispose();
      try {
        this.client = new VertopalClient({ baseUrl: url, userAgent: this.userAgent });
        this.log.info(`API address: ${new URL(url).origin}`);
      } catch (error) {
        this.clientProblem =
          error instanceof VertopalError
            ? error
            : new VertopalError('insecure', `The API address is not usable: ${String(error)}`);
        this.log.error(this.clientProblem.message);
      }
    }
    if (this.clientProblem || !this.client) throw this.clientProblem!;
    return this.client;
  }
}
