import * as assert from 'node:assert/strict';
import { VertopalClient } from '../../../src/vertopal/client';
import { VertopalError } from '../../../src/vertopal/errors';
import { isLoopbackHost, parseBaseUrl } from '../../../src/vertopal/origin';

function insecure(url: string): void {
  assert.throws(
    () => new VertopalClient({ baseUrl: url, userAgent: 'test' }),
    (err: unknown) => err instanceof VertopalError && err.kind === 'insecure',
    url,
  );
}

describe('base URL validation', () => {
  it('accepts https anywhere and keeps a path prefix without its trailing slash', () => {
    assert.deepEqual(parseBaseUrl('https://api.vertopal.com'), {
      origin: 'https://api.vertopal.com',
      basePath: '',
    });
    assert.deepEqual(parseBaseUrl('https://example.org:8443/proxy/'), {
      origin: 'https://example.org:8443',
      basePath: '/proxy',
    });
  });

  it('accepts plain http only for loopback addresses', () => {
    for (const url of [
      'http://127.0.0.1:8787',
      'http://127.9.8.7',
      'http://localhost:1',
      'http://[::1]:9',
    ]) {
      assert.doesNotThrow(() => parseBaseUrl(url), url);
    }
    for (const url of [
      'http://api.vertopal.com',
      'http://10.0.0.1',
      'http://128.0.0.1',
      'http://[::2]',
    ]) {
      insecure(url);
    }
  });

  it('refuses URLs with a user name or password, other schemes, queries and non-URLs', () => {
    insecure('https://user:pass@api.vertopal.com');
    insecure('https://user@api.vertopal.com');
    insecure('http://user:pw@127.0.0.1:8787');
    insecure('ftp://api.vertopal.com');
    insecure('https://api.vertopal.com/?token=x');
    insecure('not a url');
    insecure('');
  });

  it('recognises loopback hosts precisely', () => {
    assert.equal(isLoopbackHost('127.0.0.1'), true);
    assert.equal(isLoopbackHost('LOCALHOST'), true);
    assert.equal(isLoopbackHost('[::1]'), true);
    assert.equal(isLoopbackHost('127.0.0.256'), false);
    assert.equal(isLoopbackHost('127.0.0.1.evil.com'), false);
    assert.equal(isLoopbackHost('localhost.evil.com'), false);
  });
});
