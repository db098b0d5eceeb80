import * as assert from 'node:assert/strict';
import { rootCertificates } from 'node:tls';
import {
  DEFAULT_PROXY_SETTINGS,
  createDispatcher,
  proxyUrl,
  resolveProxy,
  trustedCertificates,
  withoutCredentials,
  type ProxySettings,
} from '../../../src/network/dispatcher';
import { VertopalClient } from '../../../src/vertopal/client';
import { startSimulator, type Simulator } from '../../simulator/simulator';
import { startForwardProxy, type ForwardProxy } from '../../host/support/forwardProxy';

const settings = (overrides: Partial<ProxySettings> = {}): ProxySettings => ({
  ...DEFAULT_PROXY_SETTINGS,
  ...overrides,
});
const CREDS = { app: 'test-app', token: 'test-token' };

describe('proxy resolution', () => {
  it('uses no proxy when neither the settings nor the environment name one', () => {
    assert.deepEqual(resolveProxy(settings(), {}), { noProxy: '', source: 'none' });
  });

  it('lets http.proxy win over the environment, for http and https alike', () => {
    const resolved = resolveProxy(settings({ proxy: 'http://corp:3128' }), {
      HTTPS_PROXY: 'http://env:8080',
    });
    assert.equal(resolved.source, 'http.proxy');
    assert.equal(resolved.httpProxy, 'http://corp:3128/');
    assert.equal(resolved.httpsProxy, 'http://corp:3128/');
  });

  it('reads the environment, lower-case names first, https falling back to http', () => {
    const both = resolveProxy(settings(), {
      https_proxy: 'http://lower:1',
      HTTPS_PROXY: 'http://upper:2',
      HTTP_PROXY: 'http://plain:3',
    });
    assert.equal(both.httpsProxy, 'http://lower:1/');
    assert.equal(both.httpProxy, 'http://plain:3/');
    const onlyHttp = resolveProxy(settings(), { HTTP_PROXY: 'http://plain:3' });
    assert.equal(onlyHttp.httpsProxy, 'http://plain:3/');
  });

  it('joins http.noProxy with NO_PROXY', () => {
    const resolved = resolveProxy(settings({ noProxy: ['localhost', ' .corp '] }), {
      NO_PROXY: '10.0.0.1, example.org',
      HTTP_PROXY: 'http://p:1',
    });
    assert.equal(resolved.noProxy, 'localhost,.corp,10.0.0.1,example.org');
  });

  it('turns every proxy off with http.proxySupport "off"', () => {
    const resolved = resolveProxy(settings({ proxy: 'http://corp:3128', support: 'off' }), {
      HTTPS_PROXY: 'http://env:8080',
    });
    assert.equal(resolved.httpProxy, undefined);
    assert.equal(resolved.httpsProxy, undefined);
  });

  it('goes direct and says why when http.proxy is not usable, without echoing a password', () => {
    const resolved = resolveProxy(settings({ proxy: 'ftp://user:hunter2@corp:21' }), {});
    assert.equal(resolved.httpProxy, undefined);
    assert.match(resolved.problem ?? '', /http\.proxy is not usable/);
    assert.ok(!resolved.problem?.includes('hunter2'));
  });

  it('accepts host:port without a scheme as an http proxy', () => {
    assert.equal(proxyUrl('corp.example:3128'), 'http://corp.example:3128/');
    assert.equal(proxyUrl('   '), undefined);
    assert.equal(proxyUrl('socks5://corp:1080'), undefined);
  });

  it('masks proxy credentials in what it shows', () => {
    assert.equal(withoutCredentials('http://me:secret@corp:3128'), 'http://corp:3128');
    assert.equal(withoutCredentials('%%%'), '(not a URL)');
  });
});

