import * as vscode from 'vscode';

export interface ShownMessage {
  readonly level: 'information' | 'warning' | 'error';
  readonly text: string;
}

/** Every notification the extension shows while recording, in order. */
export interface MessageRecorder extends vscode.Disposable {
  readonly shown: readonly ShownMessage[];
  /** Resolves with the first message (already shown or still to come) matching `pattern`. */
  until(pattern: RegExp, timeoutMs?: number): Promise<ShownMessage>;
}

type Show = (message: string, ...rest: unknown[]) => Thenable<unknown>;
const METHODS = {
  information: 'showInformationMessage',
  warning: 'showWarningMessage',
  error: 'showErrorMessage',
} as const;

/**
 * Records what vscode.window.show*Message is asked to show, then shows it as usual. VS Code has
 * no API to read notifications back, and the extension and its tests share one `vscode.window`
 * object in the extension host, so wrapping its methods is the one way to see what a user sees.
 */
export function recordMessages(): MessageRecorder {
  const shown: ShownMessage[] = [];
  const emitter = new vscode.EventEmitter<void>();
  const window = vscode.window as unknown as Record<string, Show>;
  const originals = new Map<string, Show>();
  for (const [level, method] of Object.entries(METHODS) as [ShownMessage['level'], string][]) {
    const original = window[method];
    originals.set(method, original);
    window[method] = (message: string, ...rest: unknown[]) => {
      shown.push({ level, text: String(message) });
      emitter.fire();
      return original.call(vscode.window, message, ...rest);
    };
  }
  return {
    shown,
    until(pattern, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const find = () => shown.find((m) => pattern.test(m.text));
        const found = find();
        if (found) return resolve(found);
        const timer = setTimeout(() => {
          subscription.dispose();
          reject(new Error(`timed out waiting for a message matching ${pattern}`));
        }, timeoutMs);
        const subscription = emitter.event(() => {
          const match = find();
          if (!match) return;
          clearTimeout(timer);
          subscription.dispose();
          resolve(match);
        });
      });
    },
    dispose() {
      for (const [method, original] of originals) window[method] = original;
      emitter.dispose();
    },
  };
}
