import assert from 'node:assert/strict';
import { FormatCatalog, inputFormatOf } from '../../../src/conversion/formatCatalog';

describe('FormatCatalog', () => {
  it('asks once per input format and normalises the answer', async () => {
    const asked: string[] = [];
    const catalog = new FormatCatalog(async (input) => {
      asked.push(input);
      return ['PDF', 'docx', 'pdf', 'html'];
    });
    assert.deepEqual(await catalog.outputsFor('MD'), ['docx', 'html', 'pdf']);
    assert.deepEqual(await catalog.outputsFor('md'), ['docx', 'html', 'pdf']);
    assert.deepEqual(asked, ['md']);
  });

  it('asks again after a failed answer', async () => {
    let calls = 0;
    const catalog = new FormatCatalog(async () => {
      calls++;
      if (calls === 1) throw new Error('network down');
      return ['pdf'];
    });
    await assert.rejects(catalog.outputsFor('txt'), /network down/);
    assert.deepEqual(await catalog.outputsFor('txt'), ['pdf']);
    assert.equal(calls, 2);
  });
});

describe('inputFormatOf', () => {
  it('is the lower-case extension, or empty', () => {
    assert.equal(inputFormatOf('Report.DOCX'), 'docx');
    assert.equal(inputFormatOf('archive.tar.gz'), 'gz');
    assert.equal(inputFormatOf('Makefile'), '');
    assert.equal(inputFormatOf('.bashrc'), '');
  });
});
