import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { besideSource, freeName } from '../../../src/conversion/downloadTarget';

describe('download targets', () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vertopal-target-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('puts the output beside its source, ignoring any folder in the server-given name', () => {
    const source = path.join(folder, 'notes.md');
    assert.equal(besideSource(source, 'notes.pdf'), path.join(folder, 'notes.pdf'));
    assert.equal(besideSource(source, '../../etc/passwd'), path.join(folder, 'passwd'));
  });

  it('keeps a free name as it is and numbers a taken one', async () => {
    const target = path.join(folder, 'report.pdf');
    assert.equal(await freeName(target), target);
    fs.writeFileSync(target, 'a');
    assert.equal(await freeName(target), path.join(folder, 'report (1).pdf'));
    fs.writeFileSync(path.join(folder, 'report (1).pdf'), 'b');
    assert.equal(await freeName(target), path.join(folder, 'report (2).pdf'));
  });
});
