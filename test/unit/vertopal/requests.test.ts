import * as assert from 'node:assert/strict';
import { Agent } from 'undici';
import { CREDS, startHarness, TOKEN, type Harness } from './harness';

describe('what the client sends', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('POSTs multipart with a JSON data field, the bearer token and a User-Agent', async () => {
    const task = h.sim.createTask();
    await h.client.taskResponse(CREDS, task.id);
    const [req] = h.sim.requests;
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/v1/task/response');
    assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(req.headers['user-agent'], 'VertopalTaskMonitor/0.1.0 (test)');
    assert.match(req.headers['content-type'] ?? '', /^multipart\/form-data; boundary=/);
    assert.deepEqual(req.fields, ['data']);
    assert.equal(typeof req.dataText, 'string');
    const data = JSON.parse(req.dataText ?? '') as Record<string, unknown>;
    assert.equal(data.app, CREDS.app);
    assert.equal(data.connector, task.id);
  });

  it('reuses one keep-alive connection for many sequential calls', async () => {
    const task = h.sim.createTask();
    for (let i = 0; i < 15; i++) await h.client.taskResponse(CREDS, task.id);
    await h.client.convertFormats(CREDS, { sublist: 'inputs' });
    await h.client.convertStatus(CREDS, task.id);
    assert.equal(h.sim.connectionCount, 1);
    assert.deepEqual(new Set(h.sim.requests.map((r) => r.connectionId)), new Set([1]));
  });

  it('keeps reusing the connection after a failed call', async () => {
    const task = h.sim.createTask();
    await h.client.taskResponse(CREDS, task.id);
    await assert.rejects(h.client.taskResponse(CREDS, 'unknown'));
    h.sim.faults.add({ fault: 'status', httpStatus: 503, times: 1 });
    await assert.rejects(h.client.taskResponse(CREDS, task.id));
    await h.client.taskResponse(CREDS, task.id);
    assert.equal(h.sim.connectionCount, 1);
  });

  it('sends through an injected dispatcher and leaves it open on dispose', async () => {
    const agent = new Agent({ connections: 1 });
    try {
      const client = h.makeClient({ dispatcher: agent });
      const task = h.sim.createTask();
      await client.taskResponse(CREDS, task.id);
      await client.dispose();
      const again = h.makeClient({ dispatcher: agent });
      await again.taskResponse(CREDS, task.id);
      assert.equal(h.sim.requests.length, 2);
    } finally {
      await agent.close();
    }
  });

  it('lists formats for a sublist and a format', async () => {
    const outputs = await h.client.convertFormats(CREDS, { sublist: 'outputs', format: 'md' });
    assert.deepEqual(outputs.value, ['pdf', 'html', 'docx', 'txt']);
    const inputs = await h.client.convertFormats(CREDS, { sublist: 'inputs', format: 'webp' });
    assert.deepEqual(inputs.value, ['png', 'jpg']);
    const data = h.sim.requests[0].data as Record<string, unknown>;
    assert.deepEqual(data.parameters, { sublist: 'outputs', format: 'md' });
  });

  it('sends to a base path prefix when the base URL has one', async () => {
    const client = h.makeClient({ baseUrl: `${h.sim.url}/prefix/` });
    await assert.rejects(client.convertFormats(CREDS, { sublist: 'inputs' }));
    assert.equal(h.sim.requests[0].url, '/prefix/v1/convert/formats');
  });
});
