import * as assert from 'node:assert/strict';
import { findError, findRequestError, findWarning } from '../../../src/vertopal/notices';
import { parseFormats } from '../../../src/vertopal/formats';
import { ShapeError } from '../../../src/vertopal/shape';
import { parseTaskSnapshot } from '../../../src/vertopal/taskSnapshot';

const E = { code: 'SOME_CODE', message: 'text' };

function reply(monitoredResult: unknown, entity: unknown = { id: 'T1', status: 'running' }) {
  return { result: { output: { entity, result: monitoredResult }, error: {}, warning: {} } };
}

describe('task/response parsing', () => {
  it('treats {}, [], null and a missing result as "not written yet"', () => {
    for (const empty of [{}, [], null, undefined, { output: {}, error: {}, warning: {} }]) {
      const snap = parseTaskSnapshot(reply(empty), 'ASKED');
      assert.equal(snap.resultReady, false, JSON.stringify(empty));
      assert.equal(snap.outcome, undefined);
      assert.equal(snap.status, 'running');
      assert.equal(snap.connector, 'T1');
    }
  });

  it('keeps status strings it does not know', () => {
    const snap = parseTaskSnapshot(reply({}, { id: 'T1', status: 'queued-somewhere' }), 'A');
    assert.equal(snap.status, 'queued-somewhere');
  });

  it('falls back to the asked connector when the entity is absent', () => {
    const snap = parseTaskSnapshot({ result: { output: {} } }, 'ASKED');
    assert.equal(snap.connector, 'ASKED');
    assert.equal(snap.status, undefined);
    assert.equal(snap.vcredits, undefined);
  });

  it('reads the outcome, vcredits (also as a numeric string) and ignores extra fields', () => {
    const json = reply(
      { output: { status: 'successful', extra: 1 }, error: {}, warning: {} },
      { id: 'T1', status: 'completed', vcredits: '3', unknown: { deep: true } },
    );
    const snap = parseTaskSnapshot(json, 'A');
    assert.equal(snap.outcome, 'successful');
    assert.equal(snap.vcredits, 3);
    assert.equal(snap.resultReady, true);
    assert.equal(snap.raw, json);
  });

  it('treats a monitored error without output status as a failed outcome', () => {
    const snap = parseTaskSnapshot(
      reply({ error: { code: 'FAILED_CONVERT', message: 'no' } }),
      'A',
    );
    assert.equal(snap.outcome, 'failed');
    assert.deepEqual(snap.error, { code: 'FAILED_CONVERT', message: 'no' });
  });

  it('rejects replies that are not objects or have no result', () => {
    assert.throws(() => parseTaskSnapshot([1, 2], 'A'), ShapeError);
    assert.throws(() => parseTaskSnapshot('text', 'A'), ShapeError);
    assert.throws(() => parseTaskSnapshot({ other: 1 }, 'A'), ShapeError);
  });
});

describe('error and warning places', () => {
  it('finds errors at each of the four places, in the documented order', () => {
    assert.equal(findError({ error: E })?.place, 'top');
    assert.equal(findError(E)?.place, 'bare');
    assert.equal(findError({ result: { error: E } })?.place, 'result');
    assert.equal(findError({ result: { output: { result: { error: E } } } })?.place, 'monitored');
    const both = { error: E, result: { error: { code: 'OTHER', message: '' } } };
    assert.equal(findError(both)?.notice.code, 'SOME_CODE');
  });

  it('ignores empty error objects and those without a code', () => {
    assert.equal(findError({ error: {}, result: { error: [] } }), undefined);
    assert.equal(findError({ error: { message: 'no code' } }), undefined);
  });

  it("does not count the monitored task's error as a request error", () => {
    assert.equal(findRequestError({ result: { output: { result: { error: E } } } }), undefined);
    assert.equal(findRequestError({ result: { error: E } })?.notice.code, 'SOME_CODE');
  });

  it('finds warnings at each place', () => {
    assert.equal(findWarning({ warning: E })?.place, 'top');
    assert.equal(findWarning({ result: { warning: E } })?.place, 'result');
    assert.equal(findWarning({ result: { output: { warning: E } } })?.place, 'result');
    assert.equal(
      findWarning({ result: { output: { result: { warning: E } } } })?.place,
      'monitored',
    );
  });
});

describe('format list parsing', () => {
  const wrap = (output: unknown) => ({ result: { output } });

  it('normalises the shapes a server might use to a list of names', () => {
    assert.deepEqual(parseFormats(wrap(['pdf', 'md'])), ['pdf', 'md']);
    assert.deepEqual(parseFormats(wrap({ formats: [{ name: 'pdf' }, { format: 'md' }] })), [
      'pdf',
      'md',
    ]);
    assert.deepEqual(parseFormats(wrap({ outputs: ['pdf', 'pdf', ' html '] })), ['pdf', 'html']);
    assert.deepEqual(parseFormats(wrap({ pdf: {}, docx: {} })), ['pdf', 'docx']);
  });

  it('rejects a reply without any list', () => {
    assert.throws(() => parseFormats({ result: {} }), ShapeError);
  });
});
