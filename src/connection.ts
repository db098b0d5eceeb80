import * as vscode from 'vscode';
import type { CredentialStore } from './credentials';
import { Settings } from './ids';
import type { Logger } from './log';
import {
  createDispatcher,
  resolveProxy,
  type BuiltDispatcher,
  type ProxyEnvironment,
  type ProxySettings,
} from './network/dispatcher';
import { affectsProxy, readProxySettings } from './network/proxySettings';
import { baseUrlProblem, baseUrlWarning } from './settings';
import { VertopalClient, type ClientOptions } from './vertopal/client';
import { VertopalError } from './vertopal/errors';
import type { ApiReply, Credentials, TaskSnapshot } from './vertopal/types';

export interface ConnectionOptions {
  /** Overrides the client's timeouts, read afresh per request. extension.ts sets it in tests. */
  readonly timeouts?: () => ClientOptions['timeouts'] | undefined;
  /** The environment proxy variables are read from; process.env by default. */
  readonly env?: () => ProxyEnvironment;
}

/** The environment variables that change how requests reach the network. */
const NETWORK_ENV = [
  'http_proxy',
  'HTTP_PROXY',
  'https_proxy',
  'HTTPS_PROXY',
  'no_proxy',
  'NO_PROXY',
  'SSL_CERT_FILE',
  'NODE_EXTRA_CA_CERTS',
];

interface Built {
  readonly key: string;
  readonly client?: VertopalClient;
  readonly network?: BuiltDispatcher;
  readonly problem?: VertopalError;
}

/**
 * Joins the settings, the stored credentials and the API client: the one object the scheduler
 * and the commands call the API through. A change of base URL or of the proxy settings replaces
 * the client and its dispatcher, so no request ever goes to an address, or through a proxy, the
 * user no longer has configured.
 */
export class ApiConnection implements vscode.Disposable {
  private built: Built | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Problems already shown to the user, so each is said once, not on every poll. */
  private readonly shown = new Map<'address' | 'proxy', string>();
  private disposed = false;

  /** Fires after the API address or the proxy settings changed: worth asking again at once. */
  readonly onDidChangeNetwork = this.changed.event;

  constructor(
    private readonly credentials: CredentialStore,
    private readonly baseUrl: () => string,
    private readonly userAgent: string,
    private readonly log: Logger,
    private readonly options: ConnectionOptions = {},
  ) {
    this.subscriptions.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((event) => {
        const address = event.affectsConfiguration(`${Settings.section}.${Settings.baseUrl}`);
        if (!address && !affectsProxy(event)) return;
        // extension.ts re-reads its settings in its own listener; let that run first.
        setTimeout(() => {
          if (this.disposed) return;
          this.sayProblems();
          this.changed.fire();
        }, 0);
      }),
    );
    this.sayProblems();
  }

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
    this.disposed = true;
    for (const subscription of this.subscriptions) subscription.dispose();
    this.release(this.built, 'destroy');
    this.built = undefined;
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
    if (this.disposed) throw new VertopalError('cancelled', 'The extension is shutting down.');
    // The first client loads the HTTP stack; one turn of the event loop lets activation (which
    // starts the first polls) finish before that happens.
    if (!this.built) await new Promise((resolve) => setImmediate(resolve));
    const url = this.baseUrl();
    const proxy = readProxySettings();
    const env = this.networkEnv();
    const timeouts = this.options.timeouts?.();
    const key = JSON.stringify([url, proxy, env, timeouts ?? null]);
    if (this.built?.key !== key) {
      const previous = this.built;
      this.built = this.build(key, url, proxy, env, timeouts);
      // Requests already under way finish on the old dispatcher; close() waits for them.
      this.release(previous, 'close');
    }
    const { client, problem } = this.built;
    if (problem || !client) throw problem!;
    return client;
  }

  private build(
    key: string,
    url: string,
    proxy: ProxySettings,
    env: ProxyEnvironment,
    timeouts: ClientOptions['timeouts'] | undefined,
  ): Built {
    const addressProblem = baseUrlProblem(url);
    if (addressProblem) {
      this.log.error(addressProblem);
      return { key, problem: new VertopalError('insecure', addressProblem) };
    }
    const network = createDispatcher(proxy, env, { connectTimeoutMs: timeouts?.connectMs });
    if (network.problem) this.log.warn(network.problem);
    try {
      const client = new VertopalClient({
        baseUrl: url,
        userAgent: this.userAgent,
        dispatcher: network.dispatcher,
        timeouts,
      });
      this.log.info(`API address: ${new URL(url).origin}; ${network.description}`);
      return { key, client, network };
    } catch (error) {
      void network.dispatcher.close().catch(() => undefined);
      const problem =
        error instanceof VertopalError
          ? error
          : new VertopalError('insecure', `The API address is not usable: ${String(error)}`);
      this.log.error(problem.message);
      return { key, problem };
    }
  }

  private release(built: Built | undefined, how: 'close' | 'destroy'): void {
    if (!built) return;
    void built.client?.dispose();
    const dispatcher = built.network?.dispatcher;
    // Errors here concern connections nobody will use again.
    if (dispatcher) void dispatcher[how]().catch(() => undefined);
  }

  /** Tells the user, once per distinct problem, why requests cannot go where configured. */
  private sayProblems(): void {
    const address = baseUrlProblem(this.baseUrl());
    this.sayOnce('address', address && baseUrlWarning(address));
    // Resolving is cheap and pure; building a dispatcher only to read its problem would not be.
    this.sayOnce('proxy', resolveProxy(readProxySettings(), this.networkEnv()).problem);
  }

  private sayOnce(topic: 'address' | 'proxy', message: string | undefined): void {
    if (message === undefined) {
      this.shown.delete(topic); // fixed: a later breakage is news again
      return;
    }
    if (this.shown.get(topic) === message) return;
    this.shown.set(topic, message);
    this.log.warn(message);
    void vscode.window.showWarningMessage(message);
  }

  private networkEnv(): ProxyEnvironment {
    const env = this.options.env?.() ?? process.env;
    const picked: Record<string, string> = {};
    for (const name of NETWORK_ENV) {
      const value = env[name];
      if (value !== undefined) picked[name] = value;
    }
    return picked;
  }
}

/**
 * Shorter timeouts for the host tests, from VERTOPAL_TEST_TIMEOUT_MS (milliseconds, applied to
 * connecting, the first byte and the body). extension.ts passes this only in extension test
 * mode, so the variable does nothing in normal use.
 */
export function timeoutsFromTestEnvironment(): ClientOptions['timeouts'] | undefined {
  const ms = Number(process.env.VERTOPAL_TEST_TIMEOUT_MS);
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  return { connectMs: ms, headersMs: ms, bodyMs: ms };
}
