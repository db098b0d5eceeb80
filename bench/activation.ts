// Runs inside the real VS Code extension host (test/runner/run-host.mjs --tests this file):
// times the extension's activation and prints machine-readable lines for the benchmark.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../src/ids';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  // If something activated it before this entry ran, the figure would be meaningless: say so.
  const wasActive = extension.isActive;
  const started = performance.now();
  await extension.activate();
  const ms = performance.now() - started;
  console.log(
    `BENCH activation_ms=${ms.toFixed(1)} was_active=${wasActive} vscode=${vscode.version}`,
  );
  console.log(`BENCH load_ms=${loadOnlyMs(extension.extensionPath).toFixed(1)}`);
  console.log(`BENCH body_ms=${await activateBodyMs()}`);
}

/** activate()'s own time, as the extension logs it ("activated in N ms") in its channel. */
async function activateBodyMs(): Promise<string> {
  await vscode.commands.executeCommand('vertopal.showLog');
  const log = await new Promise<vscode.TextDocument>((resolve) => {
    const find = () =>
      vscode.workspace.textDocuments.find(
        (d) => d.uri.scheme === 'output' && /activated in/.test(d.getText()),
      );
    const found = find();
    if (found) return resolve(found);
    const listeners = [
      vscode.workspace.onDidOpenTextDocument,
      vscode.workspace.onDidChangeTextDocument,
    ].map((event) =>
      event(() => {
        const document = find();
        if (!document) return;
        listeners.forEach((l) => l.dispose());
        resolve(document);
      }),
    );
  });
  return /activated in ([\d.]+) ms/.exec(log.getText())?.[1] ?? 'unknown';
}

/**
 * What part of activation is only loading the bundle: compile and evaluate it again as a fresh
 * module, without calling activate(). Splits the figure above into "load" and "activate()".
 */
function loadOnlyMs(extensionPath: string): number {
  const file = join(extensionPath, 'dist', 'extension.js');
  const source = readFileSync(file, 'utf8');
  const started = performance.now();
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const factory = runInThisContext(wrapped, { filename: `${file}#bench` }) as (
    ...args: unknown[]
  ) => void;
  const module = { exports: {} };
  factory(module.exports, require, module, file, join(extensionPath, 'dist'));
  return performance.now() - started;
}
