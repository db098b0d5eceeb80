import * as vscode from 'vscode';
import type { ContextKeys } from '../ids';

type ContextKey = (typeof ContextKeys)[keyof typeof ContextKeys];

/** Sets `when`-clause context keys, skipping the round trip when a value did not change. */
export class ContextKeySetter {
  private readonly values = new Map<ContextKey, boolean>();

  /** The value last set, as `when` clauses see it. */
  get(key: ContextKey): boolean | undefined {
    return this.values.get(key);
  }

  set(key: ContextKey, value: boolean): void {
    if (this.values.get(key) === value) return;
    this.values.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }
}
