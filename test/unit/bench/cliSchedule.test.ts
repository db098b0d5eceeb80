import assert from 'node:assert/strict';
import { cliCheckOffsets, cliWaitMs } from '../../../bench/cliSchedule';

describe('bench: the CLI schedule', () => {
  it('checks at once, after 10 s twice, then every 15 s', () => {
    assert.deepEqual(cliCheckOffsets(80_000), [0, 10_000, 20_000, 35_000, 50_000, 65_000, 80_000]);
    assert.equal(cliWaitMs(1), 10_000);
    assert.equal(cliWaitMs(3), 15_000);
  });
});
