// Two VS Code windows each run a TaskStore over the same globalState key. These tests stand for
// them with two stores over one MemoryPersistence.

import assert from 'node:assert/strict';
import { MemoryPersistence } from '../../../src/tasks/persistence';
import { TaskStore } from '../../../src/tasks/taskStore';
import { storeWith } from './storeHarness';

const NOW = 2_000_000;

function windowOver(persistence: MemoryPersistence) {
  return storeWith(persistence, NOW);
}

/** Two loaded windows sharing storage that already holds `connectors`. */
async function twoWindows(...connectors: string[]) {
  const persistence = new MemoryPersistence();
  const a = windowOver(persistence);
  for (const connector of connectors) a.store.add(connector);
  await a.store.flush();
  const b = windowOver(persistence);
  await b.store.load();
  a.events.length = 0;
  b.events.length = 0;
  return { persistence, a, b };
}

function storedConnectors(persistence: MemoryPersistence): string[] {
  const stored = persistence.read() as { tasks: { connector: string }[] };
  return stored.tasks.map((task) => task.connector);
}

function storedTask(persistence: MemoryPersistence, connector: string) {
  const stored = persistence.read() as { tasks: { connector: string; announcedAt?: number }[] };
  return stored.tasks.find((task) => task.connector === connector);
}

