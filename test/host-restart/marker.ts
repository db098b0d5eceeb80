import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// What the run before the reload tells the run after it. The file lives in the extension host's
// temporary folder, which the runner makes per run, so it cannot leak between runs.
export interface Marker {
  readonly simUrl: string;
  readonly simPid: number;
  /** Finished before the reload. */
  readonly finished: string;
  /** Still running at the reload; the last one was added just before it. */
  readonly running: readonly string[];
}

const FILE = path.join(os.tmpdir(), 'vertopal-restart-marker.json');

export function readMarker(): Marker | undefined {
  try {
    return JSON.parse(fs.readFileSync(FILE, 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

export function writeMarker(marker: Marker): void {
  fs.writeFileSync(FILE, JSON.stringify(marker));
}
