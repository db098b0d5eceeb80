import * as vscode from 'vscode';
import { DEFAULT_PROXY_SETTINGS, type ProxySettings } from './dispatcher';

// VS Code's proxy settings belong to the `http` section, shared with VS Code itself and every
// extension. They are machine-scoped in VS Code, so a workspace cannot point them elsewhere.
const SECTION = 'http';

/** The user's `http.proxy`, `http.proxyStrictSSL`, `http.noProxy` and `http.proxySupport`. */
export function readProxySettings(): ProxySettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const proxy = config.get<unknown>('proxy');
  const strictSSL = config.get<unknown>('proxyStrictSSL');
  const noProxy = config.get<unknown>('noProxy');
  const support = config.get<unknown>('proxySupport');
  return {
    proxy: typeof proxy === 'string' ? proxy : DEFAULT_PROXY_SETTINGS.proxy,
    strictSSL: typeof strictSSL === 'boolean' ? strictSSL : DEFAULT_PROXY_SETTINGS.strictSSL,
    noProxy: Array.isArray(noProxy)
      ? noProxy.filter((entry): entry is string => typeof entry === 'string')
      : DEFAULT_PROXY_SETTINGS.noProxy,
    support: typeof support === 'string' ? support : DEFAULT_PROXY_SETTINGS.support,
  };
}

/** True when a configuration change may change how requests reach the network. */
export function affectsProxy(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SECTION);
}
