import assert from 'node:assert/strict';
import type { TaskPersistence } from '../../../src/tasks/persistence';
import { MemoryPersistence } from '../../../src/tasks/persistence';
import { MAX_STORED_RESPONSE_CHARS } from '../../../src/tasks/taskCodec';
import { storeWith } from './storeHarness';

const NOW = 1_000_000;

/** Lets the store's deferred write start. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Writes wait until the test releases them, so overlapping writes would be visible. */
class HeldPersistence implements TaskPersistence {
  stored: unknown;
  written: unknown[] = [];
  active = 0;
  maxActive = 0;
  private held: (() => void)[] = [];

  read(): unknown {
    return this.stored;
  }

  write(value: unknown): Promise<void> {
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    return new Promise((resolve) =>
      this.held.push(() => {
        this.stored = value;
        this.written.push(JSON.parse(JSON.stringify(value)));
        this.active--;
        resolve();
      }),
    );
  }

  get waiting(): number {
    return this.held.length;
  }

  release(): void {
    this.held.shift()?.();
  }
}

describe('TaskStore', () => {
  it('adds a task once, in insertion order, with one event', () => {
    const { store, events } = storeWith();
    assert.deepEqual(store.add('b', 'B'), {
      task: { connector: 'b', label: 'B', addedAt: NOW, state: 'running' },
      added: true,
    });
    store.add('a');
    const again = store.add('b', 'other label');
    assert.equal(again.added, false);
    assert.equal(again.task.label, 'B');
    assert.deepEqual(
      store.all().map((t) => t.connector),
      ['b', 'a'],
    );
    assert.deepEqual(events, ['added:b', 'added:a']);
    assert.ok(store.has('a') && !store.has('zzz'));
    assert.throws(() => store.add(''), RangeError);
  });

  it('emits exactly one event per changed task and none for no-op updates', () => {
    const { store, events } = storeWith();
    store.add('a');
    events.length = 0;

    const updated = store.update('a', (t) => ({ ...t, state: 'failed', lastResponse: { x: [1] } }));
    assert.equal(updated?.state, 'failed');
    assert.deepEqual(events, ['updated:a']);

    store.update('a', (t) => t);
    store.update('a', (t) => ({ ...t, lastResponse: { x: [1] } })); // equal, not identical
    store.update('a', (t) => ({ ...t, label: undefined })); // absent either way
    assert.deepEqual(events, ['updated:a']);
    assert.equal(
      store.update('missing', (t) => t),
      undefined,
    );
  });

  it('keeps the connector of an updated task', () => {
    const { store } = storeWith();
    store.add('a');
    store.update('a', (t) => ({ ...t, connector: 'b' }));
    assert.deepEqual(
      store.all().map((t) => t.connector),
      ['a'],
    );
  });

  it('removes tasks, one event each, ignoring unknown and repeated connectors', () => {
    const { store, events } = storeWith();
    store.add('a');
    store.add('b');
    store.add('c');
    events.length = 0;
    const removed = store.remove(['a', 'zzz', 'c', 'a']);
    assert.deepEqual(
      removed.map((t) => t.connector),
      ['a', 'c'],
    );
    assert.deepEqual(events, ['removed:a', 'removed:c']);
    assert.deepEqual(
      store.all().map((t) => t.connector),
      ['b'],
    );
  });

  it('clears only finished tasks', () => {
    const { store } = storeWith();
    for (const c of ['ok', 'bad', 'busy', 'lost']) store.add(c);
    store.update('ok', (t) => ({ ...t, state: 'succeeded' }));
    store.update('bad', (t) => ({ ...t, state: 'failed' }));
    store.update('lost', (t) => ({ ...t, state: 'notFound' }));
    assert.deepEqual(
      store.clearFinished().map((t) => t.connector),
      ['ok', 'bad'],
    );
    assert.deepEqual(
      store.all().map((t) => t.connector),
      ['busy', 'lost'],
    );
  });

  it('persists every change and restores it on load', async () => {
    const persistence = new MemoryPersistence();
    const first = storeWith(persistence).store;
    first.add('a', 'A', { kind: 'file', path: '/tmp/a.md' });
    first.add('b');
    first.update('a', (t) => ({ ...t, state: 'succeeded', lastResponse: { ok: true } }));
    first.remove(['b']);
    await first.flush();

    const second = storeWith(persistence);
    await second.store.load();
    assert.deepEqual(second.store.all(), first.all());
    assert.deepEqual(second.events, ['added:a']);
    assert.deepEqual(second.warnings, []);
  });

  it('does not write for a no-op update', async () => {
    const persistence = new MemoryPersistence();
    const { store } = storeWith(persistence);
    store.add('a');
    await store.flush();
    const writes = persistence.writes;
    store.update('a', (t) => ({ ...t }));
    await store.flush();
    assert.equal(persistence.writes, writes);
  });

  it('serializes writes and writes the latest state last', async () => {
    const persistence = new HeldPersistence();
    const { store } = storeWith(persistence);
    store.add('a');
    await tick();
    assert.equal(persistence.waiting, 1);

    for (const c of ['b', 'c', 'd']) store.add(c);
    await tick();
    assert.equal(persistence.waiting, 1, 'no second write while the first is out');

    persistence.release();
    await tick();
    assert.equal(persistence.waiting, 1, 'the changes made meanwhile are written once');
    persistence.release();
    await store.flush();

    assert.equal(persistence.maxActive, 1);
    assert.equal(persistence.written.length, 2);
    const last = persistence.written[1] as { version: number; tasks: { connector: string }[] };
    assert.equal(last.version, 1);
    assert.deepEqual(
      last.tasks.map((t) => t.connector),
      ['a', 'b', 'c', 'd'],
    );
  });

  it('reports a failed write and keeps writing later changes', async () => {
    let failNext = true;
    const saved: unknown[] = [];
    const persistence: TaskPersistence = {
      read: () => undefined,
      write: async (value) => {
        if (failNext) {
          failNext = false;
          throw new Error('disk full');
        }
        saved.push(value);
      },
    };
    const { store, warnings } = storeWith(persistence);
    store.add('a');
    await store.flush();
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /disk full/);
    store.add('b');
    await store.flush();
    assert.equal(saved.length, 1);
  });

  it('recovers a corrupt state with one summarizing warning, and never throws', async () => {
    const stored = {
      version: 1,
      tasks: [{ connector: 'good', addedAt: 5, state: 'running' }, { state: 'failed' }, 'legacy'],
    };
    const { store, warnings, events } = storeWith(new MemoryPersistence(stored));
    await store.load();
    assert.deepEqual(
      store.all().map((t) => t.connector),
      ['good', 'legacy'],
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /restored 2.*entry 2: dropped \(no connector\)/);
    assert.deepEqual(events, ['added:good', 'added:legacy']);

    const broken = storeWith({
      read: () => {
        throw new Error('storage offline');
      },
      write: async () => {},
    });
    await broken.store.load();
    assert.match(broken.warnings[0], /storage offline/);
    assert.deepEqual(broken.store.all(), []);
  });

  it('writes a migrated plain array back in the versioned format on the next change', async () => {
    const persistence = new MemoryPersistence(['old-1', { connector: 'old-2', addedAt: 1 }]);
    const { store, warnings } = storeWith(persistence);
    await store.load();
    assert.deepEqual(
      store.all().map((t) => t.connector),
      ['old-1', 'old-2'],
    );
    assert.equal(warnings.length, 1, 'the entry without a state was repaired');
    store.add('new');
    await store.flush();
    const saved = persistence.read() as { version: number; tasks: unknown[] };
    assert.equal(saved.version, 1);
    assert.equal(saved.tasks.length, 3);
  });

  it('reloads what another window saved, with events for the differences only', async () => {
    const persistence = new MemoryPersistence();
    const here = storeWith(persistence);
    here.store.add('kept');
    here.store.add('changed');
    here.store.add('gone');
    await here.store.flush();

    const there = storeWith(persistence);
    await there.store.load();
    there.store.update('changed', (t) => ({ ...t, state: 'failed' }));
    there.store.remove(['gone']);
    there.store.add('new');
    await there.store.flush();

    here.events.length = 0;
    await here.store.reloadFromStorage();
    assert.deepEqual(here.events, ['removed:gone', 'updated:changed', 'added:new']);
    assert.deepEqual(here.store.all(), there.store.all());
  });

  it('lets its own pending write land before reloading', async () => {
    const persistence = new HeldPersistence();
    const { store } = storeWith(persistence);
    store.add('a');
    await tick();
    const reloaded = store.reloadFromStorage();
    persistence.release();
    await reloaded;
    assert.deepEqual(
      store.all().map((t) => t.connector),
      ['a'],
    );
  });

  it('keeps a reply too large to store in memory across a reload', async () => {
    const persistence = new MemoryPersistence();
    const { store, events } = storeWith(persistence);
    const huge = { blob: 'x'.repeat(MAX_STORED_RESPONSE_CHARS + 1) };
    store.add('a');
    store.update('a', (t) => ({ ...t, lastCheckedAt: 7, lastResponse: huge }));
    await store.flush();
    assert.equal(
      (persistence.read() as { tasks: { lastResponse?: unknown }[] }).tasks[0].lastResponse,
      undefined,
    );

    events.length = 0;
    await store.reloadFromStorage();
    assert.equal(store.get('a')?.lastResponse, huge);
    assert.deepEqual(events, []);
  });

  it('survives a throwing listener and stops calling disposed ones', () => {
    const { store, events, warnings } = storeWith();
    store.onDidChange(() => {
      throw new Error('listener bug');
    });
    let late = 0;
    const subscription = store.onDidChange(() => late++);
    store.add('a');
    assert.deepEqual(events, ['added:a']);
    assert.match(warnings[0], /listener bug/);
    subscription.dispose();
    store.add('b');
    assert.equal(late, 1);
  });
});
