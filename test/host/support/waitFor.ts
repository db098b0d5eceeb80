import type * as vscode from 'vscode';

/**
 * Resolves once `check` returns a value other than undefined/false, re-checking whenever one of
 * `events` fires. Rejects with `what` after `timeoutMs`, so a broken feature fails the test
 * instead of hanging it. No polling: the events say when to look again.
 */
export function waitFor<T>(
  what: string,
  check: () => T | undefined | false,
  events: vscode.Event<unknown>[],
  timeoutMs = 15_000,
): Promise<T> {
  const first = check();
  if (first !== undefined && first !== false) return Promise.resolve(first);
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const done = () => {
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    for (const event of events) {
      subscriptions.push(
        event(() => {
          const value = check();
          if (value !== undefined && value !== false) {
            done();
            resolve(value);
          }
        }),
      );
    }
  });
}
