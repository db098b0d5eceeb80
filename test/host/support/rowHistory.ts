import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { Harness } from './harness';

export interface ShownRow {
  readonly description: string;
  readonly tooltip: string;
}

/** What each task's row in the tree looked like after every change, while recording. */
export interface RowHistory extends vscode.Disposable {
  /** Asserts that one row, at some moment, had this description and this text in its hover. */
  assertShown(connector: string, description: RegExp, tooltip: RegExp): void;
  latest(connector: string): ShownRow;
}

/**
 * Troubles can be brief (a retry may succeed a second later), so asserting on the row "now"
 * would race the scheduler. Recording the row on every change event proves it was shown.
 */
export function recordRows(h: Harness): RowHistory {
  const history = new Map<string, ShownRow[]>();
  const read = (connector: string): ShownRow => {
    // The hover text is filled in on demand, as when the user points at the row.
    const tree = h.internals.tree;
    const item = tree.resolveTreeItem(tree.getTreeItem(connector), connector);
    const tooltip = item.tooltip as vscode.MarkdownString | undefined;
    return { description: String(item.description), tooltip: tooltip?.value ?? '' };
  };
  const subscription = h.api.onDidChangeTasks(() => {
    for (const task of h.api.getTasks()) {
      const rows = history.get(task.connector) ?? [];
      rows.push(read(task.connector));
      history.set(task.connector, rows);
    }
  });
  return {
    assertShown(connector, description, tooltip) {
      const rows = history.get(connector) ?? [];
      const match = rows.find((r) => description.test(r.description) && tooltip.test(r.tooltip));
      const seen = rows.map((r) => `${r.description} | ${r.tooltip.split('\n').pop()}`);
      assert.ok(match, `no row showed ${description} with ${tooltip}; saw:\n${seen.join('\n')}`);
    },
    latest: read,
    dispose: () => subscription.dispose(),
  };
}
