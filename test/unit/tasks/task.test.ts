import assert from 'node:assert/strict';
import type { TrackedTask } from '../../../src/tasks/task';
import {
  applyFailure,
  applySnapshot,
  isFinished,
  liftRateLimit,
  markStale,
  markUnreachable,
  needsPolling,
  newTask,
  NO_OUTCOME_CODE,
  readSnapshot,
  settleWithoutOutcome,
  TASK_STATES,
} from '../../../src/tasks/task';
import { VertopalError } from '../../../src/vertopal/errors';
import type { TaskSnapshot } from '../../../src/vertopal/types';

const snapshot = (fields: Partial<TaskSnapshot> = {}): TaskSnapshot => ({
  connector: 'c1',
  status: 'running',
  outcome: undefined,
  resultReady: false,
  vcredits: undefined,
  error: undefined,
  warning: undefined,
  raw: { result: {} },
  ...fields,
});
const done = (outcome: string) =>
  snapshot({ status: 'completed', outcome, resultReady: true, vcredits: 3 });

const hasNoUndefinedKeys = (task: TrackedTask) =>
  assert.ok(Object.values(task).every((value) => value !== undefined));

describe('task model', () => {
  const task = newTask('c1', 1_000, 'report.docx');

  it('lists the task states, own states first', () => {
    assert.deepEqual(TASK_STATES.slice(0, 3), ['running', 'succeeded', 'failed']);
    assert.equal(new Set(TASK_STATES).size, 8);
  });

  it('starts running, with only the given fields', () => {
    assert.deepEqual(task, {
      connector: 'c1',
      label: 'report.docx',
      addedAt: 1_000,
      state: 'running',
    });
    assert.deepEqual(Object.keys(newTask('c2', 5)), ['connector', 'addedAt', 'state']);
  });

  it('reads snapshots', () => {
    assert.equal(readSnapshot(snapshot()), 'running');
    assert.equal(readSnapshot(snapshot({ status: 'queued' })), 'running');
    assert.equal(readSnapshot(snapshot({ status: undefined })), 'running');
    assert.equal(readSnapshot(done('successful')), 'succeeded');
    assert.equal(readSnapshot(done('failed')), 'failed');
    const failedConvert = { code: 'FAILED_CONVERT', message: 'The conversion has failed.' };
    assert.equal(readSnapshot(snapshot({ status: 'completed', error: failedConvert })), 'failed');
    assert.equal(readSnapshot(snapshot({ status: 'completed' })), 'awaitingResult');
  });

  it('records a running answer and clears trouble', () => {
    const troubled = applyFailure(task, new VertopalError('network', 'offline'), 2_000);
    const next = applySnapshot(troubled, snapshot(), 3_000);
    assert.equal(next.state, 'running');
    assert.equal(next.lastCheckedAt, 3_000);
    assert.equal(next.lastStatus, 'running');
    assert.deepEqual(next.lastResponse, { result: {} });
    assert.equal(next.trouble, undefined);
    hasNoUndefinedKeys(next);
  });

  it('finishes on success or failure and remembers when it first saw that', () => {
    const succeeded = applySnapshot(task, done('successful'), 5_000);
    assert.equal(succeeded.state, 'succeeded');
    assert.equal(succeeded.outcome, 'successful');
    assert.equal(succeeded.vcredits, 3);
    assert.equal(succeeded.completedAt, 5_000);
    assert.equal(applySnapshot(succeeded, done('successful'), 9_000).completedAt, 5_000);
    assert.equal(applySnapshot(task, done('failed'), 5_000).state, 'failed');
    assert.ok(isFinished(succeeded) && !needsPolling(succeeded));
  });

  it('stays running while completed has no result yet', () => {
    const next = applySnapshot(task, snapshot({ status: 'completed' }), 2_000);
    assert.equal(next.state, 'running');
    assert.equal(next.completedAt, undefined);
  });

  it('keeps a finished state when the server walks it back to running', () => {
    const succeeded = applySnapshot(task, done('successful'), 5_000);
    const next = applySnapshot(succeeded, snapshot(), 6_000);
    assert.deepEqual(next, { ...succeeded, lastCheckedAt: 6_000 });
  });

  it('lets a later outcome replace a settled one', () => {
    const settled = settleWithoutOutcome(task, 5_000);
    assert.equal(settled.state, 'failed');
    assert.equal(settled.error?.code, NO_OUTCOME_CODE);
    const next = applySnapshot(settled, done('successful'), 8_000);
    assert.equal(next.state, 'succeeded');
    assert.equal(next.error, undefined);
    assert.equal(next.completedAt, 5_000);
  });

  it('maps failures to trouble states', () => {
    const at = 2_000;
    const fail = (kind: ConstructorParameters<typeof VertopalError>[0], details = {}) =>
      applyFailure(task, new VertopalError(kind, `${kind} happened`, details), at);

    assert.equal(fail('credential').state, 'unauthorized');
    assert.equal(fail('notFound').state, 'notFound');
    const limited = fail('rateLimited', { retryAfterMs: 30_000 });
    assert.equal(limited.state, 'rateLimited');
    assert.deepEqual(limited.trouble, {
      message: 'rateLimited happened',
      until: 32_000,
      since: at,
    });
    assert.equal(fail('rateLimited').trouble?.until, undefined, 'no wait given, none invented');
    const network = fail('network');
    assert.equal(network.state, 'running');
    assert.deepEqual(network.trouble, { message: 'network happened', since: at });
    assert.equal(fail('cancelled'), task);
  });

  it('keeps unreachable through further failures, and the start of the trouble', () => {
    const first = applyFailure(task, new VertopalError('timeout', 'slow'), 2_000);
    const unreachable = markUnreachable(first, 3_000);
    assert.equal(unreachable.state, 'unreachable');
    assert.equal(unreachable.trouble?.message, 'slow');
    const again = applyFailure(unreachable, new VertopalError('server', 'down'), 4_000);
    assert.equal(again.state, 'unreachable');
    assert.equal(again.trouble?.since, 2_000);
  });

  it('leaves finished tasks alone on failures and trouble marks', () => {
    const succeeded = applySnapshot(task, done('successful'), 5_000);
    assert.equal(applyFailure(succeeded, new VertopalError('credential', 'no'), 6_000), succeeded);
    assert.equal(markStale(succeeded, 6_000), succeeded);
    assert.equal(markUnreachable(succeeded, 6_000), succeeded);
  });

  it('marks stale tasks and lifts rate limits', () => {
    const stale = markStale(task, 9_000);
    assert.equal(stale.state, 'stale');
    assert.equal(needsPolling(stale), false);
    const limited = applyFailure(task, new VertopalError('rateLimited', 'wait'), 2_000);
    const lifted = liftRateLimit(limited);
    assert.equal(lifted.state, 'running');
    assert.equal(lifted.trouble, undefined);
    assert.equal(liftRateLimit(stale), stale);
  });
});
