import { access } from 'node:fs/promises';
import * as path from 'node:path';

// Where a converted file goes. Next to its source when we started the conversion from a file,
// named as Vertopal names the output; never on top of an existing file without the user's say.

/** The converted file's path next to `sourcePath`. */
export function besideSource(sourcePath: string, outputName: string): string {
  return path.join(path.dirname(sourcePath), path.basename(outputName));
}

export async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** `report.pdf`, or `report (1).pdf`, `report (2).pdf` … whichever does not exist yet. */
export async function freeName(file: string): Promise<string> {
  if (!(await exists(file))) return file;
  const { dir, name, ext } = path.parse(file);
  for (let n = 1; n < 1000; n++) {
    const candidate = path.join(dir, `${name} (${n})${ext}`);
    if (!(await exists(candidate))) return candidate;
  }
  throw new Error(`no free file name next to ${file}`);
}
