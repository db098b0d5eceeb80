// Entry point for the restart suite, run on its own (see scripts/test.sh): a window reload
// re-runs the extension tests, so this entry runs twice in one workbench. The first time it
// tracks tasks and reloads; the second time, a marker file says so, and mocha checks the result.
import * as path from 'node:path';
import Mocha from 'mocha';
import { trackThenReload } from './beforeReload';
import { readMarker } from './marker';

export async function run(): Promise<void> {
  if (!readMarker()) {
    await trackThenReload();
    // The reload ends this extension host; the workbench then loads this entry again.
    return new Promise<void>(() => {});
  }
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'afterReload.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) =>
      failures ? reject(new Error(`${failures} restart test(s) failed`)) : resolve(),
    );
  });
}
