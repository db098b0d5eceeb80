import * as assert from 'node:assert/strict';
import {
  DEFAULT_RETRY_AFTER_MS,
  readRateLimit,
  retryDelayMs,
} from '../../../src/vertopal/rateLimit';

const NOW = Date.UTC(2025, 0, 1);

describe('rate-limit headers', () => {
  it('reads remaining and reset seconds', () => {
    assert.deepEqual(readRateLimit({ 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': '30' }), {
      remaining: 7,
      resetMs: 30_000,
    });
  });

  it('leaves absent or unreadable values out', () => {
    assert.deepEqual(readRateLimit({}), {});
    assert.deepEqual(
      readRateLimit({ 'x-ratelimit-remaining': 'lots', 'x-ratelimit-reset': '-3' }),
      {},
    );
  });

  it('reads a reset given as an epoch second as the time left until then', () => {
    const epoch = String(NOW / 1000 + 90);
    assert.equal(readRateLimit({ 'x-ratelimit-reset': epoch }, NOW).resetMs, 90_000);
  });

  it('prefers Retry-After, then the reset header, then a default', () => {
    const both = { 'retry-after': '5', 'x-ratelimit-reset': '40' };
    assert.equal(retryDelayMs(both, undefined, NOW), 5000);
    assert.equal(retryDelayMs({ 'x-ratelimit-reset': '40' }, undefined, NOW), 40_000);
    assert.equal(retryDelayMs({}, undefined, NOW), DEFAULT_RETRY_AFTER_MS);
  });

  it('accepts Retry-After as an HTTP date', () => {
    const date = new Date(NOW + 12_000).toUTCString();
    assert.equal(retryDelayMs({ 'retry-after': date }, undefined, NOW), 12_000);
  });

  it('falls back to the delay named in a FREE_APP_LIMITED message', () => {
    assert.equal(retryDelayMs({}, 'try again in the next 3 hours', NOW), 3 * 3_600_000);
  });
});