describe('TaskStore across windows', () => {
  it('keeps a removal when another window later saves an update to that task', async () => {
    const { persistence, a, b } = await twoWindows('x', 'y');
    a.store.remove(['x']);
    await a.store.flush();

    b.store.update('x', (t) => ({ ...t, lastCheckedAt: 5 }));
    b.store.update('y', (t) => ({ ...t, lastCheckedAt: 5 }));
    await b.store.flush();

    assert.deepEqual(storedConnectors(persistence), ['y']);
    assert.equal(storedTask(persistence, 'y')?.connector, 'y');
    assert.deepEqual(
      b.store.all().map((t) => t.connector),
      ['y'],
      'B dropped the task A removed',
    );
    assert.deepEqual(b.events, ['updated:x', 'updated:y', 'removed:x']);
  });

  it('keeps the tasks both windows added', async () => {
    const { persistence, a, b } = await twoWindows('old');
    a.store.add('from-a');
    b.store.add('from-b');
    await Promise.all([a.store.flush(), b.store.flush()]);
    a.store.add('later-a');
    await a.store.flush();
    assert.deepEqual(storedConnectors(persistence), ['old', 'from-a', 'from-b', 'later-a']);
  });

  it("takes in another window's adds, updates and removals, with minimal events", async () => {
    const { persistence, a, b } = await twoWindows('kept', 'changed', 'gone');
    a.store.add('new');
    a.store.update('changed', (t) => ({ ...t, state: 'failed' }));
    a.store.remove(['gone']);
    await a.store.flush();
    const writes = persistence.writes;

    await b.store.syncFromStorage();
    assert.deepEqual(b.events, ['removed:gone', 'updated:changed', 'added:new']);
    assert.deepEqual(b.store.all(), a.store.all());
    assert.equal(persistence.writes, writes, 'syncing never writes');

    b.events.length = 0;
    await b.store.syncFromStorage();
    assert.deepEqual(b.events, [], 'nothing new, nothing fired');
  });

  it('lets only the first window claim an announcement', async () => {
    const { persistence, a, b } = await twoWindows('done');
    for (const { store } of [a, b]) store.update('done', (t) => ({ ...t, state: 'succeeded' }));

    assert.equal(await a.store.claimAnnouncement('done'), true);
    assert.equal(await b.store.claimAnnouncement('done'), false);
    assert.equal(await a.store.claimAnnouncement('done'), true, 'the winner may ask again');
    assert.equal(await b.store.claimAnnouncement('done'), false);
    assert.equal(storedTask(persistence, 'done')?.announcedAt, NOW);
  });

  it('settles claims made at the same moment by whichever is written first', async () => {
    const { persistence, a, b } = await twoWindows('done');
    const claims = await Promise.all([
      a.store.claimAnnouncement('done'),
      b.store.claimAnnouncement('done'),
    ]);
    assert.deepEqual(claims, [true, false]);
    assert.equal(b.store.get('done')?.announcedAt, NOW, 'B took the stored claim');
    assert.equal(storedTask(persistence, 'done')?.announcedAt, NOW);
  });

  it("does not erase another window's claim when saving the same task", async () => {
    const { persistence, a, b } = await twoWindows('done');
    a.store.update('done', (t) => ({ ...t, state: 'succeeded' }));
    assert.equal(await a.store.claimAnnouncement('done'), true);

    // B has not seen the claim and saves its own (unclaimed) copy of the task.
    b.store.update('done', (t) => ({ ...t, state: 'succeeded', lastCheckedAt: 9 }));
    await b.store.flush();
    assert.equal(storedTask(persistence, 'done')?.announcedAt, NOW);
    assert.equal(b.store.get('done')?.announcedAt, NOW, 'B learned of the claim');
    assert.equal(await b.store.claimAnnouncement('done'), false);
  });

  it('answers every claim made at once in the winning window, with one write', async () => {
    const { persistence, a } = await twoWindows('done');
    a.store.update('done', (t) => ({ ...t, state: 'succeeded' }));
    await a.store.flush();
    const writes = persistence.writes;
    const claims = await Promise.all([
      a.store.claimAnnouncement('done'),
      a.store.claimAnnouncement('done'),
    ]);
    assert.deepEqual(claims, [true, true]);
    assert.equal(persistence.writes, writes + 1);
  });

  it('refuses a claim on an untracked task, and forgets claims on removal', async () => {
    const { a, b } = await twoWindows('done');
    assert.equal(await a.store.claimAnnouncement('unknown'), false);
    assert.equal(await a.store.claimAnnouncement('done'), true);
    a.store.remove(['done']);
    await a.store.flush();
    a.store.add('done');
    await a.store.flush();
    await b.store.syncFromStorage();
    assert.equal(b.store.get('done')?.announcedAt, undefined, 'tracked afresh');
    assert.equal(await b.store.claimAnnouncement('done'), true);
    assert.equal(await a.store.claimAnnouncement('done'), false);
  });

  it('reads and merges into data stored before claims existed', async () => {
    const persistence = new MemoryPersistence({
      version: 1,
      tasks: [{ connector: 'v1', addedAt: 1, state: 'succeeded', completedAt: 2 }],
    });
    const a = windowOver(persistence);
    await a.store.load();
    assert.deepEqual(a.store.get('v1'), {
      connector: 'v1',
      addedAt: 1,
      state: 'succeeded',
      completedAt: 2,
    });
    assert.deepEqual(a.warnings, []);

    const legacy = new MemoryPersistence(['first', { connector: 'second', addedAt: 1 }]);
    const b = windowOver(legacy);
    await b.store.load();
    b.store.add('third');
    await b.store.flush();
    const saved = legacy.read() as { version: number };
    assert.equal(saved.version, 1);
    assert.deepEqual(storedConnectors(legacy), ['first', 'second', 'third']);
  });

  it('keeps its own list when storage never holds anything', async () => {
    const forgetful = { read: () => undefined, write: async () => {} };
    const alone = new TaskStore(forgetful, undefined, () => NOW);
    alone.add('x');
    await alone.flush();
    alone.update('x', (t) => ({ ...t, lastCheckedAt: 5 }));
    await alone.flush();
    assert.equal(alone.get('x')?.lastCheckedAt, 5, 'not taken for a removal elsewhere');
    assert.equal(await alone.claimAnnouncement('x'), true);
    await alone.syncFromStorage();
    assert.deepEqual(
      alone.all().map((t) => t.connector),
      ['x'],
      'nothing stored is nothing to take in',
    );
  });

  it('syncs without undoing a change of its own that could not be saved', async () => {
    const persistence = new MemoryPersistence();
    const a = windowOver(persistence);
    a.store.add('x');
    await a.store.flush();
    const write = persistence.write.bind(persistence);
    persistence.write = async () => {
      throw new Error('disk full');
    };
    a.store.update('x', (t) => ({ ...t, state: 'failed' }));
    await a.store.flush();
    assert.match(a.warnings[0], /disk full/);

    await a.store.syncFromStorage();
    assert.equal(a.store.get('x')?.state, 'failed');

    persistence.write = write;
    a.store.add('y');
    await a.store.flush();
    const b = windowOver(persistence);
    await b.store.load();
    assert.equal(b.store.get('x')?.state, 'failed', 'saved with the next change');
  });
});
