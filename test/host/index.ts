// Entry point the extension host loads (the same contract as @vscode/test-electron): run() runs
// every *.test.js beside this file with mocha and rejects when any test fails.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  // For development: VERTOPAL_HOST_TESTS=views,trouble runs only the files starting so.
  const only = process.env.VERTOPAL_HOST_TESTS;
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (!file.endsWith('.test.js')) continue;
    if (only && !only.split(',').some((name) => file.startsWith(name))) continue;
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) =>
      failures ? reject(new Error(`${failures} host test(s) failed`)) : resolve(),
    );
  });
}
