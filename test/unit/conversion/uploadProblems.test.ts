import assert from 'node:assert/strict';
import { describeTransferFailure } from '../../../src/conversion/uploadProblems';
import { VertopalError } from '../../../src/vertopal/errors';

describe('describeTransferFailure', () => {
  it('says a known refusal in plain words', () => {
    const error = new VertopalError('rejected', '[EMPTY_FILE] The file is empty.', {
      code: 'EMPTY_FILE',
    });
    assert.equal(
      describeTransferFailure('Uploading', 'a.md', error),
      'Uploading "a.md" failed: the file is empty.',
    );
  });

  it("falls back to the client's message for codes it has no words for", () => {
    const error = new VertopalError('rejected', 'Something odd happened.', { code: 'NEW_CODE' });
    assert.equal(
      describeTransferFailure('Uploading', 'a.md', error),
      'Uploading "a.md" failed: Something odd happened.',
    );
  });
});
