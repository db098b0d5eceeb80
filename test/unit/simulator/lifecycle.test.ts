import * as assert from 'node:assert/strict';
import { simulatedOutput } from '../../simulator/conversion';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/simulator';
import { APP, call, errorCode, TOKEN } from './rawClient';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('simulator: task lifecycle on an injected clock', () => {
  let sim: Simulator;

  async function start(options: SimulatorOptions = {}): Promise<void> {
    sim = await startSimulator({
      credentials: [{ app: APP, token: TOKEN }],
      conversionMs: 4000,
      resultDelayMs: 500,
      downloadTtlMs: 60_000,
      ...options,
    });
    sim.setNow(5_000_000);
  }
  afterEach(async () => {
    await sim.close();
  });

  async function upload(name: string, bytes: Buffer): Promise<string> {
    const reply = await call(sim, 'upload/file', { data: { app: APP }, file: { name, bytes } });
    assert.equal(errorCode(reply), undefined, reply.text);
    const output = (reply.json as Json).result.output;
    assert.equal(output.name, name);
    assert.equal(output.size, bytes.length);
    assert.match(output.expires_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    return output.connector;
  }

  async function convert(connector: string, output = 'pdf'): Promise<Json> {
    const data = {
      app: APP,
      connector,
      mode: 'async',
      include: ['entity', 'result'],
      parameters: { output },
    };
    return (await call(sim, 'convert/file', { data })).json;
  }

  async function monitor(connector: string): Promise<Json> {
    return (await call(sim, 'task/response', { data: { app: APP, connector } })).json;
  }

  it('runs, completes, writes the result, then serves the converted bytes', async () => {
    await start();
    const input = Buffer.from('# Title\nbody\n');
    const converted = await convert(await upload('doc.md', input));
    assert.equal(converted.entity.status, 'running');
    const id: string = converted.entity.id;

    let reply = await monitor(id);
    assert.equal(reply.result.output.entity.status, 'running');
    assert.deepEqual(reply.result.output.result, {});
    assert.equal(reply.result.output.payload.parameters.output, 'pdf');
    assert.equal(reply.entity, undefined, 'data-level include defaults to result only');

    sim.advance(4000);
    reply = await monitor(id);
    assert.equal(reply.result.output.entity.status, 'completed');
    assert.deepEqual(reply.result.output.result, {}, 'completed, result not yet written');

    sim.advance(500);
    reply = await monitor(id);
    assert.equal(reply.result.output.result.output.status, 'successful');
    assert.equal(reply.result.output.entity.vcredits, 1);

    const status = await call(sim, 'convert/status', { data: { app: APP, connector: id } });
    assert.equal((status.json as Json).result.output.status, 'successful');

    const link = (await call(sim, 'download/url', { data: { app: APP, connector: id } }))
      .json as Json;
    const download: Json = link.result.output;
    assert.equal(download.name, 'doc.pdf');
    assert.equal(download.url, `${sim.url}/v1/download/url/get`);
    const bytes = await call(sim, 'download/url/get', {
      data: { app: APP, connector: download.connector },
    });
    assert.equal(bytes.headers['content-type'], 'application/octet-stream');
    assert.equal(bytes.text, simulatedOutput(input, 'pdf').toString());

    sim.advance(60_000);
    const expired = await call(sim, 'download/url/get', {
      data: { app: APP, connector: download.connector },
    });
    assert.equal(errorCode(expired), 'DOWNLOAD_EXPIRED');
  });

  it('fails conversions whose input name says so, with FAILED_CONVERT in the result', async () => {
    await start();
    const id = (await convert(await upload('please-fail.md', Buffer.from('x')))).entity.id;
    sim.advance(4500);
    const reply = await monitor(id);
    assert.equal(reply.result.output.result.output.status, 'failed');
    assert.equal(reply.result.output.result.error.code, 'FAILED_CONVERT');
    const link = await call(sim, 'download/url', { data: { app: APP, connector: id } });
    assert.equal(errorCode(link), 'FAILED_CONVERT');
  });

  it('honours parameters.include, so asking for the result only hides the entity', async () => {
    await start();
    const task = sim.createTask();
    const data = { app: APP, connector: task.id, parameters: { include: ['result'] } };
    const reply = (await call(sim, 'task/response', { data })).json as Json;
    assert.equal(reply.result.output.entity, undefined);
    assert.ok(reply.result.output.result);
  });

  it('decides outcomes from the seed, the same way every time', async () => {
    const outcomes: string[][] = [];
    for (let run = 0; run < 2; run++) {
      await start({ seed: 42, failureRate: 0.5, conversionMs: 0, resultDelayMs: 0 });
      const upload1 = await upload('a.md', Buffer.from('a'));
      const seen: string[] = [];
      for (let i = 0; i < 12; i++) {
        const id = (await convert(upload1)).entity.id;
        seen.push((await monitor(id)).result.output.result.output.status);
      }
      outcomes.push(seen);
      await sim.close();
    }
    assert.deepEqual(outcomes[0], outcomes[1]);
    assert.ok(outcomes[0].includes('failed') && outcomes[0].includes('successful'));
    await start();
  });

  it('applies a custom outcome rule', async () => {
    await start({ outcomeRule: ({ output }) => (output === 'html' ? 'failed' : 'successful') });
    const up = await upload('a.md', Buffer.from('a'));
    const html = (await convert(up, 'html')).entity.id;
    const pdf = (await convert(up, 'pdf')).entity.id;
    sim.advance(4500);
    assert.equal((await monitor(html)).result.output.result.output.status, 'failed');
    assert.equal((await monitor(pdf)).result.output.result.output.status, 'successful');
  });

  it('rejects bad uploads and conversions with HTTP 200 error bodies', async () => {
    await start({ maxUploadBytes: 10 });
    const cases: Array<[string, string, Buffer]> = [
      ['EMPTY_FILE', 'a.md', Buffer.alloc(0)],
      ['LIMIT_UPLOAD_SIZE', 'a.md', Buffer.alloc(11, 'a')],
      ['NOT_VALID_EXTENSION', 'a.exe', Buffer.from('a')],
    ];
    for (const [code, name, bytes] of cases) {
      const reply = await call(sim, 'upload/file', { data: { app: APP }, file: { name, bytes } });
      assert.equal(reply.status, 200);
      assert.equal(errorCode(reply), code);
    }
    const up = await upload('a.png', Buffer.from('png'));
    assert.equal(
      errorCode(
        await call(sim, 'convert/file', {
          data: { app: APP, connector: up, parameters: { output: 'pdf' } },
        }),
      ),
      'NO_CONVERTER_INPUT_TO_OUTPUT',
    );
    assert.equal(
      errorCode(
        await call(sim, 'convert/file', {
          data: { app: APP, connector: 'nope', parameters: { output: 'pdf' } },
        }),
      ),
      'NO_CONNECTOR_DEPENDENT_TASK',
    );
  });

  it('answers convert/formats from its fixed table', async () => {
    await start();
    const reply = await call(sim, 'convert/formats', {
      data: { app: APP, parameters: { sublist: 'outputs', format: 'png' } },
    });
    const names = ((reply.json as Json).result.output.formats as Json[]).map((f) => f.name);
    assert.deepEqual(names, ['jpg', 'webp']);
  });
});
