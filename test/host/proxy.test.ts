import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Harness } from './support/harness';
import { harness, resetAll, untilLogged, untilState } from './support/harness';
import { startForwardProxy, type ForwardProxy } from './support/forwardProxy';

// VS Code's proxy settings and the usual environment variables, against a real proxy on
// loopback that records what passed through it.
describe('proxy', () => {
  let h: Harness;
  let proxy: ForwardProxy;
  const http = () => vscode.workspace.getConfiguration('http');
  const setHttp = (key: string, value: unknown) =>
    http().update(key, value, vscode.ConfigurationTarget.Global);

  before(async () => {
    h = await harness();
    proxy = await startForwardProxy();
  });
  beforeEach(async () => {
    await resetAll(h);
    proxy.requests.length = 0;
  });
  afterEach(async () => {
    delete process.env.HTTP_PROXY;
    delete process.env.NO_PROXY;
    await setHttp('proxy', undefined);
    await setHttp('noProxy', undefined);
    await setHttp('proxySupport', undefined);
  });
  after(() => proxy.close());

  async function checkOnce(): Promise<void> {
    const { id } = h.sim.createTask({ durationMs: 0 });
    await h.api.track(id);
    await untilState(h.api, id, 'succeeded');
  }

  const simHost = () => new URL(h.sim.url).host;

  it('sends requests through http.proxy as a tunnel, so no header reaches the proxy', async () => {
    await setHttp('proxy', proxy.url);
    await checkOnce();
    assert.ok(proxy.requests.length >= 1, 'nothing went through the proxy');
    assert.ok(proxy.requests.every((r) => r.kind === 'connect' && r.target === simHost()));
    await untilLogged(new RegExp(`proxy ${proxy.url} \\(from http\\.proxy\\)`));
  });

  it('goes direct for hosts in http.noProxy', async () => {
    await setHttp('proxy', proxy.url);
    await setHttp('noProxy', ['127.0.0.1']);
    await checkOnce();
    assert.equal(proxy.requests.length, 0);
  });

  it('goes direct with http.proxySupport "off"', async () => {
    await setHttp('proxy', proxy.url);
    await setHttp('proxySupport', 'off');
    await checkOnce();
    assert.equal(proxy.requests.length, 0);
  });

  it('follows HTTP_PROXY and NO_PROXY from the environment', async () => {
    process.env.HTTP_PROXY = proxy.url;
    await checkOnce();
    assert.ok(proxy.requests.length >= 1, 'HTTP_PROXY was not used');
    const through = proxy.requests.length;
    process.env.NO_PROXY = '127.0.0.1';
    await checkOnce();
    assert.equal(proxy.requests.length, through, 'NO_PROXY was not honoured');
  });

  it('warns about an unusable http.proxy and goes direct', async () => {
    await setHttp('proxy', 'socks4://user:secret@proxy.invalid:1080');
    await untilLogged(/http\.proxy is not usable \(socks4:\/\/proxy\.invalid:1080\)/);
    await checkOnce();
    assert.equal(proxy.requests.length, 0);
  });
});
