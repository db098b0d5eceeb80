import assert from 'node:assert/strict';
import type { TrackedTask } from '../../../src/tasks/task';
import { RowRefreshFilter } from '../../../src/views/rowInputs';

const running: TrackedTask = { connector: 'c1', addedAt: 0, state: 'running' };

describe('RowRefreshFilter', () => {
  it('ignores checks that change nothing a row shows', () => {
    const filter = new RowRefreshFilter();
    filter.drew(running);
    const checked = { ...running, lastCheckedAt: 5, lastResponse: { any: 'thing' } };
    assert.equal(filter.refreshFor({ kind: 'updated', task: checked }), undefined);
  });

  it('redraws a row whose state, credits or trouble changed, once', () => {
    const filter = new RowRefreshFilter();
    filter.drew(running);
    const done: TrackedTask = { ...running, state: 'succeeded', completedAt: 9, vcredits: 2 };
    assert.deepEqual(filter.refreshFor({ kind: 'updated', task: done }), { rows: ['c1'] });
    assert.equal(
      filter.refreshFor({ kind: 'updated', task: { ...done, lastCheckedAt: 10 } }),
      undefined,
    );
    const troubled = { ...running, trouble: { message: 'reset' } };
    assert.deepEqual(filter.refreshFor({ kind: 'updated', task: troubled }), { rows: ['c1'] });
  });

  it('redraws the whole list when a task comes or goes', () => {
    const filter = new RowRefreshFilter();
    assert.deepEqual(filter.refreshFor({ kind: 'added', task: running }), { all: true });
    assert.deepEqual(filter.refreshFor({ kind: 'removed', task: running }), { all: true });
  });
});