describe('trusted certificates', () => {
  const pem = (name: string) => `-----BEGIN CERTIFICATE-----\n${name}\n-----END CERTIFICATE-----\n`;

  it("adds the system's bundle and NODE_EXTRA_CA_CERTS to Node's own roots", () => {
    const files: Record<string, string> = { '/sys.crt': pem('sys'), '/extra.crt': pem('extra') };
    const ca = trustedCertificates({ NODE_EXTRA_CA_CERTS: '/extra.crt' }, (f) => files[f], [
      '/missing.crt',
      '/sys.crt',
    ]);
    assert.equal(ca.length, rootCertificates.length + 2);
    assert.ok(ca.includes(pem('sys')));
    assert.ok(ca.includes(pem('extra')));
  });

  it('prefers SSL_CERT_FILE and ignores files that hold no certificate', () => {
    const files: Record<string, string> = { '/chosen.pem': pem('chosen'), '/sys.crt': 'junk' };
    const ca = trustedCertificates({ SSL_CERT_FILE: '/chosen.pem' }, (f) => files[f], ['/sys.crt']);
    assert.deepEqual(ca.slice(rootCertificates.length), [pem('chosen')]);
  });
});

describe('the dispatcher on the wire', () => {
  let sim: Simulator;
  let proxy: ForwardProxy;
  const closing: Array<() => Promise<unknown>> = [];

  before(async () => {
    sim = await startSimulator();
    proxy = await startForwardProxy();
  });
  afterEach(async () => {
    for (const close of closing.splice(0)) await close();
    proxy.requests.length = 0;
    sim.reset();
  });
  after(async () => {
    await proxy.close();
    await sim.close();
  });

  /** One real task/response through a client using the built dispatcher. */
  async function ask(proxySettings: ProxySettings, env: Record<string, string>) {
    const built = createDispatcher(proxySettings, env, { ca: [] });
    closing.push(() => built.dispatcher.close());
    const client = new VertopalClient({
      baseUrl: sim.url,
      userAgent: 'test',
      dispatcher: built.dispatcher,
    });
    const { id } = sim.createTask({ durationMs: 0 });
    const reply = await client.taskResponse(CREDS, id);
    assert.equal(reply.value.connector, id);
    return built;
  }

  it('goes direct without a proxy', async () => {
    const built = await ask(settings(), {});
    assert.equal(proxy.requests.length, 0);
    assert.match(built.description, /direct/);
  });

  it('sends requests through http.proxy', async () => {
    const built = await ask(settings({ proxy: proxy.url }), {});
    // A tunnel even for http targets: the Authorization header is not among the proxy's own.
    assert.deepEqual(
      proxy.requests.map((r) => [r.kind, r.target]),
      [['connect', new URL(sim.url).host]],
    );
    assert.match(built.description, /from http\.proxy/);
  });

  it('sends requests through HTTP_PROXY from the environment given', async () => {
    await ask(settings(), { HTTP_PROXY: proxy.url });
    assert.equal(proxy.requests.length, 1);
  });

  it('bypasses the proxy for hosts in http.noProxy or NO_PROXY', async () => {
    await ask(settings({ proxy: proxy.url, noProxy: ['127.0.0.1'] }), {});
    await ask(settings(), { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    assert.equal(proxy.requests.length, 0);
  });

  it('sends proxy credentials to the proxy but never shows them', async () => {
    const withUser = proxy.url.replace('http://', 'http://me:pa55@');
    const built = await ask(settings({ proxy: withUser }), {});
    assert.equal(
      proxy.requests[0].proxyAuthorization,
      `Basic ${Buffer.from('me:pa55').toString('base64')}`,
    );
    assert.ok(!built.description.includes('pa55'), built.description);
  });

  it('keeps connections alive: consecutive requests share one', async () => {
    const before = sim.connectionCount;
    const built = createDispatcher(settings(), {}, { ca: [] });
    closing.push(() => built.dispatcher.close());
    const client = new VertopalClient({
      baseUrl: sim.url,
      userAgent: 't',
      dispatcher: built.dispatcher,
    });
    for (let i = 0; i < 3; i++) {
      await client.taskResponse(CREDS, sim.createTask({ durationMs: 0 }).id);
    }
    assert.equal(sim.connectionCount - before, 1);
  });
});
