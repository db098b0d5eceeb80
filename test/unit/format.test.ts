import assert from 'node:assert/strict';
import { formatCredits, formatDuration } from '../../src/format';
import { hasControlCharacters, replaceControlCharacters } from '../../src/text';

describe('formatDuration', () => {
  it('grows its unit with the span', () => {
    assert.equal(formatDuration(0), '0 s');
    assert.equal(formatDuration(42_400), '42 s');
    assert.equal(formatDuration(80_000), '1m 20s');
    assert.equal(formatDuration(2 * 3600_000 + 5 * 60_000), '2h 5m');
    assert.equal(formatDuration(76 * 3600_000), '3d 4h');
    assert.equal(formatDuration(-5), '0 s');
  });
});

describe('formatCredits', () => {
  it('is singular for one', () => {
    assert.equal(formatCredits(1), '1 vCredit');
    assert.equal(formatCredits(3), '3 vCredits');
  });
});

describe('control characters', () => {
  it('are found and replaced, runs at a time', () => {
    assert.equal(hasControlCharacters('plain'), false);
    assert.equal(hasControlCharacters('line\nbreak'), true);
    assert.equal(hasControlCharacters('line\nbreak'), true, 'the check has no memory');
    assert.equal(replaceControlCharacters('a\r\n\tb\u007fc'), 'a b c');
    assert.equal(replaceControlCharacters('a\u0000b', '_'), 'a_b');
  });
});
