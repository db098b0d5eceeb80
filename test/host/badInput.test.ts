import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MonitorResult } from '../../src/commands/monitorCommand';
import { Commands, Settings } from '../../src/ids';
import { SETTING_DEFAULTS, readSettings } from '../../src/settings';
import { DEFAULT_CREDENTIAL } from '../simulator/simulator';
import type { Harness } from './support/harness';
import { configure, harness, resetAll, untilState } from './support/harness';
import { recordMessages, type MessageRecorder } from './support/messages';

// What a person can type or configure wrongly: each gets a clear message or a safe clamp.
describe('bad input', () => {
  let h: Harness;
  let messages: MessageRecorder;

  before(async () => {
    h = await harness();
  });
  beforeEach(async () => {
    await resetAll(h);
    messages = recordMessages(); // per test, so each test sees only its own messages
  });
  afterEach(() => messages.dispose());
  after(async () => {
    await configure(Settings.baseUrl, h.sim.url);
    for (const key of ['minIntervalSeconds', 'maxIntervalSeconds', 'timeoutMinutes'] as const) {
      await configure(Settings[key], undefined);
    }
    await configure(Settings.minIntervalSeconds, 1);
    await configure(Settings.maxIntervalSeconds, 5);
    await configure(Settings.unfocusedSlowdown, undefined);
    await resetAll(h);
  });

  const connectors: Array<[string, string, RegExp]> = [
    ['empty', '', /Enter a connector/],
    ['only spaces', '   \t ', /Enter a connector/],
    ['not an id', 'my conversion', /No connector found/],
    ['10 KB of text', 'lorem ipsum '.repeat(900), /No connector found/],
    ['control characters only', '\u0000\u001b[2J\u0007', /No connector found/],
  ];
  for (const [what, text, problem] of connectors) {
    it(`refuses a connector that is ${what}, with a message`, async () => {
      const result = await vscode.commands.executeCommand<MonitorResult | undefined>(
        Commands.monitorTask,
        { connector: text },
      );
      assert.equal(result, undefined);
      const shown = await messages.until(problem);
      assert.equal(shown.level, 'error');
      assert.match(shown.text, /^Cannot monitor that task: /);
      await assert.rejects(h.api.track(text), problem);
      assert.deepEqual(h.api.getTasks(), []);
    });
  }

  it('finds the id in a paste wrapped in control characters, and tracks only the id', async () => {
    const { id } = h.sim.createTask({ durationMs: 0 });
    await h.api.track(`\u001b[31m${id}\u001b[0m\r\n`);
    assert.deepEqual(
      h.api.getTasks().map((t) => t.connector),
      [id],
    );
    await untilState(h.api, id, 'succeeded');
  });

  it('trims spaces and a newline around a pasted token, and works', async () => {
    await vscode.commands.executeCommand(Commands.setCredentials, {
      app: ` ${DEFAULT_CREDENTIAL.app} `,
      token: `${DEFAULT_CREDENTIAL.token}\n`,
    });
    const { id } = h.sim.createTask({ durationMs: 0 });
    await h.api.track(id);
    await untilState(h.api, id, 'succeeded');
  });

  const credentials: Array<[string, { app: string; token: string }, RegExp]> = [
    ['a newline inside the token', { app: 'a', token: 'test\ntoken' }, /cannot contain spaces/],
    ['a space inside the App ID', { app: 'test app', token: 't' }, /cannot contain spaces/],
    ['an empty token', { app: 'a', token: '  ' }, /Enter the token/],
    ['a control character', { app: 'a', token: 'tok\u0007en' }, /Control characters/],
  ];
  for (const [what, given, problem] of credentials) {
    it(`does not save credentials with ${what}, and says why`, async () => {
      const saved = await vscode.commands.executeCommand(Commands.setCredentials, given);
      assert.equal(saved, false);
      const shown = await messages.until(problem);
      assert.match(shown.text, /^Credentials not saved: /);
      // The previous credentials are still the ones in use.
      const { id } = h.sim.createTask({ durationMs: 0 });
      await h.api.track(id);
      await untilState(h.api, id, 'succeeded');
    });
  }

  it('clamps intervals of 0, negative and huge into their ranges', async () => {
    await configure(Settings.minIntervalSeconds, 0);
    await configure(Settings.maxIntervalSeconds, -5);
    await configure(Settings.timeoutMinutes, 1e12);
    await configure(Settings.unfocusedSlowdown, -1);
    assert.deepEqual(
      (({ minIntervalSeconds, maxIntervalSeconds, timeoutMinutes, unfocusedSlowdown }) => ({
        minIntervalSeconds,
        maxIntervalSeconds,
        timeoutMinutes,
        unfocusedSlowdown,
      }))(readSettings()),
      { minIntervalSeconds: 1, maxIntervalSeconds: 5, timeoutMinutes: 10080, unfocusedSlowdown: 1 },
    );
    await configure(Settings.minIntervalSeconds, 'often');
    assert.equal(
      readSettings().minIntervalSeconds,
      SETTING_DEFAULTS.minIntervalSeconds,
      'a mistyped value falls back to the default',
    );
    // And polling with the clamped values is not a hammering loop: one task, at most one
    // check per second.
    await configure(Settings.minIntervalSeconds, 0);
    const { id } = h.sim.createTask({ durationMs: 60_000 });
    await h.api.track(id);
    await untilState(h.api, id, 'running');
    await h.sim.nextRequest();
    const first = Date.now();
    await h.sim.nextRequest();
    const gap = Date.now() - first;
    assert.ok(gap >= 900, `two checks ${gap} ms apart: the 1 s floor did not hold`);
  });

  const addresses: Array<[string, string, RegExp]> = [
    ['not a URL', 'api dot vertopal', /not a valid URL/],
    ['with a user name and password', 'https://me:pw@api.vertopal.com', /user name or password/],
    ['plain http to another machine', 'http://10.1.2.3', /must use https/],
    ['not http at all', 'ftp://api.vertopal.com', /must be an https URL/],
  ];
  for (const [what, url, problem] of addresses) {
    it(`warns once about an API address ${what}, shows it on the task, and recovers`, async () => {
      const { id } = h.sim.createTask({ durationMs: 0 });
      await configure(Settings.baseUrl, url);
      const shown = await messages.until(problem);
      assert.equal(shown.level, 'warning');
      assert.match(shown.text, /vertopal\.api\.baseUrl/);
      const before = h.sim.requests.length;
      await h.api.track(id);
      await untilState(h.api, id, 'unreachable');
      assert.equal(h.sim.requests.length, before, 'a request was sent anyway');
      assert.equal(messages.shown.filter((m) => problem.test(m.text)).length, 1);
      await configure(Settings.baseUrl, h.sim.url);
      await untilState(h.api, id, 'succeeded'); // without a refresh: the fix is noticed
    });
  }
});
