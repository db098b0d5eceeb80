import * as vscode from 'vscode';

/**
 * The narrow logging surface the rest of the code sees. The vscode-free core takes this
 * interface, so it can log without importing VS Code, and tests can pass a recorder.
 */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

/** The one output channel, "Vertopal". Its level follows the user's choice in the Output view. */
export function createLogChannel(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Vertopal', { log: true });
}

/** A logger that prefixes every line with the component it came from, e.g. `[poll]`. */
export function componentLogger(channel: Logger, component: string): Logger {
  const tag = `[${component}]`;
  return {
    trace: (m) => channel.trace(`${tag} ${m}`),
    debug: (m) => channel.debug(`${tag} ${m}`),
    info: (m) => channel.info(`${tag} ${m}`),
    warn: (m) => channel.warn(`${tag} ${m}`),
    error: (m) => channel.error(typeof m === 'string' ? `${tag} ${m}` : `${tag} ${m.message}`),
  };
}
