import assert from 'node:assert/strict';
import type { TrackedTask } from '../../../src/tasks/task';
import {
  decodeState,
  encodeState,
  MAX_STORED_RESPONSE_CHARS,
  STORAGE_VERSION,
} from '../../../src/tasks/taskCodec';

const NOW = 50_000;
const full: TrackedTask = {
  connector: 'c1',
  label: 'slides.pptx',
  addedAt: 1_000,
  state: 'succeeded',
  lastCheckedAt: 9_000,
  lastStatus: 'completed',
  outcome: 'successful',
  vcredits: 2,
  completedAt: 9_000,
  lastResponse: { result: { output: { entity: { status: 'completed' } } } },
  trouble: { message: 'was slow', since: 3_000 },
  error: { code: 'X', message: 'x' },
  warning: { code: 'W', message: 'w' },
  source: { kind: 'file', path: '/tmp/slides.pptx' },
  announcedAt: 9_100,
};

describe('task codec', () => {
  it('round-trips every field through JSON', () => {
    const stored = JSON.parse(JSON.stringify(encodeState([full])));
    assert.equal(stored.version, STORAGE_VERSION);
    assert.deepEqual(decodeState(stored, NOW), { tasks: [full], notes: [] });
  });

  it('reads nothing stored as an empty list, silently', () => {
    assert.deepEqual(decodeState(undefined, NOW), { tasks: [], notes: [] });
    assert.deepEqual(decodeState(null, NOW), { tasks: [], notes: [] });
  });

  it('migrates the first, un-versioned format: a plain array', () => {
    const { tasks, notes } = decodeState(
      [{ connector: 'a', addedAt: 5, state: 'running' }, 'b'],
      NOW,
    );
    assert.deepEqual(tasks, [
      { connector: 'a', addedAt: 5, state: 'running' },
      { connector: 'b', addedAt: NOW, state: 'running' },
    ]);
    assert.deepEqual(notes, []);
  });

  for (const garbage of ['{not json', 42, true, { foo: 1 }, { version: 1, tasks: 'x' }]) {
    it(`starts empty, with a note, from ${JSON.stringify(garbage)}`, () => {
      const { tasks, notes } = decodeState(garbage, NOW);
      assert.deepEqual(tasks, []);
      assert.equal(notes.length, 1);
    });
  }

  it('drops entries it cannot use and says why', () => {
    const ok = { connector: 'ok', addedAt: 1, state: 'running' };
    const entries = [null, 7, [], {}, { connector: '' }, { connector: 3 }, ' ', ok];
    const { tasks, notes } = decodeState({ version: 1, tasks: entries }, NOW);
    assert.deepEqual(
      tasks.map((t) => t.connector),
      ['ok'],
    );
    assert.equal(notes.length, 7);
    assert.match(notes[3], /^entry 4: dropped \(no connector\)$/);
  });

  it('repairs wrong types field by field', () => {
    const entry = {
      connector: ' c9 ',
      state: 'exploded',
      addedAt: 'yesterday',
      label: 12,
      vcredits: 'many',
      lastCheckedAt: -5,
      trouble: { message: 5 },
      error: { code: 'E' },
      source: { kind: 'url', path: 'x' },
      outcome: 'successful',
    };
    const { tasks, notes } = decodeState({ version: 1, tasks: [entry] }, NOW);
    assert.deepEqual(tasks, [
      { connector: 'c9', addedAt: NOW, state: 'running', outcome: 'successful' },
    ]);
    assert.equal(notes.length, 1);
    for (const field of ['state', 'addedAt', 'label', 'vcredits', 'trouble', 'error', 'source']) {
      assert.ok(notes[0].includes(field), `${field} named in "${notes[0]}"`);
    }
  });

  it('drops duplicate connectors, keeping the first', () => {
    const { tasks, notes } = decodeState(
      ['a', { connector: 'a', addedAt: 1, state: 'failed' }],
      NOW,
    );
    assert.deepEqual(tasks, [{ connector: 'a', addedAt: NOW, state: 'running' }]);
    assert.match(notes[0], /duplicate/);
  });

  it('reads what it can from an unknown version, with a note', () => {
    const { tasks, notes } = decodeState({ version: 7, tasks: ['a'], extra: true }, NOW);
    assert.deepEqual(
      tasks.map((t) => t.connector),
      ['a'],
    );
    assert.match(notes[0], /version 7/);
  });

  it('stores huge replies only in memory', () => {
    const huge = { ...full, lastResponse: { blob: 'x'.repeat(MAX_STORED_RESPONSE_CHARS) } };
    const [stored] = encodeState([huge, full]).tasks;
    assert.equal(stored.lastResponse, undefined);
    assert.equal(stored.outcome, 'successful');
    assert.deepEqual(encodeState([full]).tasks[0], full);
    assert.ok(huge.lastResponse, 'the task itself is untouched');
  });
});
